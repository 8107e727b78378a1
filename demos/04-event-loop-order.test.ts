import assert from 'node:assert/strict'
import { runDemo } from '../tests/run-demo.ts'

Deno.test('04-event-loop-order: sync code, then every microtask, then the timer task', async () => {
  const lines = await runDemo('04-event-loop-order.ts')
  assert.deepEqual(lines, [
    'A sync',
    'E in the async function',
    'G sync',
    'C then',
    'D microtask',
    'F after await',
    'B setTimeout 0',
  ])
})
