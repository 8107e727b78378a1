// 64 MB to a worker: copied, then transferred,
// timed from the post to the worker's reply.
const source = `postMessage('ready')
  onmessage = (e) => postMessage(e.data.byteLength)`
const url = URL.createObjectURL(new Blob([source]))
const worker = new Worker(url, { type: 'module' })
const reply = () =>
  new Promise((ok) => (worker.onmessage = (e) => ok(e.data)))
await reply() // it's up: now time only the messages
const buffer = new ArrayBuffer(64 * 2 ** 20)
new Uint8Array(buffer).fill(7) // real bytes
for (const how of ['copied', 'transferred']) {
  const t0 = performance.now()
  worker.postMessage(buffer, how === 'copied' ? [] : [buffer])
  const mb = Number(await reply()) / 2 ** 20
  const ms = (performance.now() - t0).toFixed(1)
  console.log(`${how}: ${mb} MB in ${ms} ms`)
}
console.log('sender:', buffer.byteLength, 'bytes,',
  'detached:', buffer.detached)
worker.terminate()
