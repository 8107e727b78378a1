import assert from 'node:assert/strict'
import { runDemo } from '../tests/run-demo.ts'

Deno.test('03-freeze: two seconds of work block the thread; the 0 ms timer waits for them', async () => {
  const lines = await runDemo('03-freeze.ts')
  assert.equal(lines.length, 4, lines.join('\n'))
  assert.equal(lines[0], '2 s of work, starting now')
  const blocked = /^thread blocked for (\d+) ms$/.exec(lines[1])
  assert.ok(blocked, lines[1])
  assert.ok(Number(blocked[1]) >= 1995, `blocked for only ${blocked[1]} ms`)
  assert.match(lines[2], /^work\(\) looped [1-9]\d* times$/)
  // The timer was due at once but could only run once the thread was free.
  const timer = /^0 ms timer ran at (\d+) ms$/.exec(lines[3])
  assert.ok(timer, lines[3])
  assert.ok(Number(timer[1]) >= Number(blocked[1]), `timer ran at ${timer[1]} ms, during the work`)
})
