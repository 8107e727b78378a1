import { inWorkers, NO_SHARED_MEMORY } from './toolkit.ts'
// Real threads, one shared counter: 8 workers
// each add 1 to cells[0] a million times.
function count(cells: Int32Array, atomic: boolean) {
  for (let i = 0; i < 1_000_000; i++) {
    if (atomic) Atomics.add(cells, 0, 1) // one step
    else cells[0]++ // read, add, write: 3 steps
  }
}
const fmt = (n: number) => n.toLocaleString('en')
if (typeof SharedArrayBuffer !== 'function') {
  console.warn(NO_SHARED_MEMORY) // why, and the fix
} else {
  console.log('expected:   ', fmt(8 * 1_000_000))
  for (const atomic of [false, false, true]) {
    const cells = new Int32Array(new SharedArrayBuffer(4))
    await inWorkers(8, count, cells, atomic) // at once
    const name = atomic ? 'Atomics.add:' : 'plain ++:   '
    console.log(name, fmt(cells[0]))
  }
}
