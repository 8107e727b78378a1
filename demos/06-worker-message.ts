// A Web Worker: its own thread, event loop and
// global scope. Its code: a string in a Blob URL.
// ("main" here is the deck's sandbox, itself a
// worker: workers can start workers.)
const source = `
  self.onmessage = (event) => {
    const n = event.data
    self.postMessage(n + ' squared is ' + n * n)
  }
`
const type = 'text/javascript'
const blob = new Blob([source], { type })
const url = URL.createObjectURL(blob)
const worker = new Worker(url, { type: 'module' })

worker.onmessage = (event) => {
  console.log('main: the worker replied:', event.data)
  worker.terminate() // or it waits for more, forever
}
worker.postMessage(12) // a copy (structured clone)
console.log('main: sent it, not waiting for the reply')
