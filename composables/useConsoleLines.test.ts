import { deepStrictEqual as assertEquals } from 'node:assert/strict'
import type { ConsoleLine } from '../runtime/protocol.ts'
import { useConsoleLines } from './useConsoleLines.ts'

const log = (text: string, t = 0): ConsoleLine => ({ level: 'log', text, t, depth: 0 })

/** A console whose frames the test advances by hand. */
function manual(max = 5) {
  let clock = 0
  const frames: (() => void)[] = []
  const c = useConsoleLines({ max, now: () => clock, schedule: (f) => frames.push(f) })
  return {
    c,
    tick(ms = 16) {
      clock += ms
      frames.splice(0).forEach((f) => f())
    },
  }
}

Deno.test('the first batch shows at once; a burst waits for the next frame', () => {
  const { c, tick } = manual()
  c.push([log('a')])
  assertEquals(c.lines.value.map((l) => l.text), ['a'])
  c.push([log('b')])
  c.push([log('c')])
  assertEquals(c.lines.value.length, 1)
  tick()
  assertEquals(c.lines.value.map((l) => l.text), ['a', 'b', 'c'])
})

Deno.test('keeps the last lines and says how many were dropped', () => {
  const { c, tick } = manual(3)
  c.push(Array.from({ length: 10 }, (_, i) => log(`l${i}`)))
  tick()
  assertEquals(c.lines.value.map((l) => `${l.level}:${l.text}`), [
    'system:7 earlier lines dropped',
    'log:l7',
    'log:l8',
    'log:l9',
  ])
})

Deno.test('lines the sandbox dropped count in the one note at the top, with what came before them', () => {
  const { c, tick } = manual(2)
  c.push([log('x'), log('y')], 1_000)
  tick()
  assertEquals(c.lines.value.map((l) => l.text), ['1,000 earlier lines dropped', 'x', 'y'])
  // 500 more dropped after y: x and y are now earlier lines too.
  c.push([log('z')], 500)
  tick()
  assertEquals(c.lines.value.map((l) => l.text), ['1,502 earlier lines dropped', 'z'])
  // A count alone (no lines) still updates the note.
  c.push([], 7)
  tick()
  assertEquals(c.lines.value.map((l) => l.text), ['1,510 earlier lines dropped'])
})

Deno.test('clear forgets lines, drops and pending frames', () => {
  const { c, tick } = manual(2)
  c.push([log('a'), log('b'), log('c')])
  c.push([log('d')])
  c.clear()
  tick()
  assertEquals(c.lines.value.length, 0)
  c.push([log('fresh')])
  assertEquals(c.lines.value.map((l) => l.text), ['fresh'])
})
