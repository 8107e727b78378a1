/**
 * Reading mode: the speaker's notes shown with each slide, for someone who
 * reads the deck without a speaker. One switch for the whole page (the `n`
 * key in ../setup/shortcuts.ts, the button in the navigation bar, the
 * panel's close button), kept across reloads. It never shows in the
 * presenter view, which has the notes already, nor in print.
 *
 * The notes are Slidev's own: the current slide's route meta holds them as
 * rendered HTML (`meta.slide.noteHTML`), the same data the presenter view
 * shows; nothing is copied.
 */
import { slideHeight, slideWidth, useNav } from '@slidev/client'
import { computed, onScopeDispose, shallowRef, watchEffect } from 'vue'
import { keptSetting, onOff } from '../logic/keptSetting.ts'
import { placeReadingNotes } from '../logic/readingLayout.ts'

export const READING_MODE_KEY = 'deck:reading-mode'

const kept = keptSetting(READING_MODE_KEY, onOff)
/** The visitor's choice, whatever the view. */
const wanted = shallowRef(kept.load() ?? false)

export function useReadingMode() {
  const { isPlaying, isPrintMode } = useNav()
  /** Reading mode shows in the plain deck only: not the presenter view, the print page or an export. */
  const available = computed(() => isPlaying.value && !isPrintMode.value)
  const active = computed(() => wanted.value && available.value)
  function toggle(on = !wanted.value) {
    if (!available.value) return
    wanted.value = on
    kept.save(on)
  }
  return { wanted, available, active, toggle }
}

/**
 * The panel's side of it: the current slide's notes, and room made for them.
 * While active, `<html data-reading-mode="beside|below">` and the
 * `--reading-notes-size` property tell the page's CSS to shrink Slidev's
 * page root, so the slide scales into what is left and nothing overlaps.
 */
export function useReadingNotes() {
  const { active, toggle } = useReadingMode()
  const { currentSlideRoute, currentSlideNo, total, next, prev, hasNext, hasPrev } = useNav()
  const viewport = shallowRef({ width: innerWidth, height: innerHeight })
  const onResize = () => (viewport.value = { width: innerWidth, height: innerHeight })
  addEventListener('resize', onResize)

  const placement = computed(
    () => (active.value
      ? placeReadingNotes(viewport.value, { width: slideWidth.value, height: slideHeight.value })
      : undefined),
  )
  const root = document.documentElement
  watchEffect(() => {
    const p = placement.value
    if (p) {
      root.dataset.readingMode = p.layout
      root.style.setProperty('--reading-notes-size', `${p.size}px`)
    } else {
      delete root.dataset.readingMode
      root.style.removeProperty('--reading-notes-size')
    }
  })
  onScopeDispose(() => {
    removeEventListener('resize', onResize)
    delete root.dataset.readingMode
    root.style.removeProperty('--reading-notes-size')
  })

  // Slidev's SlideInfo type lives in @slidev/types, not a direct dependency: name the one field read.
  const noteHtml = computed(() =>
    (currentSlideRoute.value?.meta?.slide as { noteHTML?: string } | undefined)?.noteHTML ?? ''
  )
  return {
    active,
    toggle,
    placement,
    noteHtml,
    slideNo: currentSlideNo,
    total,
    next,
    prev,
    hasNext,
    hasPrev,
  }
}
