import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { CONCEPTS, tokensCss, UI } from './tokens.ts'

/** WCAG relative luminance of a #rgb or #rrggbb colour. */
function luminance(hex: string): number {
  const h = hex.slice(1)
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

Deno.test('the ten concepts of the talk each have a token', () => {
  assertEquals(Object.keys(CONCEPTS).sort(), [
    'busy',
    'message',
    'microtask',
    'network',
    'render',
    'stack',
    'task',
    'timer',
    'waiting',
    'worker',
  ])
})

Deno.test("a concept's outline stands out from the page: 3:1 or more, light on white and dark on the dark theme", () => {
  for (const [name, c] of Object.entries(CONCEPTS)) {
    assert(
      contrast(c.light, UI.bg.light) >= 3,
      `${name} light ${c.light}: ${contrast(c.light, UI.bg.light).toFixed(2)}:1`,
    )
    assert(
      contrast(c.dark, UI.bg.dark) >= 3,
      `${name} dark ${c.dark}: ${contrast(c.dark, UI.bg.dark).toFixed(2)}:1`,
    )
  }
})

Deno.test('each concept has a glyph of its own, so it reads without colour', () => {
  const seen = new Map<string, string>()
  for (const [name, c] of Object.entries(CONCEPTS)) {
    const key = `${c.glyph}`
    assert(!seen.has(key), `${name} and ${seen.get(key)} share the glyph ${c.glyph}`)
    seen.set(key, name)
  }
})

Deno.test('the style sheet defines every token in both schemes', () => {
  const css = tokensCss()
  const [light, dark] = [/^:root\{([^}]*)\}/.exec(css)![1], /html\.dark\{([^}]*)\}/.exec(css)![1]]
  for (const name of [...Object.keys(CONCEPTS), ...Object.keys(UI)]) {
    assert(light.includes(`--tok-${name}:`), `light lacks --tok-${name}`)
    assert(dark.includes(`--tok-${name}:`), `dark lacks --tok-${name}`)
  }
  assertEquals(light.includes(`--tok-task:${CONCEPTS.task.light};`), true)
  assertEquals(dark.includes(`--tok-task:${CONCEPTS.task.dark};`), true)
})
