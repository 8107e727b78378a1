// The sync wire format as the load test reads it, and what the server-ref
// plugin's patches really do to the shapes a live demo's state might take.
import { deepStrictEqual as assertEquals, throws as assertThrows } from 'node:assert/strict'
import { apply, applyBroadcast, decodeHmrMessage, diff, parseStateModule } from './protocol.ts'

Deno.test('parseStateModule reads the state inlined in a generated module', () => {
  // The shape the dev server generates for `/@server-reactive/nav`.
  const code = [
    'import { reactive, watch } from "/node_modules/vue.js"',
    'const data = reactive({"page":3,"clicks":1,"timer":{"status":"stopped","slides":{}}})',
    'let onSet = []',
  ].join('\n')
  assertEquals(parseStateModule(code), {
    page: 3,
    clicks: 1,
    timer: { status: 'stopped', slides: {} },
  })
  assertThrows(() => parseStateModule('export default {}'), /no longer inlines/)
})

Deno.test('decodeHmrMessage tells sync broadcasts from other Vite messages', () => {
  const sync = decodeHmrMessage(JSON.stringify({
    type: 'custom',
    event: 'vue-server-ref',
    data: { key: 'nav', source: 'x', data: { page: 2 }, timestamp: 1 },
  }))
  assertEquals(sync, {
    kind: 'sync',
    payload: { key: 'nav', source: 'x', data: { page: 2 }, timestamp: 1 },
  })
  assertEquals(decodeHmrMessage('{"type":"full-reload","path":"*"}'), {
    kind: 'other',
    type: 'full-reload',
  })
  assertEquals(decodeHmrMessage('{"type":"custom","event":"slidev:update-slide"}'), {
    kind: 'other',
    type: 'custom:slidev:update-slide',
  })
})

Deno.test('applyBroadcast replaces with data and merges a patch', () => {
  assertEquals(
    applyBroadcast({ page: 1, clicks: 2 }, { source: 's', data: { page: 2 }, timestamp: 0 }),
    {
      page: 2,
    },
  )
  assertEquals(
    applyBroadcast({ runId: 1, lines: { 0: 'a' } }, {
      source: 's',
      patch: { lines: { 1: 'b' } },
      timestamp: 0,
    }),
    { runId: 1, lines: { 0: 'a', 1: 'b' } },
  )
})

/** What a window that applies the broadcast of `diff(next, old)` ends up with. */
function roundTrip<T>(old: T, next: T): T {
  const patch = diff(next, old)
  // The broadcast is JSON: a key set to `undefined` (a deletion) drops out.
  return apply(structuredClone(old), JSON.parse(JSON.stringify(patch ?? null)))
}

const line = (n: number) => ({ level: 'log', text: `line ${n}` })

Deno.test('server-ref ?diff: lines keyed by number arrive intact (the shape the load test uses)', () => {
  const old = {
    status: 'running',
    lines: { 0: line(0) } as Record<number, ReturnType<typeof line>>,
  }
  const next = { status: 'done', lines: { ...old.lines, 1: line(1), 2: line(2) } }
  assertEquals(roundTrip(old, next), next)
})

// The next three pin pitfalls of vite-plugin-vue-server-ref 1.0.0's `diff`,
// which Slidev 53 uses for `?diff` imports. A window diffs against its copy
// of the last state it received from another window, so they bite once two
// windows write the same key (seen in Chromium too). If one starts failing,
// the plugin changed: revisit the advice in BENCHMARKS.md and presenter.ts.
Deno.test('server-ref ?diff pitfall: an object appended to an array loses fields equal to the one before', () => {
  const got = roundTrip({ lines: [line(0)] }, { lines: [line(0), line(1)] })
  assertEquals(got, { lines: [line(0), { text: 'line 1' }] })
})

Deno.test('server-ref ?diff pitfall: appending to an array of strings throws in diff', () => {
  assertThrows(() => diff({ lines: ['a', 'b'] }, { lines: ['a'] }), TypeError)
})

Deno.test('server-ref ?diff pitfall: emptying an array or deleting a key does not reach other windows', () => {
  assertEquals(roundTrip({ lines: [line(0)] }, { lines: [] }), { lines: [line(0)] })
  assertEquals(roundTrip<{ a: number; b?: number }>({ a: 1, b: 2 }, { a: 1 }), { a: 1, b: 2 })
})
