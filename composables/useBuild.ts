/**
 * A concept diagram that builds with the slide's clicks: step k shows once
 * the slide is at click k or later. Where nobody clicks, the finished picture
 * shows: the plain PDF and the overview (Slidev gives them the last click),
 * and reading mode. `slidev export --with-clicks` prints one page per step.
 *
 * In reading mode a reader's keys must not press through steps that no
 * longer change anything: on a diagram's slide, → (space, Page Down) goes to
 * the next slide and ← (Page Up) to the one before. This takes the key
 * itself rather than moving the slide's clicks, so a window in sync with a
 * presenter (who may still be building the picture) never moves them.
 *
 * Usage: const { shown } = useBuild('EventLoopDiagram'); <g :class="buildClass(shown(1))">
 */
import { useNav, useSlideContext } from '@slidev/client'
import { computed, onBeforeUnmount, onMounted } from 'vue'
import { type BuildName, BUILDS } from '../logic/builds.ts'
import { useReadingMode } from './useReadingMode.ts'

const FORWARD = new Set(['ArrowRight', ' ', 'PageDown'])
const BACK = new Set(['ArrowLeft', 'PageUp'])

export function useBuild(name: BuildName) {
  const steps = BUILDS[name].length
  const { $clicks, $page, $renderContext } = useSlideContext()
  const { currentSlideNo, nextSlide, prevSlide } = useNav()
  const reading = useReadingMode().active
  const isCurrent = computed(() =>
    $renderContext.value === 'slide' && $page.value === currentSlideNo.value
  )

  /** The step the picture has reached. */
  const step = computed(() => (reading.value ? steps : Math.min(steps, Math.max(0, $clicks.value))))
  const shown = (k: number) => step.value >= k

  function onKeydown(e: KeyboardEvent) {
    if (!reading.value || !isCurrent.value || e.defaultPrevented) return
    if (e.altKey || e.ctrlKey || e.metaKey) return
    const forward = FORWARD.has(e.key) && !(e.key === ' ' && e.shiftKey)
    const back = BACK.has(e.key) || (e.key === ' ' && e.shiftKey)
    if (!forward && !back) return
    // Before Slidev's own shortcuts (on the window, bubbling) see it.
    e.preventDefault()
    e.stopImmediatePropagation()
    if (forward) nextSlide()
    else prevSlide(true)
  }
  onMounted(() => addEventListener('keydown', onKeydown, { capture: true }))
  onBeforeUnmount(() => removeEventListener('keydown', onKeydown, { capture: true }))

  return { steps, step, shown }
}

/** The class a step's element takes: hidden until its click. */
export const buildClass = (visible: boolean) => (visible ? 'build-step' : 'build-step is-hidden')
