import assert from 'node:assert/strict'
import { runDemo } from '../tests/run-demo.ts'

Deno.test('03-freeze: two seconds of work block the thread; sliced, no block is longer than a slice', async () => {
  const lines = await runDemo('03-freeze.ts')
  assert.equal(lines.length, 6, lines.join('\n'))
  assert.equal(lines[0], '2 s of work, starting now')
  const blocked = /^thread blocked for (\d+) ms$/.exec(lines[1])
  assert.ok(blocked, lines[1])
  assert.ok(Number(blocked[1]) >= 1995, `blocked for only ${blocked[1]} ms`)
  assert.match(lines[2], /^work\(\) looped [1-9]\d* times$/)
  // The timer was due at once but could only run once the thread was free.
  const timer = /^0 ms timer ran at (\d+) ms$/.exec(lines[3])
  assert.ok(timer, lines[3])
  assert.ok(Number(timer[1]) >= Number(blocked[1]), `timer ran at ${timer[1]} ms, during the work`)
  // Deno has no scheduler.yield(), so the demo falls back to a setTimeout task.
  assert.match(lines[4], /^sliced, yielding with (scheduler\.yield|setTimeout)$/)
  const longest = Number(/^longest block: (\d+) ms$/.exec(lines[5])?.[1])
  // Each slice is 50 ms of work; a loaded machine may stretch one a little.
  assert.ok(longest >= 49 && longest < 500, lines[5])
})
