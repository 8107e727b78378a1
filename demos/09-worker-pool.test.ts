import assert from 'node:assert/strict'

const file = new URL('./09-worker-pool.ts', import.meta.url).pathname

Deno.test('09-worker-pool: the pool finds as many primes as one thread, and ends', async () => {
  const out = await new Deno.Command(Deno.execPath(), { args: ['run', '-A', file] }).output()
  // Exiting at all shows the workers were terminated: a live worker keeps Deno running.
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr))
  const text = new TextDecoder().decode(out.stdout)
  const alone = /1 thread: +(\d+) primes in \d+ ms/.exec(text)?.[1]
  const pooled = /\d workers: (\d+) primes in \d+ ms/.exec(text)?.[1]
  assert.ok(alone, text)
  assert.equal(pooled, alone)
  assert.equal(alone, '283146') // π(4,000,000)
  assert.match(text, /speed-up: \d+\.\d×/)
})
