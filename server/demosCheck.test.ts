import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { stringify } from 'vite-plugin-vue-server-ref/client'
import { demosProblem } from './demosCheck.ts'

const known = new Set(['playground', 'delivery'])
const good = { by: 'w1', rev: 1, code: 'x', step: null }
const body = (data: unknown) => JSON.stringify({ source: 's', data, timestamp: 1 })

Deno.test('the demos state a POST carries: taken whole when every snapshot reads well', () => {
  assertEquals(demosProblem(body({ playground: good, delivery: good }), known), undefined)
  assertEquals(demosProblem(body({}), known), undefined)
  // As a page sends it: the plugin's own coding, which marks undefined fields.
  assertEquals(demosProblem(stringify({ source: 's', data: { playground: { ...good, cursor: undefined } }, timestamp: 1 }), known), undefined)
})

Deno.test('the demos state: malformed, patched, unknown ids, bad snapshots refused', () => {
  assertEquals(demosProblem('{"data":', known), 'malformed JSON')
  assert(demosProblem(JSON.stringify({ patch: { playground: good } }), known)?.includes('sent whole'))
  assert(demosProblem(body([good]), known)?.includes('sent whole'))
  assert(demosProblem(body({ 'not-a-demo': good }), known)?.startsWith('unknown demo id'))
  assert(demosProblem(body({ playground: { ...good, rev: 1e300 } }), known)?.startsWith('demo playground:'))
  assert(demosProblem(body({ playground: { ...good, code: 5 } }), known))
})
