// Real threads, one shared counter: each worker
// adds 1 to it a million times, all at once.
const N = 1_000_000
const WORKERS = 8
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
const url = URL.createObjectURL(
  new Blob([source], { type: 'text/javascript' }),
)

async function race(atomic: boolean) {
  // cells[0]: the counter; cells[1]: workers here
  const memory = new SharedArrayBuffer(8)
  const cells = new Int32Array(memory)
  await Promise.all(Array.from({ length: WORKERS }, () => {
    const w = new Worker(url, { type: 'module' })
    w.postMessage([cells, atomic]) // shared, not copied
    return new Promise((done) => {
      w.onmessage = () => done(w.terminate())
    })
  }))
  return cells[0]
}

if (typeof SharedArrayBuffer !== 'function') {
  console.warn('No SharedArrayBuffer: this page is not',
    'cross-origin isolated.')
  console.warn('Fix: serve it with the headers',
    'Cross-Origin-Opener-Policy: same-origin and',
    'Cross-Origin-Embedder-Policy: require-corp,',
    'or over HTTPS or localhost, where its service',
    'worker adds them (README: "Hosting").')
} else {
  const total = N * WORKERS
  const fmt = (n: number) => n.toLocaleString('en')
  for (const atomic of [false, false, true]) {
    const got = await race(atomic)
    const name = atomic ? 'Atomics.add:' : 'plain ++:   '
    const lost = fmt(total - got)
    console.log(`${name} ${fmt(got)} of ${fmt(total)}, ${lost} lost`)
  }
}
