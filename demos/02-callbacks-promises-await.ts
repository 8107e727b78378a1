import { sleep } from './toolkit.ts'
const t0 = performance.now()
const at = () => `${Math.round(performance.now() - t0)} ms`

// 1. Callbacks: hand over a function to call when the wait is over.
setTimeout(() => {
  console.log(`callbacks:   order placed, ${at()}`)
  setTimeout(() => console.log(`callbacks:   food arrived, ${at()}`), 300)
}, 100)
// 2. Promises: a value that stands for "later", chained with .then().
sleep(100)
  .then(() => console.log(`promises:    order placed, ${at()}`))
  .then(() => sleep(300))
  .then(() => console.log(`promises:    food arrived, ${at()}`))
// 3. async/await: the same chain, read top to bottom.
await sleep(100)
console.log(`async/await: order placed, ${at()}`)
await sleep(300)
console.log(`async/await: food arrived, ${at()}`)
