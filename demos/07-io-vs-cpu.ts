import { sleep, stopwatch, work } from './toolkit.ts'

// I/O-bound: the waiting happens off the
// thread, so three waits of 500 ms overlap.
let ms = stopwatch()
await Promise.all([500, 500, 500].map(sleep))
console.log('3 × sleep(500):', ms(), 'ms')

// CPU-bound: the thread itself is busy, so
// three 300 ms jobs can't overlap, async or not.
// deno-lint-ignore require-await
const job = async () => work(300)
ms = stopwatch()
await Promise.all([job(), job(), job()])
console.log('3 × work(300): ', ms(), 'ms')

// Each job() did its work(300) on the spot:
// an async function runs synchronously up to
// its first await, so the work was done while
// the array was built, before Promise.all.
// async changes how a result is delivered,
// not where the work runs.
