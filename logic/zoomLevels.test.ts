import { deepStrictEqual as assertEquals } from 'node:assert/strict'
import { DEFAULT_ZOOM, snapZoom, stepZoom, ZOOM_LEVELS, zoomKey } from './zoomLevels.ts'

Deno.test('steps go through every level and stop at the ends', () => {
  const up = [ZOOM_LEVELS[0] as number]
  while (up.length < 20) up.push(stepZoom(up[up.length - 1], 1))
  assertEquals([...new Set(up)], [...ZOOM_LEVELS])
  assertEquals(stepZoom(ZOOM_LEVELS[0], -1), ZOOM_LEVELS[0])
  assertEquals(stepZoom(1, 1), 1.1)
  assertEquals(stepZoom(1, -1), 0.9)
})

Deno.test('a kept or forwarded value becomes a level, or the default', () => {
  assertEquals(snapZoom(1.24), 1.25)
  assertEquals(snapZoom(9), 2)
  assertEquals(snapZoom(0.1), 0.8)
  assertEquals(snapZoom(undefined), DEFAULT_ZOOM)
  assertEquals(snapZoom(NaN), DEFAULT_ZOOM)
  // Off-step values step from their nearest level.
  assertEquals(stepZoom(1.3, 1), 1.5)
})

Deno.test('Ctrl or Cmd with plus, minus and 0, as browsers bind page zoom', () => {
  const k = (
    key: string,
    mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {},
  ) => zoomKey({ key, ctrlKey: false, metaKey: false, altKey: false, ...mods })
  assertEquals(k('+', { ctrlKey: true }), 1)
  assertEquals(k('=', { metaKey: true }), 1)
  assertEquals(k('-', { ctrlKey: true }), -1)
  assertEquals(k('_', { ctrlKey: true }), -1)
  assertEquals(k('0', { metaKey: true }), 0)
  // Without the modifier, typing a plus is typing a plus.
  assertEquals(k('+'), undefined)
  assertEquals(k('-'), undefined)
  assertEquals(k('+', { ctrlKey: true, altKey: true }), undefined)
  assertEquals(k('Enter', { ctrlKey: true }), undefined)
})
