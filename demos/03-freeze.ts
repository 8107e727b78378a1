import { stopwatch, work } from './toolkit.ts'

// This runs on the page's own thread: while
// work() runs, nothing else can. No clicks,
// no repaint, not even this console.
const ms = stopwatch()
setTimeout(() => {
  console.log('0 ms timer ran at', ms(), 'ms')
}, 0)

console.log('2 s of work, starting now')
const turns = work(2000)
console.log('thread blocked for', ms(), 'ms')
console.log('work() looped', turns, 'times')
