import { sleep, work } from './toolkit.ts'

// I/O-bound: three waits of 500 ms. Waiting happens off the thread, so they overlap.
let start = performance.now()
await Promise.all([sleep(500), sleep(500), sleep(500)])
console.log(`3 × sleep(500), awaited together: ${Math.round(performance.now() - start)} ms`)

// CPU-bound: three jobs of 300 ms, each wrapped in an async function.
// The thread itself is busy, so nothing overlaps: async does not make work parallel.
// deno-lint-ignore require-await -- (the linter knows: this async changes nothing)
const job = async () => work(300)
start = performance.now()
await Promise.all([job(), job(), job()])
console.log(`3 × work(300), awaited together: ${Math.round(performance.now() - start)} ms`)
