import assert from 'node:assert/strict'

const file = new URL('./01-fetch-returns-promise.ts', import.meta.url).pathname

Deno.test('01-fetch-returns-promise: a Promise at once, the response later', async () => {
  const start = performance.now()
  const out = await new Deno.Command(Deno.execPath(), { args: ['run', '-A', file] }).output()
  const took = performance.now() - start
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr))
  const lines = new TextDecoder().decode(out.stdout).trim().split('\n')
  assert.deepEqual(lines, [
    'right away, a is Promise { <pending> }',
    'Promise? true',
    'later, status 200',
    'body: { url: "/menu" }',
  ])
  // The response only exists once the fake server's 500 ms have passed.
  assert.ok(took >= 500, `the whole run took only ${took} ms`)
})
