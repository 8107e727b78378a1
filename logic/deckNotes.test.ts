import { deepStrictEqual as assertEquals } from 'node:assert/strict'
import { loadNotes, noteHTML, notesError, notesPending } from './deckNotes.ts'

// Outside a Vite build there is no `virtual:deck-notes`: the same failure as a chunk that cannot be fetched.
Deno.test('notes that cannot be loaded say why, stop loading, and load again only when asked', async () => {
  await loadNotes()
  assertEquals(notesPending.value, false)
  assertEquals(typeof notesError.value, 'string')
  assertEquals(noteHTML(0), '')
  await Promise.resolve()
  assertEquals(notesPending.value, false, 'a render after the failure does not start another load')
  const again = loadNotes()
  assertEquals([notesPending.value, notesError.value], [true, undefined])
  await again
  assertEquals(typeof notesError.value, 'string')
})
