// Real threads, one shared counter: each worker
// adds 1 to it a million times, all at once.
const N = 1_000_000, WORKERS = 8
const source = `self.onmessage = (e) => {
  const [cells, atomic] = e.data
  Atomics.add(cells, 1, 1) // here: cells[1] counts
  Atomics.notify(cells, 1) // wake the rest to look
  let here // sleep till all ${WORKERS} are here
  while ((here = Atomics.load(cells, 1)) < ${WORKERS})
    Atomics.wait(cells, 1, here)
  for (let i = 0; i < ${N}; i++) {
    if (atomic) Atomics.add(cells, 0, 1)
    else cells[0]++ // read, add, write: 3 steps
  }
  self.postMessage('done')
}`
const url = URL.createObjectURL(new Blob([source]))

async function race(atomic: boolean) {
  // cells[0]: the counter; cells[1]: workers here
  const cells = new Int32Array(new SharedArrayBuffer(8))
  await Promise.all(Array.from({ length: WORKERS }, () => {
    const w = new Worker(url, { type: 'module' })
    w.postMessage([cells, atomic]) // shared, not copied
    return new Promise((done) => w.onmessage = done)
      .then(() => w.terminate())
  }))
  return cells[0]
}

const fmt = (n: number) => n.toLocaleString('en')
if (typeof SharedArrayBuffer === 'function') {
  console.log('expected:   ', fmt(N * WORKERS))
  for (const atomic of [false, false, true]) {
    const name = atomic ? 'Atomics.add:' : 'plain ++:   '
    console.log(name, fmt(await race(atomic)))
  }
} else {
  console.warn('No SharedArrayBuffer: this page is not',
    'cross-origin isolated. Fix: serve it with the headers',
    'Cross-Origin-Opener-Policy: same-origin and',
    'Cross-Origin-Embedder-Policy: require-corp, or over',
    'HTTPS or localhost, where its service worker adds',
    'them (README: "Hosting").')
}
