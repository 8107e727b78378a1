// A Web Worker: its own thread, its own event loop, its own global scope.
// Here its code comes from a string, wrapped in a Blob URL.
const source = `
  self.onmessage = (event) => {
    const n = event.data
    self.postMessage(n + ' squared is ' + n * n)
  }
`
const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }))
const worker = new Worker(url, { type: 'module' })

worker.onmessage = (event) => {
  console.log('main: the worker replied:', event.data)
  worker.terminate() // it would otherwise wait for more messages, forever
}
worker.postMessage(12) // a copy (structured clone) goes to the worker
console.log('main: message sent, not waiting for the reply')
