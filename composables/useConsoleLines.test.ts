import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { appendLines, EMPTY_TAIL } from '../runtime/console-tail.ts'
import type { ConsoleLine } from '../runtime/protocol.ts'
import { useConsoleLines } from './useConsoleLines.ts'

const log = (text: string, t = 0): ConsoleLine => ({ level: 'log', text, t, depth: 0 })

/** A console whose frames the test advances by hand. */
function manual() {
  let clock = 0
  const frames: (() => void)[] = []
  const c = useConsoleLines({ now: () => clock, schedule: (f) => frames.push(f) })
  return {
    c,
    tick(ms = 16) {
      clock += ms
      frames.splice(0).forEach((f) => f())
    },
  }
}

Deno.test('the first change shows at once; a burst waits for the next frame, and shows the newest console', () => {
  const { c, tick } = manual()
  c.show([log('a')], 0)
  assertEquals(c.lines.value.map((l) => l.text), ['a'])
  c.show([log('a'), log('b')], 0)
  c.show([log('a'), log('b'), log('c')], 0)
  assertEquals(c.lines.value.length, 1)
  tick()
  assertEquals(c.lines.value.map((l) => l.text), ['a', 'b', 'c'])
})

Deno.test('the dropped count becomes the one line at the top; nothing is cut here', () => {
  const { c, tick } = manual()
  const tail = appendLines(EMPTY_TAIL, Array.from({ length: 10 }, (_, i) => log(`l${i}`)), 0, { lines: 3, text: 100 })
  c.show(tail.lines, tail.dropped)
  tick()
  assertEquals(c.lines.value.map((l) => `${l.level}:${l.text}`), [
    'system:7 earlier lines dropped',
    'log:l7',
    'log:l8',
    'log:l9',
  ])
  // A count alone (no lines) still updates the line.
  c.show([], 1_510)
  tick()
  assertEquals(c.lines.value.map((l) => l.text), ['1,510 earlier lines dropped'])
})

Deno.test('a line keeps its key as the console scrolls, and a later run never reuses one', () => {
  const { c, tick } = manual()
  c.show([log('a'), log('b')], 0)
  const b = c.lines.value[1].id
  c.show([log('b'), log('c')], 1)
  tick()
  assertEquals(c.lines.value[1].id, b)
  const before = Math.max(...c.lines.value.map((l) => l.id))
  c.clear()
  c.show([log('a')], 0)
  assert(c.lines.value[0].id > before)
})

Deno.test('clear forgets lines and pending frames; a note goes below the run', () => {
  const { c, tick } = manual()
  c.show([log('a')], 0)
  c.show([log('a'), log('b')], 0)
  c.clear()
  tick()
  assertEquals(c.lines.value.length, 0)
  c.show([log('fresh')], 0)
  c.note('Stopped')
  assertEquals(c.lines.value.map((l) => `${l.level}:${l.text}`), ['log:fresh', 'system:Stopped'])
})
