import {
  sleep,
  stopwatch,
  work,
} from './toolkit.ts'

// This runs on the page's own thread: while
// work() runs, clicks, JS-driven rendering
// and this console all wait. (Scrolling and
// CSS transform or opacity animations can go
// on: the compositor thread runs them.)
const ms = stopwatch()
setTimeout(() => {
  console.log('0 ms timer ran at', ms(), 'ms')
}, 0)

console.log('2 s of work, starting now')
const turns = work(2000)
console.log('thread blocked for', ms(), 'ms')
console.log('work() looped', turns, 'times')

await sleep(100) // let the page catch up

// The cure without a worker: the same 2 s in
// 50 ms slices, giving the thread back after
// each: scheduler.yield() where the browser
// has it, otherwise a new task via setTimeout.
const hasYield = typeof scheduler === 'object'
const pause = () =>
  hasYield
    ? scheduler.yield()
    : new Promise((go) => setTimeout(go, 0))
const total = stopwatch()
let longest = 0
while (total() < 2000) {
  await pause()
  const slice = stopwatch()
  work(50)
  longest = Math.max(longest, slice())
}
console.log('sliced, yielding with',
  hasYield ? 'scheduler.yield' : 'setTimeout')
console.log('longest block:', longest, 'ms')
