import { deepStrictEqual as assertEquals } from 'node:assert/strict'
import { effectScope } from 'vue'
import type { TraceEvent } from '../runtime/protocol.ts'
import { TRACE_VIEW_MS, useRunTrace } from './useRunTrace.ts'

const ev = (n: number) => ({ kind: 'log', t: n } as unknown as TraceEvent)

Deno.test('the views get the first batch at once, later ones at most every TRACE_VIEW_MS, and all of it on flush', async () => {
  let clock = 0
  const scope = effectScope()
  await scope.run(async () => {
    const t = useRunTrace(() => clock)
    t.add([ev(1)])
    assertEquals(t.trace.value.length, 1)
    clock += 16
    t.add([ev(2)])
    clock += 16
    t.add([ev(3), ev(4)])
    assertEquals(t.trace.value.length, 1, 'a batch 16 ms later waits')
    await new Promise((r) => setTimeout(r, TRACE_VIEW_MS + 50))
    assertEquals(t.trace.value.length, 4, 'held batches arrive together')
    t.add([ev(5)])
    t.flush()
    assertEquals(t.trace.value.map((e) => (e as unknown as { t: number }).t), [1, 2, 3, 4, 5])
    t.clear()
    assertEquals(t.trace.value, [])
  })
  scope.stop()
})
