// How viewers' receipts are checked against the presenter's actions, and the figures.
import { deepStrictEqual as assertEquals } from 'node:assert/strict'
import { type Action, fanOut, follow, leftBehind, percentile, spread } from './tally.ts'

const actions: Action[] = [
  { signature: 'nav 2/0', sentAt: 1000 },
  { signature: 'nav 3/0', sentAt: 1100 },
  { signature: 'demo 1:running:0', sentAt: 1200 },
]

Deno.test('follow: a viewer that got everything in order', () => {
  const r = follow(actions, [
    { signature: 'nav 2/0', at: 1004 },
    { signature: 'nav 3/0', at: 1103 },
    { signature: 'demo 1:running:0', at: 1210 },
  ])
  assertEquals(r.lags, [4, 3, 10])
  assertEquals([r.missing, r.outOfOrder, r.repeated, r.unexpected], [0, 0, 0, 0])
  assertEquals(leftBehind(actions, r), false)
})

Deno.test('follow: missed, late and foreign states leave a viewer behind', () => {
  const r = follow(actions, [
    { signature: 'nav 3/0', at: 1105 },
    { signature: 'nav 2/0', at: 1106 },
    { signature: 'nav 2/0', at: 1107 },
    { signature: 'nav 9/9', at: 1108 },
  ])
  assertEquals(r.lags, [106, 5, undefined])
  assertEquals(r.missing, 1)
  assertEquals(r.outOfOrder, 2)
  assertEquals(r.unexpected, 1)
  assertEquals(r.finalSignature, 'nav 9/9')
  assertEquals(leftBehind(actions, r), true)
})

Deno.test('follow: the same state twice in a row is a repeat, not a fault', () => {
  const r = follow(actions, [
    { signature: 'nav 2/0', at: 1001 },
    { signature: 'nav 2/0', at: 1002 },
    { signature: 'nav 3/0', at: 1101 },
    { signature: 'demo 1:running:0', at: 1201 },
  ])
  assertEquals([r.repeated, r.outOfOrder], [1, 0])
  assertEquals(leftBehind(actions, r), false)
})

Deno.test('follow: a viewer that got nothing is behind', () => {
  const r = follow(actions, [])
  assertEquals(r.missing, 3)
  assertEquals(leftBehind(actions, r), true)
})

Deno.test('percentile is nearest-rank', () => {
  const xs = Array.from({ length: 100 }, (_, i) => 100 - i)
  assertEquals(percentile(xs, 50), 50)
  assertEquals(percentile(xs, 95), 95)
  assertEquals(percentile(xs, 100), 100)
  assertEquals(percentile([7], 95), 7)
  assertEquals(Number.isNaN(percentile([], 50)), true)
  assertEquals(spread([3, 1, 2]), { count: 3, p50: 2, p95: 3, max: 3 })
})

Deno.test('fanOut takes the slowest viewer per action', () => {
  const a = follow(actions, [{ signature: 'nav 2/0', at: 1010 }, {
    signature: 'nav 3/0',
    at: 1101,
  }])
  const b = follow(actions, [{ signature: 'nav 2/0', at: 1002 }, {
    signature: 'nav 3/0',
    at: 1150,
  }])
  assertEquals(fanOut([a, b], actions.length), [10, 50])
})
