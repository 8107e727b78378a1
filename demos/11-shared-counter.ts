import { inWorkers, NO_SHARED_MEMORY } from './toolkit.ts'
// Real threads, one shared counter: each worker
// adds 1 to cells[0], N times.
const WORKERS = 8, N = 1_000_000
function count(cells: Int32Array, atomic: boolean, n: number) {
  for (let i = 0; i < n; i++) {
    if (atomic) Atomics.add(cells, 0, 1) // one step
    else cells[0]++ // read, add, write: 3 steps
  }
}
const fmt = (n: number) => n.toLocaleString('en')
if (typeof SharedArrayBuffer !== 'function') {
  console.warn(NO_SHARED_MEMORY) // why, and the fix
} else {
  console.log('expected:   ', fmt(WORKERS * N))
  for (const atomic of [false, false, true]) {
    const cells = new Int32Array(new SharedArrayBuffer(4))
    await inWorkers(WORKERS, count, cells, atomic, N) // at once
    const name = atomic ? 'Atomics.add:' : 'plain ++:   '
    console.log(name, fmt(cells[0]))
  }
}
