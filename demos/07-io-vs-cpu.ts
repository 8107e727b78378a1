import { sleep, work } from './toolkit.ts'
const since = (t: number) => Math.round(performance.now() - t)

// I/O-bound: three waits of 500 ms. The waiting happens
// off the thread, so the three overlap.
let start = performance.now()
await Promise.all([sleep(500), sleep(500), sleep(500)])
console.log(`3 × sleep(500), awaited together: ${since(start)} ms`)

// CPU-bound: three 300 ms jobs, each in an async function.
// The thread itself is busy, so nothing overlaps:
// async does not make work parallel.
// deno-lint-ignore require-await -- this async changes nothing
const job = async () => work(300)
start = performance.now()
await Promise.all([job(), job(), job()])
console.log(`3 × work(300), awaited together: ${since(start)} ms`)
