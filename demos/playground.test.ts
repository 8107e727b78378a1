import assert from 'node:assert/strict'
import { runDemo } from '../tests/run-demo.ts'

Deno.test('playground: the starter program prints its six lines in order', async () => {
  const lines = await runDemo('playground.ts')
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
