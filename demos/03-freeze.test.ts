import assert from 'node:assert/strict'
import { runDemo } from '../tests/run-demo.ts'

Deno.test('03-freeze: two seconds of work block the thread; sliced, no block is longer than a slice', async () => {
  const lines = await runDemo('03-freeze.ts')
  assert.equal(lines.length, 4, lines.join('\n'))
  assert.equal(lines[0], '2 s of work, starting now')
  const blocked = /^work\(\): [1-9]\d* loops in (\d+) ms$/.exec(lines[1])
  assert.ok(blocked, lines[1])
  assert.ok(Number(blocked[1]) >= 1995, `blocked for only ${blocked[1]} ms`)
  // The timer was due at once but could only run once the thread was free.
  const timer = /^0 ms timer ran at (\d+) ms$/.exec(lines[2])
  assert.ok(timer, lines[2])
  assert.ok(Number(timer[1]) >= Number(blocked[1]), `timer ran at ${timer[1]} ms, during the work`)
  // Deno has no scheduler.yield(), so the demo falls back to a setTimeout task.
  const sliced = /^setTimeout slices; longest block: (\d+) ms$/.exec(lines[3])
  assert.ok(sliced, lines[3])
  // Each slice is 50 ms of work; a loaded machine may stretch one a little.
  assert.ok(Number(sliced[1]) >= 49 && Number(sliced[1]) < 500, lines[3])
})
