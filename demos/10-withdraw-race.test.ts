import assert from 'node:assert/strict'
import { runDemo } from '../tests/run-demo.ts'

Deno.test('10-withdraw-race: check-await-act overdraws on one thread; the lock refuses one', async () => {
  const lines = await runDemo('10-withdraw-race.ts')
  assert.deepEqual(lines, [
    '[ "paid", "paid" ] balance -60',
    '[ "paid", "refused" ] balance 20',
  ])
})
