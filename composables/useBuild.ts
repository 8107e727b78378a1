/**
 * A concept diagram that builds with the slide's clicks: step k shows once
 * the slide is at click k or later. Where nobody clicks, the finished picture
 * shows: the plain PDF and the overview (Slidev gives them the last click),
 * and reading mode. `slidev export --with-clicks` prints one page per step.
 *
 * In reading mode a reader's → must not press through steps that no longer
 * change anything: on a diagram's slide it lands on the last click, and ←
 * from there leaves the slide.
 *
 * Usage: const { shown } = useBuild('EventLoopDiagram'); <g :class="buildClass(shown(1))">
 */
import { useNav, useSlideContext } from '@slidev/client'
import { computed, watch } from 'vue'
import { type BuildName, BUILDS } from '../logic/builds.ts'
import { useReadingMode } from './useReadingMode.ts'

export function useBuild(name: BuildName) {
  const steps = BUILDS[name].length
  const { $clicks, $page, $renderContext } = useSlideContext()
  const { currentSlideNo, go, prevSlide } = useNav()
  const reading = useReadingMode().active
  const isCurrent = computed(() =>
    $renderContext.value === 'slide' && $page.value === currentSlideNo.value
  )

  /** The step the picture has reached. */
  const step = computed(() => (reading.value ? steps : Math.min(steps, Math.max(0, $clicks.value))))
  const shown = (k: number) => step.value >= k

  let last: number | undefined
  watch([reading, isCurrent, $clicks], ([on, current, clicks]) => {
    if (!on || !current) return void (last = undefined)
    if (clicks >= steps) return void (last = clicks)
    // Back from the finished picture: the reader wants the slide before.
    if (last === steps && clicks === steps - 1) prevSlide(true)
    else go($page.value, steps)
    last = clicks
  }, { immediate: true })

  return { steps, step, shown }
}

/** The class a step's element takes: hidden until its click. */
export const buildClass = (visible: boolean) => (visible ? 'build-step' : 'build-step is-hidden')
