import assert from 'node:assert/strict'
import { runDemo } from '../tests/run-demo.ts'

Deno.test('09-worker-pool: the pool finds as many primes as one thread, and ends', async () => {
  // Exiting at all shows the workers were terminated: a live worker keeps Deno running.
  const lines = await runDemo('09-worker-pool.ts')
  assert.equal(lines.length, 3, lines.join('\n'))
  const alone = /^1 thread: +(\d+) primes, \d+ ms$/.exec(lines[0])?.[1]
  const pooled = /^\d+ workers: (\d+) primes, \d+ ms$/.exec(lines[1])?.[1]
  assert.equal(alone, '283146', lines[0]) // π(4,000,000)
  assert.equal(pooled, alone, lines[1])
  assert.match(lines[2], /^speed-up: \d+\.\d×$/)
})
