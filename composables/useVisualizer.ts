/**
 * The event-loop visualizer's state for one demo: the steps of the current
 * run (logic/eventLoopSteps.ts, rebuilt as its trace streams in), which step
 * is shown, and how the viewer moves through them.
 *
 * Which step shows:
 * - On stage, the slide's clicks: click k shows step k (the presenter's
 *   clicker and the arrow keys step forward and back), and click 0 shows the
 *   whole run, its last step. `slidev export --with-clicks` prints one page
 *   per click the same way; without clicks, the last step prints.
 * - The component's own buttons and keys (step back and forth, play at a
 *   chosen speed) for a visitor, or for an edited run with more steps than
 *   the slide has clicks.
 * - After a new run, whatever the clicks say: the last step at click 0.
 */
import { computed, onScopeDispose, type Ref, shallowRef, watch } from 'vue'
import { buildSteps, type Step } from '../logic/eventLoopSteps.ts'
import type { ConsoleLine, RunStatus, TraceEvent } from '../runtime/protocol.ts'

export const SPEEDS = [0.5, 1, 2, 4] as const
/** ms per step at speed 1. */
const STEP_MS = 700

export interface VisualizerOptions {
  trace: Ref<readonly TraceEvent[]>
  status: Ref<RunStatus>
  lines: Ref<readonly ConsoleLine[]>
  /** The slide's current click, when the slide's clicks step the visualizer. */
  clicks?: Ref<number>
  /** The chosen step, when someone else keeps it (windows in sync); `undefined` follows the run. */
  chosen?: Ref<number | undefined>
}

export function useVisualizer({ trace, status, lines, clicks, chosen = shallowRef<number | undefined>() }: VisualizerOptions) {
  const steps = computed<Step[]>(() => {
    const s = status.value
    const end = s === 'idle' || s === 'running' ? undefined : { status: s, lines: lines.value }
    return buildSteps(trace.value as TraceEvent[], end)
  })
  const last = computed(() => steps.value.length - 1)
  const index = computed(() => (chosen.value === undefined ? last.value : Math.min(chosen.value, last.value)))
  const current = computed(() => steps.value[index.value])
  const playing = shallowRef(false)
  const speed = shallowRef<(typeof SPEEDS)[number]>(1)
  let timer: ReturnType<typeof setTimeout> | undefined

  const fromClicks = (c: number) => {
    chosen.value = c > 0 ? c : undefined
  }
  if (clicks) watch(clicks, (c) => {
    pause()
    fromClicks(c)
  }, { immediate: true })
  // A new run starts from what the clicks say.
  watch(() => trace.value.length === 0, (empty) => {
    if (empty) fromClicks(clicks?.value ?? 0)
  })

  function go(i: number) {
    chosen.value = Math.max(0, Math.min(i, last.value))
  }
  const stepForward = () => go(index.value + 1)
  const stepBack = () => go(index.value - 1)

  function tick() {
    if (index.value >= last.value) return pause()
    stepForward()
    timer = setTimeout(tick, STEP_MS / speed.value)
  }
  function play() {
    if (playing.value) return pause()
    playing.value = true
    if (index.value >= last.value) go(0)
    timer = setTimeout(tick, STEP_MS / speed.value)
  }
  function pause() {
    playing.value = false
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  }
  onScopeDispose(pause)

  /** Showing the run's latest step as it comes in (no click or button has chosen one). */
  const following = computed(() => chosen.value === undefined)

  return { steps, index, current, last, following, playing, speed, play, pause, stepForward, stepBack, go }
}
