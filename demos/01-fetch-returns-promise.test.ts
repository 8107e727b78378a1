import assert from 'node:assert/strict'
import { runDemo } from './run-demo.ts'

Deno.test('01-fetch-returns-promise: a Promise at once, the response later', async () => {
  const lines = await runDemo('01-fetch-returns-promise.ts')
  assert.equal(lines.length, 4, lines.join('\n'))
  assert.equal(lines[0], 'right away, a is Promise { <pending> }')
  assert.equal(lines[1], 'Promise? true')
  const later = /^status 200 at (\d+) ms$/.exec(lines[2])
  assert.ok(later, lines[2])
  // The response only exists once the fake server's 500 ms have passed.
  assert.ok(Number(later[1]) >= 495, `the response came after only ${later[1]} ms`)
  assert.equal(lines[3], 'body: { url: "/menu" }')
})
