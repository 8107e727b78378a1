/**
 * What a live demo shows beside its code: its console alone, the event-loop
 * visualizer (`loop`) or the thread timeline (`threads`). One at a time, so
 * the side column stays readable; both replay the same recorded trace, so a
 * run can be seen both ways. A run records the trace whenever one of them
 * shows. Main-thread mode records nothing and offers neither.
 */
import { computed, type MaybeRefOrGetter, shallowRef, toValue } from 'vue'

export type DemoView = 'console' | 'loop' | 'threads'

export interface DemoViewOptions {
  /** Start with the event-loop visualizer. */
  visualize?: MaybeRefOrGetter<boolean>
  /** Start with the thread timeline (it wins over `visualize`). */
  timeline?: MaybeRefOrGetter<boolean>
  mainThread?: MaybeRefOrGetter<boolean>
}

export function useDemoView(options: DemoViewOptions = {}) {
  const { visualize = false, timeline = false, mainThread = false } = options
  const initial = (): DemoView =>
    toValue(mainThread) ? 'console' : toValue(timeline) ? 'threads' : toValue(visualize) ? 'loop' : 'console'
  const view = shallowRef<DemoView>(initial())

  /** Shows `v`, or the console alone if `v` shows already. */
  function toggle(v: Exclude<DemoView, 'console'>) {
    if (toValue(mainThread)) return
    view.value = view.value === v ? 'console' : v
  }

  return {
    view,
    /** Runs record the trace. */
    traced: computed(() => view.value !== 'console'),
    loop: computed(() => view.value === 'loop'),
    threads: computed(() => view.value === 'threads'),
    toggle,
  }
}
