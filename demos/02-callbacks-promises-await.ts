import { sleep, stopwatch } from './toolkit.ts'
const ms = stopwatch()
const log = (s: string) => console.log(s, ms(), 'ms')

// 1. Callbacks: a function to call later.
setTimeout(() => {
  log('callbacks: order placed')
  setTimeout(() => log('callbacks: food here'), 300)
}, 100)
// 2. Promises: a value for "later", chained.
sleep(100)
  .then(() => log('promises: order placed'))
  .then(() => sleep(300))
  .then(() => log('promises: food here'))
// 3. async/await: the same, top to bottom.
await sleep(100)
log('await: order placed')
await sleep(300)
log('await: food here')
