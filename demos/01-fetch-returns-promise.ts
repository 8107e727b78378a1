import { fakeFetch } from './toolkit.ts'

// fakeFetch behaves like fetch(url): it answers at once, with a Promise.
const t0 = performance.now()
const a = fakeFetch('/api/menu', { delay: 500 })
console.log('right away, a is a', a.constructor.name)
console.log('a instanceof Promise:', a instanceof Promise)

// await pauses this code (not the thread) until the promise settles.
const response = await a
const ms = Math.round(performance.now() - t0)
console.log(`after ${ms} ms, response.status is ${response.status}`)
console.log('body:', await response.json())
