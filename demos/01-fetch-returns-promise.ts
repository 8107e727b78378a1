import { fakeFetch } from './toolkit.ts'

// Like fetch(url): it returns at once.
const t0 = performance.now()
const a = fakeFetch('/api/menu', { delay: 500 })
console.log('right away, a is', a)
console.log('a is a Promise:', a instanceof Promise)

// await pauses this code, not the thread.
const res = await a
const ms = Math.round(performance.now() - t0)
console.log('after', ms, 'ms, status', res.status)
console.log('body:', await res.json())
