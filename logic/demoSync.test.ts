import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { foldRun, newer, replayEvents, runKey, type RunSnapshot } from './demoSync.ts'
import { appendLines, EMPTY_TAIL } from '../runtime/console-tail.ts'
import { linesEvent, numbered, type RunEvent } from '../runtime/events.ts'
import type { ConsoleLine } from '../runtime/protocol.ts'

const log = (text: string, t = 0): ConsoleLine => ({ level: 'log', text, t, depth: 0 })

Deno.test('run keys order by time, then by window, the same way in every window', () => {
  const a = runKey('aaaa', 1000)
  const b = runKey('bbbb', 1000)
  const c = runKey('aaaa', 999_999_999_999)
  assert(newer(b, a) && !newer(a, b), 'same time: the window id decides')
  assert(newer(c, b), 'later wins')
  assert(newer(a, undefined))
})

/** A run's stream as run.ts emits it: the console folded once, each `lines` event the whole tail. */
function stream(): RunEvent[] {
  const out: RunEvent[] = []
  const emit = numbered((e) => out.push(e))
  emit({ type: 'started', code: 'x', lang: 'typescript', trace: true })
  let tail = appendLines(EMPTY_TAIL, Array.from({ length: 150 }, (_, i) => log(`a${i}`, i)))
  emit(linesEvent(tail))
  tail = appendLines(tail, Array.from({ length: 150 }, (_, i) => log(`b${i}`, i)), 7)
  emit(linesEvent(tail))
  emit({ type: 'trace', events: [{ k: 'log', level: 'log', text: 'a0', t: 0 }] })
  emit({ type: 'diagnostic', diagnostic: { message: 'Uncaught x', line: 2, column: 1 } })
  emit({ type: 'end', status: 'error' })
  return out
}

Deno.test('a run folds into a snapshot that holds its console as the runtime bounded it', () => {
  const events = stream()
  let snap: RunSnapshot | undefined
  for (const e of events) snap = foldRun(snap, e, runKey('w1', 5))
  assert(snap)
  // The gap of 7 took the 150 lines before it too: the console is an unbroken tail.
  assertEquals(snap.lines.map((l) => l.text), Array.from({ length: 150 }, (_, i) => `b${i}`))
  assertEquals(snap.dropped, 157)
  assertEquals(snap.status, 'error')
  assertEquals(snap.diagnostics, [{ message: 'Uncaught x', line: 2, column: 1 }])
})

Deno.test('a snapshot replays to the same stream, numbered in order', () => {
  let snap: RunSnapshot | undefined
  for (const e of stream()) snap = foldRun(snap, e, 'k')
  const replay = replayEvents(snap!, 'python')
  assertEquals(replay.map((e) => `${e.seq}:${e.type}`), ['0:started', '1:lines', '2:trace', '3:diagnostic', '4:end'])
  assert(replay[0].type === 'started' && replay[0].lang === 'python')
  const last = stream().filter((e) => e.type === 'lines').at(-1)
  assert(replay[1].type === 'lines' && last?.type === 'lines')
  assertEquals([replay[1].lines, replay[1].dropped], [last.lines, last.dropped])
})

Deno.test('events before a start belong to no run', () => {
  assertEquals(foldRun(undefined, { type: 'end', seq: 4, status: 'done' }, 'k'), undefined)
})
