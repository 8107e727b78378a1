// A Web Worker: its own thread, its own event loop,
// its own global scope. Its code comes from a string,
// wrapped in a Blob URL.
const source = `
  self.onmessage = (event) => {
    const n = event.data
    self.postMessage(n + ' squared is ' + n * n)
  }
`
const type = 'text/javascript'
const url = URL.createObjectURL(new Blob([source], { type }))
const worker = new Worker(url, { type: 'module' })

worker.onmessage = (event) => {
  console.log('main: the worker replied:', event.data)
  worker.terminate() // or it waits for more, forever
}
worker.postMessage(12) // a copy (structured clone)
console.log('main: sent it, not waiting for the reply')
