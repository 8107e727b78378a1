import assert from 'node:assert/strict'
import { runDemo } from '../tests/run-demo.ts'

Deno.test('06-worker-message: main carries on, the worker replies, then it ends', async () => {
  const lines = await runDemo('06-worker-message.ts')
  assert.deepEqual(lines, [
    'main: sent it, not waiting for the reply',
    'main: the worker replied: 12 squared is 144',
  ])
})
