/**
 * A demo's runner follows its slide: it gets ready while the slide shows
 * (so the speaker's Run finds it ready), and the run stops when the slide is
 * left. Another language's host (Python takes seconds to load) gets ready
 * on the slide before. Every slide is mounted a few seconds after the deck
 * opens, so that compares slide numbers.
 */
import { onSlideLeave, useNav } from '@slidev/client'
import { computed, type Ref, watch } from 'vue'
import type { Lang } from '../runtime/hosts.ts'
import { prepareRuntime } from '../logic/runtimeLoader.ts'

export interface UseSlideRunnerOptions {
  lang: Lang
  /** The demo's slide shows, and it is interactive. */
  live: Ref<boolean>
  /** Running code makes sense here (not print or a preview). */
  interactive: Ref<boolean>
  /** The demo's slide number. */
  page: Ref<number>
  stop: () => void
}

export function useSlideRunner({ lang, live, interactive, page, stop }: UseSlideRunnerOptions): void {
  const { currentSlideNo } = useNav()
  watch(live, (on) => (on ? prepareRuntime(lang) : stop()), { immediate: true })
  const nearby = computed(() => interactive.value && lang !== 'typescript' && page.value - currentSlideNo.value === 1)
  watch(nearby, (near) => near && prepareRuntime(lang), { immediate: true })
  onSlideLeave(() => stop())
}
