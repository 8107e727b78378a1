import { fakeFetch, sleep, stopwatch } from './toolkit.ts'
import { work, workerFromFunction } from './toolkit.ts'
// Async work: ask politely; fetch honours the signal.
async function report(signal: AbortSignal) {
  for (const page of [1, 2, 3, 4, 5]) {
    await fakeFetch(`/page/${page}`, { delay: 150, signal })
    console.log('got page', page)
  }
}
const controller = new AbortController()
setTimeout(() => controller.abort(), 400)
await report(controller.signal)
  .catch((e) => console.log(e.name))

// CPU work: a worker in a busy loop checks no
// signal and reads no message. terminate() doesn't ask.
const worker = workerFromFunction(work) // work(ms): busy
const ms = stopwatch()
worker.run(2000).then(() => console.log('2 s job done'))
await sleep(500)
worker.terminate() // pulls the plug
console.log(`terminated after ${ms()} ms, mid-job`)
