import { work } from './toolkit.ts'

// This runs on the page's own thread: while
// work() runs, nothing else can. No clicks,
// no repaint, not even this console.
const t0 = performance.now()
const ms = () => Math.round(performance.now() - t0)
setTimeout(() => {
  console.log('the 0 ms timer ran at', ms(), 'ms')
}, 0)

console.log('two seconds of work, starting now')
const turns = work(2000)
console.log('thread blocked for', ms(), 'ms')
console.log('work() looped', turns, 'times')
