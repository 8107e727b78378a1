import { countPrimes, workerPool } from './toolkit.ts'

// Primes below 4 million, in 16 chunks.
const chunks = [...Array(16).keys()]
  .map((i) => [i * 250_000, (i + 1) * 250_000])
const sum = (xs: number[]) => xs.reduce((a, b) => a + b)

let t = performance.now()
const alone = sum(chunks.map(countPrimes))
const oneMs = Math.round(performance.now() - t)
console.log(`1 thread:  ${alone} primes, ${oneMs} ms`)

// A pool: each worker takes the next free chunk.
const size = Math.min(4, navigator.hardwareConcurrency)
const pool = await workerPool(countPrimes, size, [0, 0])
t = performance.now() // workers are up: time the work
const pooled = sum(await pool.map(chunks))
const poolMs = Math.round(performance.now() - t)
pool.terminate()
console.log(`${size} workers: ${pooled} primes, ${poolMs} ms`)
console.log(`speed-up: ${(oneMs / poolMs).toFixed(1)}×`)
