import assert from 'node:assert/strict'
import { runDemo } from '../tests/run-demo.ts'

Deno.test('14-zero-timeout: the script, then the microtask, then the 0 ms timer task', async () => {
  assert.deepEqual(await runDemo('14-zero-timeout.ts'), ['the script itself', 'promise callback', 'timer, 0 ms'])
})
