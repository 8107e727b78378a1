/**
 * One visual language: no component, layout, page or style writes a colour
 * of its own; every colour comes from the tokens (styles/tokens.ts). The
 * same check by hand, from the project root:
 *
 *   grep -rnE '#[0-9a-fA-F]{3,8}\b|\b(rgba?|hsla?|hwb|lab|lch|oklab|oklch)\(' \
 *     components composables layouts setup styles pages slides.md global-top.vue custom-nav-controls.vue \
 *     | grep -v '^styles/tokens.ts:'
 *
 * (This test also catches named colours such as `white` in a colour property.)
 */
import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'

const ROOT = new URL('../', import.meta.url)
const SCANNED = [
  'components',
  'composables',
  'layouts',
  'setup',
  'styles',
  'pages',
  'slides.md',
  'global-top.vue',
  'custom-nav-controls.vue',
]
const TOKENS = 'styles/tokens.ts'
const NAMED =
  'white|black|red|green|blue|yellow|orange|purple|pink|gray|grey|silver|navy|teal|maroon|olive|lime|aqua|fuchsia|cyan|magenta'
const LITERAL = new RegExp(
  [
    '(?<![.\\w])#[0-9a-fA-F]{3,8}\\b(?![-\\w])',
    '\\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\\(',
    // A named colour as the value of a colour property or SVG paint attribute.
    `(?:color|background(?:-color)?|fill|stroke|border(?:-[a-z]+)*|outline(?:-color)?|box-shadow|text-shadow)\\s*[:=]\\s*["']?[^;"'\\n]*?\\b(?:${NAMED})\\b(?!-)`,
  ].join('|'),
  'i',
)

async function* files(path: string): AsyncGenerator<string> {
  const url = new URL(path, ROOT)
  let info: Deno.FileInfo
  try {
    info = await Deno.stat(url)
  } catch {
    return
  }
  if (info.isFile) {
    if (/\.(vue|ts|css|md)$/.test(path) && !/\.test\.ts$/.test(path)) yield path
    return
  }
  for await (const entry of Deno.readDir(url)) yield* files(`${path}/${entry.name}`)
}

/** Each line that writes a colour, as `file:line: text`. */
export async function colourLiterals(): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>()
  for (const top of SCANNED) {
    for await (const path of files(top)) {
      if (path === TOKENS) continue
      const lines = (await Deno.readTextFile(new URL(path, ROOT))).split('\n')
      const hits = lines.flatMap((
        line,
        i,
      ) => (LITERAL.test(line) ? [`${path}:${i + 1}: ${line.trim()}`] : []))
      if (hits.length) found.set(path, hits)
    }
  }
  return found
}

Deno.test('the pattern finds what it should and nothing else', () => {
  for (
    const bad of [
      'fill="#fff"',
      'color: #2563eb;',
      'rgba(1, 2, 3, 0.5)',
      'background: white;',
      'stroke="black"',
      'oklch(0.5 0.1 200)',
    ]
  ) {
    assert(LITERAL.test(bad), `missed ${bad}`)
  }
  for (
    const fine of [
      'white-space: pre-wrap;',
      '# The event loop',
      'color: var(--tok-info);',
      'this.#dead = true',
      'fill="currentColor"',
      'black band',
    ]
  ) {
    assert(!LITERAL.test(fine), `flagged ${fine}`)
  }
})

Deno.test('no component, layout, page or style writes a colour outside the tokens', async () => {
  const found = await colourLiterals()
  const stray = [...found].flatMap(([, hits]) => hits)
  assertEquals(stray, [], 'use a token from styles/tokens.ts (var(--tok-…)) instead')
})
