/**
 * A Vite plugin: in the build, the speaker's notes leave the first slide's
 * bytes.
 *
 * Slidev puts every slide's rendered notes (`noteHTML`) into that slide's
 * frontmatter module, and imports every one of those eagerly (41 KB of
 * HTML in the main chunk, 2026-12-07), before the title slide can show, for a view
 * (presenter, reading mode) that may never open. Here each frontmatter
 * module keeps an empty `noteHTML` and gets a getter instead, which reads
 * the notes from ../logic/deckNotes.ts; that module loads them all, in one
 * chunk of their own (`virtual:deck-notes`), on first use or when the page
 * is first idle (../setup/root.ts). The getter reads a Vue ref, so whatever
 * shows a note (Slidev's presenter, our reading mode) fills in once they
 * arrive.
 *
 * The notes are collected as Slidev's modules pass through `transform`; the
 * notes chunk holds a placeholder until `renderChunk`, when every slide has
 * been seen (the chunk's hash is taken after that, so it names its content).
 */
import type { Plugin } from 'vite'

const VIRTUAL = 'virtual:deck-notes'
const RESOLVED = '\0' + VIRTUAL
const PLACEHOLDER = '__DECK_NOTES_FILLED_AT_RENDER__'
/** Slidev's id for slide N's frontmatter module (`…/slides.md__slidev_N.frontmatter`). */
const FRONTMATTER_ID = /__slidev_(\d+)\.frontmatter$/
/** The line of that module that spreads the slide's data: `    ...({json}),`. */
const SLIDE_DATA_LINE = /^ {4}\.\.\.\((\{.*\})\),$/m
/** The line that closes the slide's data with its number: `    no: N,`. */
const NO_LINE = /^ {4}no: (\d+),$/m

export function deckNotes(): Plugin {
  const store = new URL('../logic/deckNotes.ts', import.meta.url).pathname
  const notes: string[] = []
  let build = false
  return {
    name: 'deck-notes',
    enforce: 'post',
    configResolved(config) {
      build = config.command === 'build'
    },
    buildStart() {
      notes.length = 0
    },
    resolveId(id) {
      if (id === VIRTUAL) return RESOLVED
    },
    load(id) {
      // In dev Slidev serves the notes itself: the store is never asked, and has nothing to load.
      if (id === RESOLVED) return build ? `export default JSON.parse(${JSON.stringify(PLACEHOLDER)})` : 'export default []'
    },
    transform(code, id) {
      const m = build ? FRONTMATTER_ID.exec(id) : null
      if (!m) return
      const data = SLIDE_DATA_LINE.exec(code)
      const no = NO_LINE.exec(code)
      // Slidev changed the module's shape: fail the build rather than ship a deck without notes.
      if (!data || !no) this.error(`deck-notes: slide ${m[1]}'s frontmatter module has an unknown shape`)
      const slide = JSON.parse(data[1]) as { noteHTML?: string }
      const index = Number(m[1]) - 1
      notes[index] = slide.noteHTML ?? ''
      slide.noteHTML = ''
      return {
        code: `import { noteHTML as __deckNote } from ${JSON.stringify(store)}\n` +
          code
            .replace(data[0], `    ...(${JSON.stringify(slide)}),`)
            .replace(no[0], `${no[0]}\n    get noteHTML() { return __deckNote(${index}) },`),
        map: { mappings: '' },
      }
    },
    renderChunk(code) {
      if (!code.includes(PLACEHOLDER)) return
      const filled = Array.from({ length: notes.length }, (_, i) => notes[i] ?? '')
      return { code: code.replace(JSON.stringify(PLACEHOLDER), JSON.stringify(JSON.stringify(filled))), map: null }
    },
  }
}
