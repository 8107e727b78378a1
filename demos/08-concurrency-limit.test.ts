import assert from 'node:assert/strict'
import { runDemo } from '../tests/run-demo.ts'

Deno.test('08-concurrency-limit: 12 requests, never more than 3 in flight', async () => {
  const lines = await runDemo('08-concurrency-limit.ts')
  assert.equal(lines.length, 13, lines.join('\n'))
  const starts = lines.slice(0, 12).map((l) => /^start (\S+) in flight: (\d+)$/.exec(l))
  assert.ok(starts.every(Boolean), lines.join('\n'))
  assert.deepEqual(
    starts.map((m) => m?.[1]),
    Array.from({ length: 12 }, (_, i) => `/photos/${i + 1}`),
  )
  const inFlight = starts.map((m) => Number(m?.[2]))
  assert.deepEqual(inFlight.slice(0, 3), [1, 2, 3])
  assert.ok(inFlight.every((n) => n >= 1 && n <= 3), `in flight: ${inFlight}`)
  const total = Number(/^12 photos, 3 at a time: (\d+) ms$/.exec(lines[12])?.[1])
  // Four rounds of 200 ms: well under one at a time (2400 ms), at least 800 ms.
  assert.ok(total >= 795 && total < 0.8 * 12 * 200, `total ${total} ms`)
})
