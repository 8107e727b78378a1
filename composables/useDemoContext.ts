/**
 * Where a copy of a live demo is rendered, and so what it may do. Running
 * code makes sense only on the real slide (the audience's or the presenter's
 * view), never in print, the overview or the next-slide preview; print and
 * export show the code as text and the output of one real run.
 */
import { useIsSlideActive, useNav, useSlideContext } from '@slidev/client'
import { computed } from 'vue'

export function useDemoContext() {
  const { $renderContext } = useSlideContext()
  const { isPrintMode } = useNav()
  const isActive = useIsSlideActive()
  /** The real slide: the demo runs, edits and syncs here. */
  const interactive = computed(() => !isPrintMode.value && ['slide', 'presenter'].includes($renderContext.value))
  /** Print and export. */
  const printing = isPrintMode
  /** The real slide, and it is the one shown. */
  const live = computed(() => interactive.value && isActive.value)
  /** Laid out for real: the slide shows, or it prints. */
  const active = computed(() => printing.value || isActive.value)
  return { interactive, printing, live, active }
}
