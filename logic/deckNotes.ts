/**
 * The speaker's notes of every slide, loaded after the first slide shows
 * (../scripts/deck-notes.ts takes them out of Slidev's eager modules, in the
 * build; in dev Slidev serves them itself and nothing here runs).
 *
 * `noteHTML(i)` is what each slide's `meta.slide.noteHTML` getter returns:
 * '' until the notes arrive, then slide i's. It reads a ref, so a computed
 * or a template that shows a note updates when they do.
 */
import { ref, shallowRef } from 'vue'

const notes = shallowRef<readonly string[]>()
let loading: Promise<void> | undefined

/** True from the first request for the notes until they have arrived. */
export const notesPending = ref(false)

/** Loads every slide's notes, once. */
export function loadNotes(): Promise<void> {
  notesPending.value = !notes.value
  return loading ??= import('virtual:deck-notes')
    .then((m) => {
      notes.value = m.default
    })
    .finally(() => {
      notesPending.value = false
    })
}

/** Slide `index`'s rendered notes (0-based), or '' while they load. */
export function noteHTML(index: number): string {
  const all = notes.value
  if (!all) {
    void loadNotes()
    return ''
  }
  return all[index] ?? ''
}
