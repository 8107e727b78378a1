import { countPrimes, workerPool } from './toolkit.ts'
const cores = navigator.hardwareConcurrency
const N = cores // workers in the pool: try 1, 2, …
// Primes below 4 million: 16 chunks, slowest first
const chunks = [...Array(16).keys()].reverse()
  .map((i) => [i * 250_000, (i + 1) * 250_000])
const sum = (xs: number[]) => xs.reduce((a, b) => a + b)
async function timed(size: number) {
  const t0 = performance.now()
  const pool = await workerPool(countPrimes, size, [0, 60_000])
  const t1 = performance.now() // up: start the clock
  const primes = sum(await pool.map(chunks)) // lanes
  const ms = Math.round(performance.now() - t1)
  pool.terminate()
  console.log(`N=${size}: ${primes} primes in ${ms} ms`)
  console.log(`  start-up ${Math.round(t1 - t0)} ms, not timed`)
  return ms
}
const speedUp = (await timed(1)) / (await timed(N))
const efficiency = speedUp / Math.min(cores, N)
console.log(`${cores} cores, speed-up ${speedUp.toFixed(2)}×`)
console.log(`efficiency ${efficiency.toFixed(2)}`)
