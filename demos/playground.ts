// Your turn: edit this, then press Run.
// Or load a starter from the list.
import { fakeFetch, sleep, work } from './toolkit.ts'

console.log('1. sync code runs first')
setTimeout(() => console.log('4. a timer task'), 0)
queueMicrotask(() => console.log('3. a microtask'))
console.log('2. still sync')

await sleep(100)
const res = await fakeFetch('/hello', { delay: 200 })
console.log('5. fetched', res.url, res.status)
console.log(`6. ${work(50)} loop turns in 50 ms`)

// Ideas: swap the sleep for work(300); add a
// worker with workerFromFunction (toolkit.ts).
// Predict the output before every Run!
