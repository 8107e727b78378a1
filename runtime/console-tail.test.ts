// The console's one bound: the newest lines under a count of the rest, in lines and in characters.
import { deepStrictEqual as assertEquals } from 'node:assert/strict'
import { appendLines, droppedText, EMPTY_TAIL } from './console-tail.ts'
import { CONSOLE_LINES, CONSOLE_TEXT } from './limits.ts'
import type { ConsoleLine } from './protocol.ts'

const line = (text: string, t = 0): ConsoleLine => ({ level: 'log', text, t, depth: 0 })
const texts = (ls: readonly ConsoleLine[]) => ls.map((l) => l.text)

Deno.test('keeps the newest lines and counts the rest', () => {
  let tail = appendLines(EMPTY_TAIL, ['a', 'b', 'c'].map((t) => line(t)), 0, { lines: 2, text: 100 })
  assertEquals(texts(tail.lines), ['b', 'c'])
  assertEquals(tail.dropped, 1)
  tail = appendLines(tail, [line('d')], 0, { lines: 2, text: 100 })
  assertEquals(texts(tail.lines), ['c', 'd'])
  assertEquals(tail.dropped, 2)
})

Deno.test('a gap at the source takes what came before it too: the tail stays unbroken', () => {
  let tail = appendLines(EMPTY_TAIL, [line('x'), line('y')])
  tail = appendLines(tail, [line('z')], 500)
  assertEquals(texts(tail.lines), ['z'])
  assertEquals(tail.dropped, 502)
  tail = appendLines(tail, [], 8)
  assertEquals(tail.lines, [])
  assertEquals(tail.dropped, 511)
})

Deno.test('the default bounds: CONSOLE_LINES lines, CONSOLE_TEXT characters', () => {
  const many = Array.from({ length: CONSOLE_LINES + 50 }, (_, i) => line(String(i)))
  const tail = appendLines(EMPTY_TAIL, many)
  assertEquals(tail.lines.length, CONSOLE_LINES)
  assertEquals(tail.lines[0].text, '50')
  assertEquals(tail.dropped, 50)
  const long = Array.from({ length: 100 }, () => line('y'.repeat(10_000)))
  const cut = appendLines(EMPTY_TAIL, long)
  assertEquals(cut.lines.length, Math.floor(CONSOLE_TEXT / 10_000))
  assertEquals(cut.dropped + cut.lines.length, 100)
})

Deno.test('nothing new is the same tail; the input is never changed', () => {
  const batch = [line('a')]
  const tail = appendLines(EMPTY_TAIL, batch)
  assertEquals(appendLines(tail, [], 0) === tail, true)
  appendLines(tail, [line('b')], 0, { lines: 1, text: 10 })
  assertEquals(texts(tail.lines), ['a'])
  assertEquals(batch.length, 1)
})

Deno.test('one wording for a dropped count', () => {
  assertEquals(droppedText(1), '1 earlier line dropped')
  assertEquals(droppedText(999_800), '999,800 earlier lines dropped')
})
