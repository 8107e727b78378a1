import { workerFromFunction } from './toolkit.ts'

// Pure CPU work. It travels to the workers as text,
// so it may use nothing from outside.
function countPrimes([from, to]: number[]): number {
  let count = 0
  for (let n = Math.max(from, 2), d = 2; n < to; n++, d = 2) {
    while (d * d <= n && n % d) d++
    if (d * d > n) count++
  }
  return count
}
const STEP = 250_000 // 16 chunks, up to 4,000,000
const chunks = [...Array(16).keys()]
  .map((i) => [i * STEP, (i + 1) * STEP])

let start = performance.now()
const alone = chunks.map(countPrimes).reduce((a, b) => a + b)
const oneMs = performance.now() - start
console.log(`1 thread:  ${alone} primes in ${oneMs | 0} ms`)

const size = Math.min(4, navigator.hardwareConcurrency ?? 2)
const pool = Array.from({ length: size },
  () => workerFromFunction(countPrimes))
// Start-up is not timed: warm every worker first.
await Promise.all(pool.map((worker) => worker.run([0, 0])))
start = performance.now()
// Each worker takes the next free chunk.
const sums = await Promise.all(pool.map(async (worker) => {
  let sum = 0
  for (let c = chunks.shift(); c; c = chunks.shift()) {
    sum += await worker.run(c)
  }
  return sum
}))
const poolMs = performance.now() - start
const total = sums.reduce((a, b) => a + b)
console.log(`${size} workers: ${total} primes in ${poolMs | 0} ms`)
console.log(`speed-up: ${(oneMs / poolMs).toFixed(1)}×`)
pool.forEach((worker) => worker.terminate())
