// Your turn: edit this and press Run (or load a starter).
import { fakeFetch, sleep, work } from './toolkit.ts'

console.log('1. synchronous code runs first')
setTimeout(() => console.log('4. then a task: the timer'), 0)
Promise.resolve().then(() => console.log('3. then microtasks'))
console.log('2. still synchronous')

await sleep(100)
const res = await fakeFetch('/api/hello', { delay: 200 })
console.log('5. fetched', res.url, 'with status', res.status)
console.log(`6. busy for 50 ms: ${work(50)} loop turns`)
