// The readers of untrusted sandbox messages: well-formed input read whole, oversized input refused.
import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { CONSOLE_LINES, DEFAULT_LIMITS, FILE_TEXT, maxLineText, MESSAGE_TEXT } from './limits.ts'
import { parseFrameMessage, parseLines, parseSandboxMessage, parseTrace } from './parse.ts'

const line = (text: string) => ({ level: 'log', text, t: 1, depth: 0 })

Deno.test('a batch of lines as the sandbox sends it is read whole', () => {
  const batch = Array.from({ length: CONSOLE_LINES }, (_, i) => line('x'.repeat(i === 0 ? maxLineText() : 3)))
  const m = parseSandboxMessage({ type: 'lines', lines: batch, dropped: 12 })
  assert(m?.type === 'lines')
  assertEquals(m.lines.length, CONSOLE_LINES)
  assertEquals(m.lines[0].text.length, maxLineText())
  assertEquals(m.dropped, 12)
})

Deno.test('a batch over the bounds is refused, not cut a second time', () => {
  const tooMany = Array.from({ length: DEFAULT_LIMITS.maxLinesPerBatch + 1 }, () => line('x'))
  assertEquals(parseSandboxMessage({ type: 'lines', lines: tooMany, dropped: 0 }), undefined)
  assertEquals(parseSandboxMessage({ type: 'lines', lines: [line('x'.repeat(maxLineText() + 1))], dropped: 0 }), undefined)
  assertEquals(parseLines('not a list'), undefined)
})

Deno.test('malformed fields are made safe: unknown level, negative counts, deep nesting', () => {
  const lines = parseLines([{ level: '<b>', text: 5, t: -3, depth: 99 }, null, 'x'])
  assertEquals(lines, [{ level: 'log', text: '5', t: 0, depth: 20 }])
  const m = parseSandboxMessage({ type: 'lines', lines: [], dropped: -7 })
  assertEquals(m, { type: 'lines', lines: [], dropped: 0 })
})

Deno.test('an error keeps its place and a bounded message', () => {
  const m = parseSandboxMessage({ type: 'error', at: { line: 3.7, column: 0 }, message: 'e'.repeat(5_000) })
  assert(m?.type === 'error')
  assertEquals(m.at, { line: 3, column: 1 })
  assertEquals(m.message?.length, MESSAGE_TEXT)
  assertEquals(parseSandboxMessage({ type: 'nonsense' }), undefined)
  assertEquals(parseSandboxMessage(null), undefined)
})

Deno.test('trace events: only known kinds, with bounded text', () => {
  const events = parseTrace([
    { k: 'enter', t: 1, f: 1, name: 'n'.repeat(900), async: 'yes' },
    { k: 'bogus', t: 2 },
    { k: 'timer', t: 3, id: 4, ms: -5, repeat: true, label: 'setTimeout' },
  ])
  assertEquals(events.length, 2)
  assert(events[0].k === 'enter' && events[0].name.length === 500 && events[0].async === false)
  assert(events[1].k === 'timer' && events[1].ms === 0 && events[1].repeat)
})

Deno.test('frame messages: a rejected compile carries its diagnostic as data', () => {
  const m = parseFrameMessage({ type: 'rejected', worker: 2, diagnostic: { message: 'bad', line: 4, column: 2 }, file: 'demo.ts' })
  assertEquals(m, { type: 'rejected', worker: 2, diagnostic: { message: 'bad', line: 4, column: 2 }, file: 'demo.ts' })
  const long = parseFrameMessage({ type: 'rejected', worker: 2, diagnostic: { message: 'bad', line: 4, column: 2 }, file: 'x'.repeat(1e6) })
  assertEquals(long?.type === 'rejected' && long.file.length, FILE_TEXT)
  assertEquals(parseFrameMessage({ type: 'failed', worker: 1, message: 'm'.repeat(3_000) })?.type, 'failed')
  assertEquals(parseFrameMessage({ type: 'what' }), undefined)
})
