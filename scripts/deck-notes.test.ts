import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import type { Plugin } from 'vite'
import { deckNotes } from './deck-notes.ts'

// The shape Slidev 53 gives slide N's frontmatter module in the build.
const slideModule = (no: number, noteHTML: string) =>
  [
    'export const meta = shallowReactive({',
    '  slide: {',
    `    ...(${JSON.stringify({ title: `Slide ${no}`, noteHTML, revision: 'r' })}),`,
    '    frontmatter,',
    `    id: ${no - 1},`,
    `    no: ${no},`,
    '  },',
    '})',
  ].join('\n')

type Hook = (...args: unknown[]) => unknown
const call = (plugin: Plugin, hook: keyof Plugin, ctx: unknown, ...args: unknown[]) =>
  (plugin[hook] as Hook).call(ctx, ...args)

function built() {
  const plugin = deckNotes()
  call(plugin, 'configResolved', undefined, { command: 'build' })
  call(plugin, 'buildStart', undefined)
  const ctx = { error: (m: string) => { throw new Error(m) } }
  const transform = (code: string, id: string) => call(plugin, 'transform', ctx, code, id) as { code: string } | undefined
  return { plugin, transform }
}

Deno.test('the notes leave each slide module for a getter, and fill the notes chunk at render', () => {
  const { plugin, transform } = built()
  const one = transform(slideModule(1, '<p>Welcome</p>'), '/deck/slides.md__slidev_1.frontmatter')!
  const two = transform(slideModule(2, '<p>Second "quoted"</p>'), '/deck/slides.md__slidev_2.frontmatter')!
  for (const out of [one, two]) assert(!out.code.includes('<p>'), 'no note text left in the slide module')
  assert(one.code.includes('get noteHTML() { return __deckNote(0) }'), 'get noteHTML() { return __deckNote(0) }')
  assert(two.code.includes('get noteHTML() { return __deckNote(1) }'), 'get noteHTML() { return __deckNote(1) }')
  assert(one.code.includes('"noteHTML":""'), '"noteHTML":""')
  // Anything else passes untouched.
  assertEquals(transform('export default 1', '/deck/components/X.vue'), undefined)

  assertEquals(call(plugin, 'resolveId', undefined, 'virtual:deck-notes'), '\0virtual:deck-notes')
  const stub = call(plugin, 'load', undefined, '\0virtual:deck-notes') as string
  const chunk = call(plugin, 'renderChunk', undefined, `const a=${stub.replace('export default ', '')};`) as { code: string }
  const notes = new Function(`${chunk.code}; return a`)()
  assertEquals(notes, ['<p>Welcome</p>', '<p>Second "quoted"</p>'])
  assertEquals(call(plugin, 'renderChunk', undefined, 'const other = 1'), undefined)
})

Deno.test('a slide module of another shape fails the build instead of losing its notes', () => {
  const { transform } = built()
  let message = ''
  try {
    transform('export const meta = { slide: {} }', '/deck/slides.md__slidev_3.frontmatter')
  } catch (e) {
    message = (e as Error).message
  }
  assert(message.includes("slide 3's frontmatter module has an unknown shape"), "slide 3's frontmatter module has an unknown shape")
})

Deno.test('in dev nothing is rewritten: Slidev serves the notes itself', () => {
  const plugin = deckNotes()
  call(plugin, 'configResolved', undefined, { command: 'serve' })
  assertEquals(call(plugin, 'transform', {}, slideModule(1, '<p>x</p>'), '/d/slides.md__slidev_1.frontmatter'), undefined)
  assertEquals(call(plugin, 'load', undefined, '\0virtual:deck-notes'), 'export default []')
})
