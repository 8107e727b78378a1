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
import { loadOnce } from './loadOnce.ts'

const notes = shallowRef<readonly string[]>()
const chunk = loadOnce(() => import('virtual:deck-notes'))
let loading: Promise<void> | undefined

/** True while the notes are being loaded: from a request until they arrive or the load fails. */
export const notesPending = ref(false)
/** Why the notes could not be loaded (the network went away?), until a retry succeeds. */
export const notesError = ref<string>()

/** Loads every slide's notes, once; after a failure, the next call tries again. */
export function loadNotes(): Promise<void> {
  if (notes.value) return Promise.resolve()
  if (loading) return loading
  notesPending.value = true
  notesError.value = undefined
  return loading = chunk.load()
    .then((m) => {
      notes.value = m.default
    }, (error) => {
      loading = undefined
      notesError.value = String(error?.message ?? error).slice(0, 200)
    })
    .finally(() => {
      notesPending.value = false
    })
}

/**
 * Slide `index`'s rendered notes (0-based), or '' while they load. Called
 * while Vue renders, so a load it asks for starts after the render, and a
 * failed load waits for `loadNotes()` (the panel's Retry) rather than
 * retrying on every render.
 */
export function noteHTML(index: number): string {
  const all = notes.value
  if (!all) {
    if (!loading && !notesError.value) queueMicrotask(() => void loadNotes())
    return ''
  }
  return all[index] ?? ''
}
