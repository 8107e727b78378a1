import assert from 'node:assert/strict'

const file = new URL('./playground.ts', import.meta.url).pathname

Deno.test('playground: the starter program prints its six lines in order', async () => {
  const out = await new Deno.Command(Deno.execPath(), { args: ['run', '-A', file] }).output()
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr))
  const lines = new TextDecoder().decode(out.stdout).trim().split('\n')
  assert.deepEqual(lines.slice(0, 5), [
    '1. sync code runs first',
    '2. still sync',
    '3. a microtask',
    '4. a timer task',
    '5. fetched /hello 200',
  ])
  assert.match(lines[5], /^6\. \d+ loop turns in 50 ms$/)
  assert.equal(lines.length, 6)
})
