import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { checkSnapshot, MAX_REV, readChannelMessage, refused, SNAPSHOT_LIMITS } from './snapshotCheck.ts'
import { runKey } from './demoSync.ts'
import { CONSOLE_TEXT, maxLineText } from '../runtime/limits.ts'

const NOW = Date.UTC(2026, 11, 7)
const ids = new Set(['playground'])
const run = (over: Record<string, unknown> = {}) => ({
  key: runKey('w1', NOW),
  code: 'console.log(1)',
  trace: true,
  status: 'done',
  lines: [{ level: 'log', text: '1', t: 0, depth: 0 }],
  dropped: 0,
  events: [{ k: 'log', level: 'log', text: '1', t: 0 }],
  diagnostics: [],
  ...over,
})
const snap = (over: Record<string, unknown> = {}) => ({ by: 'w1', rev: 3, code: 'let x = 1', step: null, run: run(), ...over })
const message = (s: unknown, id = 'playground') => JSON.stringify({ type: 'snapshot', id, snap: s })
const why = (r: { ok: boolean; why?: string }) => (r.ok ? 'taken' : r.why)

Deno.test('a real snapshot is taken as it is', () => {
  // A window whose editor has no caret yet sends `cursor: null`.
  assert(checkSnapshot(snap({ cursor: null, zoom: 1.25 }), NOW).ok)
  const r = checkSnapshot(snap(), NOW)
  assert(r.ok)
  // (A trace event's absent line reads as `line: undefined`, which JSON leaves out.)
  const plain = (v: unknown) => JSON.parse(JSON.stringify(v))
  assertEquals(plain(r.value), snap())
  assertEquals(plain(readChannelMessage(message(snap()), ids, NOW)), { ok: true, value: { type: 'snapshot', id: 'playground', snap: snap() } })
  assertEquals(readChannelMessage(JSON.stringify({ type: 'hello' }), ids, NOW), { ok: true, value: { type: 'hello' } })
})

Deno.test('malformed JSON, other kinds of message, unknown demo ids: refused', () => {
  for (const bad of ['{"type":"snapshot",', '', 'null', '[]', '"x"', '{"type":"other"}']) assert(!readChannelMessage(bad, ids, NOW).ok, bad)
  // Not text at all (an object, as an older window or a forged sender posts).
  assertEquals(why(readChannelMessage({ type: 'snapshot', id: 'playground', snap: snap() }, ids, NOW)), 'not text')
  assert(why(readChannelMessage(message(snap(), 'no-such-demo'), ids, NOW)).startsWith('unknown demo id'))
  assert(why(readChannelMessage(message(snap(), '__proto__'), ids, NOW)).startsWith('unknown demo id'))
})

Deno.test('wrong types in any field: refused', () => {
  const cases: Record<string, unknown>[] = [
    { by: 5 },
    { by: '<b>x</b>' },
    { rev: '3' },
    { rev: -1 },
    { rev: 1.5 },
    { rev: NaN },
    { code: 42 },
    { code: null },
    { cursor: 'a' },
    { step: -2 },
    { zoom: 1e9 },
    { stop: {} },
    { reset: 'now' },
    { run: 'running' },
    { run: run({ status: 'hacked' }) },
    { run: run({ lines: 'x' }) },
    { run: run({ lines: [5] }) },
    { run: run({ events: {} }) },
    { run: run({ events: [{ k: 'nope' }] }) },
    { run: run({ trace: 'yes' }) },
    { run: run({ diagnostics: [{ message: 1, line: 1, column: 1 }] }) },
    { run: run({ key: '../../etc' }) },
    { run: run({ dropped: -4 }) },
  ]
  for (const over of cases) assert(!checkSnapshot(snap(over), NOW).ok, JSON.stringify(over))
  for (const bad of [null, undefined, 'snap', 5, [snap()]]) assert(!checkSnapshot(bad, NOW).ok, String(bad))
})

Deno.test('sizes: a 50 MB message, a million console lines, a million trace events, huge code: refused without reading them', () => {
  const huge = 'x'.repeat(50 * 1024 * 1024)
  assert(why(readChannelMessage(huge, ids, NOW)).includes('over the limit'))
  assert(!checkSnapshot(snap({ code: huge }), NOW).ok)
  assert(!checkSnapshot(snap({ code: 'x'.repeat(SNAPSHOT_LIMITS.code + 1) }), NOW).ok)
  const line = { level: 'log', text: 'spam', t: 0, depth: 0 }
  assert(why(checkSnapshot(snap({ run: run({ lines: new Array(1_000_000).fill(line) }) }), NOW)).includes('at most 200'))
  const event = { k: 'exit', f: 1, t: 0 }
  assert(why(checkSnapshot(snap({ run: run({ events: new Array(1_000_000).fill(event) }) }), NOW)).includes('at most'))
  // A line longer than the sandbox ever sends is refused (the sandbox cut it once already).
  assert(why(checkSnapshot(snap({ run: run({ lines: [{ ...line, text: 'y'.repeat(maxLineText() + 1) }] }) }), NOW)).includes('console line'))
  assert(checkSnapshot(snap({ run: run({ lines: [{ ...line, text: 'y'.repeat(maxLineText()) }] }) }), NOW).ok)
  // More console text than the runtime keeps: refused, not cut.
  const wide = new Array(Math.ceil(CONSOLE_TEXT / maxLineText()) + 1).fill({ ...line, text: 'w'.repeat(maxLineText()) })
  assert(why(checkSnapshot(snap({ run: run({ lines: wide }) }), NOW)).includes('characters'))
})

Deno.test('from the future: a revision beyond 2^48 or a run that starts an hour ahead is refused', () => {
  assert(!checkSnapshot(snap({ rev: MAX_REV + 1 }), NOW).ok)
  assert(!checkSnapshot(snap({ rev: Number.MAX_SAFE_INTEGER }), NOW).ok)
  assert(!checkSnapshot(snap({ rev: 1e300 }), NOW).ok)
  assert(checkSnapshot(snap({ rev: MAX_REV }), NOW).ok)
  assertEquals(why(checkSnapshot(snap({ run: run({ key: runKey('w1', NOW + 2 * 3600_000) }) }), NOW)), 'run from the future')
  assert(checkSnapshot(snap({ run: run({ key: runKey('w1', NOW + 60_000) }) }), NOW).ok, 'a minute of clock skew is fine')
})

Deno.test('HTML and <script> in text fields stay text, unchanged', () => {
  const html = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
  const r = checkSnapshot(snap({ code: html, run: run({ code: html, lines: [{ level: 'log', text: html, t: 0, depth: 0 }], events: [{ k: 'log', level: 'log', text: html, t: 0 }] }) }), NOW)
  assert(r.ok)
  assertEquals([r.value.code, r.value.run!.lines[0].text], [html, html])
})

Deno.test('each refused input is said once', () => {
  const said: string[] = []
  const warn = (l: string) => said.push(l)
  refused('a message', 'malformed JSON', 'k1', warn)
  refused('a message', 'malformed JSON', 'k1', warn)
  refused('a message', 'malformed JSON', 'k2', warn)
  assertEquals(said, ['[demo sync] ignored a message: malformed JSON', '[demo sync] ignored a message: malformed JSON'])
})
