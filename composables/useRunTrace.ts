/**
 * A run's trace as the views see it (the event-loop visualizer, the thread
 * timeline). While a traced program runs, its events arrive in batches as
 * often as every 16 ms; the views get them at most every TRACE_VIEW_MS (the
 * first batch at once), and everything at once when the run ends (`flush`).
 *
 * Each update redraws a view on the deck's thread, and a CPU-bound demo
 * needs every core. Measured 2026-12-07 (the worker pool of 2 with its
 * timeline, A/B builds, 4 rounds each): redrawn for every batch, the deck's
 * thread took 45% of a core and the pool reached 1.42×; with this limit and
 * the sandbox's (THREADS_FLUSH_MS), 1.84×; with the timeline off 1.91×, and
 * 1.94× under `deno run`. Timeline news may so reach the view up to about
 * half a second late while a run goes; all of it is there at the end.
 */
import { onScopeDispose, shallowRef } from 'vue'
import type { TraceEvent } from '../runtime/protocol.ts'

export const TRACE_VIEW_MS = 250

export function useRunTrace(now: () => number = () => performance.now()) {
  const trace = shallowRef<TraceEvent[]>([])
  let pending: TraceEvent[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  let last = -Infinity

  /** Hands every event held back to the views now. */
  function flush() {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    last = now()
    if (!pending.length) return
    trace.value = trace.value.concat(pending)
    pending = []
  }

  function add(events: readonly TraceEvent[]) {
    for (const e of events) pending.push(e)
    if (timer !== undefined) return
    const wait = TRACE_VIEW_MS - (now() - last)
    if (wait <= 0) flush()
    else timer = setTimeout(flush, wait)
  }

  /** A new run: nothing shown, nothing held. */
  function clear() {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    pending = []
    last = -Infinity
    trace.value = []
  }

  onScopeDispose(() => {
    if (timer !== undefined) clearTimeout(timer)
  })
  return { trace, add, flush, clear }
}
