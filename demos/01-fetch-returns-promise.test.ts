import assert from 'node:assert/strict'
import { runDemo } from '../tests/run-demo.ts'

Deno.test('01-fetch-returns-promise: a Promise at once, the response later', async () => {
  const start = performance.now()
  const lines = await runDemo('01-fetch-returns-promise.ts')
  const took = performance.now() - start
  assert.deepEqual(lines, [
    'right away, a is Promise { <pending> }',
    'Promise? true',
    'later, status 200',
    'body: { url: "/menu" }',
  ])
  // The response only exists once the fake server's 500 ms have passed.
  assert.ok(took >= 500, `the whole run took only ${took} ms`)
})
