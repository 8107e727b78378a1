import assert from 'node:assert/strict'

const file = new URL('./01-fetch-returns-promise.ts', import.meta.url).pathname

Deno.test('01-fetch-returns-promise: a Promise at once, the response later', async () => {
  const out = await new Deno.Command(Deno.execPath(), { args: ['run', '-A', file] }).output()
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr))
  const lines = new TextDecoder().decode(out.stdout).trim().split('\n')
  assert.equal(lines.length, 4, lines.join('\n'))
  assert.equal(lines[0], 'right away, a is Promise { <pending> }')
  assert.equal(lines[1], 'Promise? true')
  const later = /^status 200 at (\d+) ms$/.exec(lines[2])
  assert.ok(later, lines[2])
  // The response only exists once the fake server's 500 ms have passed.
  assert.ok(Number(later[1]) >= 495, `the response came after only ${later[1]} ms`)
  assert.equal(lines[3], 'body: { url: "/menu" }')
})
