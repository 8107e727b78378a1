import { canYield, sleep, stopwatch, work } from './toolkit.ts'
// On the page's own thread: while work() runs,
// clicks, rendering and this console all wait.
const ms = stopwatch()
setTimeout(() => console.log('0 ms timer ran at', ms(), 'ms'))
console.log('2 s of work, starting now')
console.log('work():', work(2000), 'loops in', ms(), 'ms')
await sleep(100) // let the page catch up

// The cure: 2 s in 50 ms slices, yielding before each.
const how = canYield() ? 'scheduler.yield' : 'setTimeout'
const total = stopwatch()
let longest = 0
while (total() < 2000) {
  await (canYield() ? scheduler.yield() : sleep(0))
  const slice = stopwatch()
  work(50)
  longest = Math.max(longest, slice())
}
console.log(how, 'slices; longest block:', longest, 'ms')
