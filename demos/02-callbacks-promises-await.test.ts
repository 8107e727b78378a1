import assert from 'node:assert/strict'
import { runDemo } from '../tests/run-demo.ts'

Deno.test('02-callbacks-promises-await: one flow three ways, interleaved on one thread', async () => {
  const lines = await runDemo('02-callbacks-promises-await.ts')
  const parsed = lines.map((line) => {
    const m = /^(callbacks|promises|await): (order placed|food here) (\d+) ms$/.exec(line)
    assert.ok(m, `unexpected line: ${line}`)
    return { how: m[1], what: m[2], ms: Number(m[3]) }
  })
  // Timers with equal delays fire in the order they were set, so the order is fixed.
  assert.deepEqual(parsed.map((p) => `${p.how}: ${p.what}`), [
    'callbacks: order placed',
    'promises: order placed',
    'await: order placed',
    'callbacks: food here',
    'promises: food here',
    'await: food here',
  ])
  for (const p of parsed) {
    const least = p.what === 'order placed' ? 95 : 395
    assert.ok(p.ms >= least, `${p.how}: ${p.what} at ${p.ms} ms, before ${least} ms`)
  }
  // The three flows overlapped: all done well before 3 × 400 ms.
  assert.ok(parsed[5].ms < 0.8 * 1200, `the last food arrived at ${parsed[5].ms} ms`)
})
