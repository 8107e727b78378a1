import { fakeFetch } from './toolkit.ts'

// Like fetch(url): it returns at once,
// before the "server" has answered.
const a = fakeFetch('/menu', { delay: 500 })
console.log('right away, a is', a)
console.log('Promise?', a instanceof Promise)

// await pauses this code, not the thread:
// the rest runs once the response is in.
const res = await a
console.log('later, status', res.status)
console.log('body:', await res.json())
// Try it: remove the await on line 11. Then
// res is a Promise: no status, and line 13
// throws, as res.json is not a function.
