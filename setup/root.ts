/**
 * Slidev loads every slide 3 s after the deck starts, all in one task: some
 * 45 `import()` calls, about 70 ms on this machine, a long task on whatever
 * slide is showing. This loads them first, the same way Slidev does (mark
 * the slide preloaded, load its chunk), but one slide per idle moment of the
 * page, nearest slides first. When Slidev's timer fires, every slide is
 * loaded already and its loop costs next to nothing.
 *
 * The speaker's notes load first, in the first idle moment after 500 ms.
 *
 * Print and export render every slide anyway; there, this marks when all of
 * them are ready instead (../logic/printReady.ts).
 */
import { useNav } from '@slidev/client'
import { markPrintReady } from '../logic/printReady.ts'
import { whenIdle } from '../logic/idle.ts'
import { loadNotes } from '../logic/deckNotes.ts'

/** How long loading the next slide may wait for an idle moment. */
const IDLE_WAIT_MS = 200

export default function setupRoot() {
  const { slides, currentSlideNo, isPrintMode } = useNav()
  // The route may not be resolved yet when this runs: read the address too.
  if (isPrintMode.value || new URLSearchParams(location.search).has('print')) {
    // A printed range (`--range`) may leave demos out: then no demo is required by id.
    const ranged = new URLSearchParams(location.search).has('range')
    const demoIds = ranged ? Promise.resolve([]) : import('virtual:demo-ids').then((m) => m.default)
    markPrintReady(slides.value.map((route) => route.load), demoIds)
    return
  }
  const loadNext = () => {
    const here = currentSlideNo.value
    const next = slides.value
      .filter((route) => route.meta.preload !== false && !route.meta.__preloaded)
      .sort((a, b) => Math.abs(a.no - here) - Math.abs(b.no - here))[0]
    if (!next) return
    next.meta.__preloaded = true
    next.load()
    whenIdle(loadNext, IDLE_WAIT_MS)
  }
  // After the first slide has had its start: the speaker's notes (one
  // chunk, ../scripts/deck-notes.ts), then the slides.
  setTimeout(() =>
    whenIdle(() => {
      if (!import.meta.env.DEV) void loadNotes()
      whenIdle(loadNext, IDLE_WAIT_MS)
    }, IDLE_WAIT_MS), 500)
}
