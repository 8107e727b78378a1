import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { foldRun, LINES_TEXT, newer, replayEvents, runKey, type RunSnapshot } from './demoSync.ts'
import type { RunEvent } from './runStream.ts'

Deno.test('run keys order by time, then by window, the same way in every window', () => {
  const a = runKey('aaaa', 1000)
  const b = runKey('bbbb', 1000)
  const c = runKey('aaaa', 999_999_999_999)
  assert(newer(b, a) && !newer(a, b), 'same time: the window id decides')
  assert(newer(c, b), 'later wins')
  assert(newer(a, undefined))
})

Deno.test('a run folds into a bounded snapshot that replays to the same stream', () => {
  const key = runKey('w1', 5)
  const events: RunEvent[] = [
    { type: 'start', run: 3, code: 'x', trace: true },
    { type: 'lines', run: 3, lines: Array.from({ length: 150 }, (_, i) => ({ level: 'log', text: `a${i}`, t: i, depth: 0 })), dropped: 0 },
    { type: 'lines', run: 3, lines: Array.from({ length: 150 }, (_, i) => ({ level: 'log', text: `b${i}`, t: i, depth: 0 })), dropped: 7 },
    { type: 'trace', run: 3, events: [{ k: 'log', level: 'log', text: 'a0', t: 0 }] },
    { type: 'end', run: 3, status: 'done' },
  ]
  let snap: RunSnapshot | undefined
  for (const e of events) snap = foldRun(snap, e, key)
  assert(snap)
  assertEquals(snap.lines.length, 200)
  assertEquals(snap.lines[0].text, 'a100')
  assertEquals(snap.dropped, 107)
  assertEquals(snap.status, 'done')
  const replay = replayEvents(snap)
  assertEquals(replay.map((e) => e.type), ['start', 'lines', 'trace', 'end'])
})

Deno.test('events before a start belong to no run', () => {
  assertEquals(foldRun(undefined, { type: 'end', run: 1, status: 'done' }, 'k'), undefined)
})

Deno.test('a snapshot keeps at most LINES_TEXT characters of console, the newest lines', () => {
  let snap = foldRun(undefined, { type: 'start', run: 1, code: 'x', trace: false }, 'k')
  const long = Array.from({ length: 100 }, (_, i) => ({ level: 'log' as const, text: String(i).padEnd(10_000, '.'), t: i, depth: 0 }))
  snap = foldRun(snap, { type: 'lines', run: 1, lines: long, dropped: 0 }, 'k')
  assert(snap)
  assertEquals(snap.lines.length, Math.floor(LINES_TEXT / 10_000))
  assertEquals(snap.lines.at(-1)?.text.startsWith('99'), true)
  assertEquals(snap.dropped, 100 - snap.lines.length)
})
