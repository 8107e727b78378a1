import { work } from './toolkit.ts'

// This demo runs on the page's own thread. While work() runs, nothing else
// can: no clicks, no repaint, not even this console. Try changing slides.
const t0 = performance.now()
const since = () => Math.round(performance.now() - t0)
setTimeout(() => console.log(`a 0 ms timer, set first, ran after ${since()} ms`), 0)

console.log('starting two seconds of work on the main thread')
const turns = work(2000)
console.log(`the thread was blocked for ${since()} ms (${turns} loop turns)`)
