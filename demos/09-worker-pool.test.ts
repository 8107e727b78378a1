import assert from 'node:assert/strict'
import { runDemo } from '../tests/run-demo.ts'

Deno.test('09-worker-pool: one worker and a pool of N find the same primes; speed-up, efficiency and cores are reported', async () => {
  // Exiting at all shows the workers were terminated: a live worker keeps Deno running.
  const lines = await runDemo('09-worker-pool.ts')
  assert.equal(lines.length, 6, lines.join('\n'))
  const run = (i: number) => {
    const row = /^N=(\d+): (\d+) primes in (\d+) ms$/.exec(lines[i])
    assert.ok(row, lines[i])
    assert.match(lines[i + 1], /^ {2}start-up \d+ ms, not timed$/)
    return { n: Number(row[1]), primes: row[2], ms: Number(row[3]) }
  }
  const one = run(0), pool = run(2)
  const cores = navigator.hardwareConcurrency
  assert.equal(one.n, 1)
  assert.equal(pool.n, cores, 'N starts as the core count: the figure the speaker edits')
  assert.equal(one.primes, '283146') // π(4,000,000)
  assert.equal(pool.primes, one.primes)
  const speedUp = /^(\d+) cores, speed-up (\d+\.\d\d)×$/.exec(lines[4])
  const efficiency = /^efficiency (\d+\.\d\d)$/.exec(lines[5])
  assert.ok(speedUp && efficiency, lines.slice(4).join('\n'))
  assert.equal(Number(speedUp[1]), cores)
  // The figures follow from the printed times (rounding aside).
  assert.ok(Math.abs(Number(speedUp[2]) - one.ms / pool.ms) < 0.02, `${speedUp[2]} vs ${one.ms / pool.ms}`)
  const expected = Number(speedUp[2]) / Math.min(cores, pool.n)
  assert.ok(Math.abs(Number(efficiency[1]) - expected) < 0.01, `${efficiency[1]} vs ${expected}`)
})
