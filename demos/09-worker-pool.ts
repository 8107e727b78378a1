import { workerFromFunction } from './toolkit.ts'

// Pure CPU work. It travels to the workers as text, so it may use nothing from outside.
function countPrimes([from, to]: number[]): number {
  let count = 0
  for (let n = Math.max(from, 2), d = 2; n < to; n++, d = 2) {
    while (d * d <= n && n % d) d++
    if (d * d > n) count++
  }
  return count
}
const chunks = Array.from({ length: 16 }, (_, i) => [i * 250_000, (i + 1) * 250_000])

let start = performance.now()
const alone = chunks.map(countPrimes).reduce((a, b) => a + b)
const oneMs = performance.now() - start
console.log(`1 thread:  ${alone} primes in ${Math.round(oneMs)} ms`)

const size = Math.min(4, navigator.hardwareConcurrency ?? 2)
const pool = Array.from({ length: size }, () => workerFromFunction(countPrimes))
await Promise.all(pool.map((worker) => worker.run([0, 0]))) // start-up, not timed
start = performance.now()
const sums = await Promise.all(pool.map(async (worker) => { // each worker takes the next free chunk
  let sum = 0
  for (let c = chunks.shift(); c; c = chunks.shift()) sum += await worker.run(c)
  return sum
}))
const poolMs = performance.now() - start
console.log(`${size} workers: ${sums.reduce((a, b) => a + b)} primes in ${Math.round(poolMs)} ms`)
console.log(`speed-up: ${(oneMs / poolMs).toFixed(1)}×`)
pool.forEach((worker) => worker.terminate())
