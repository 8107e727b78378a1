/**
 * The console's lines as the UI keeps them: at most `max` (older ones are
 * dropped, and one system line at the top says how many), held in a
 * shallowRef and replaced at most once per animation frame, so a flood of
 * output costs one render per frame instead of one per line.
 */
import { shallowRef } from 'vue'
import { CONSOLE_LINES } from '../runtime/limits.ts'
import type { ConsoleLine, LogLevel } from '../runtime/protocol.ts'

export interface ShownLine extends ConsoleLine {
  /** Stable key for the list. */
  id: number
}

export interface ConsoleLinesOptions {
  /** Most lines kept. Default CONSOLE_LINES (200). */
  max?: number
  /** Injected for tests; default requestAnimationFrame with a timer fallback for hidden tabs. */
  schedule?: (flush: () => void) => void
  now?: () => number
}

function everyFrame(flush: () => void): void {
  let done = false
  const once = () => {
    if (done) return
    done = true
    flush()
  }
  // rAF pauses in background tabs; the timer keeps memory bounded there too.
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once)
  setTimeout(once, 100)
}

export function useConsoleLines(options: ConsoleLinesOptions = {}) {
  const { max = CONSOLE_LINES, schedule = everyFrame, now = () => performance.now() } = options
  const lines = shallowRef<ShownLine[]>([])
  let pending: ConsoleLine[] = []
  /** Lines dropped from this run's console so far, by the runtime and by the UI. */
  let dropped = 0
  let nextId = 1
  let scheduled = false
  let lastFlush = -Infinity
  let generation = 0
  /** The sandbox dropped lines after the shown ones: those count as dropped too at the next flush. */
  let gap = false

  function flush() {
    scheduled = false
    if (!pending.length && !gap) return
    lastFlush = now()
    let kept = lines.value.filter((l) => l.id !== 0)
    if (gap) {
      dropped += kept.length
      kept = []
      gap = false
    }
    for (const l of pending) kept.push({ ...l, id: nextId++ })
    pending = []
    if (kept.length > max) {
      dropped += kept.length - max
      kept = kept.slice(kept.length - max)
    }
    if (dropped > 0) {
      kept.unshift({
        id: 0,
        level: 'system',
        text: `${dropped.toLocaleString('en-US')} earlier line${dropped === 1 ? '' : 's'} dropped`,
        t: kept[0]?.t ?? 0,
        depth: 0,
      })
    }
    lines.value = kept
  }

  /**
   * Adds lines, after `droppedBefore` lines that the sandbox dropped at the
   * source. The first batch after a quiet frame shows at once, the rest once
   * per frame.
   */
  function push(batch: readonly ConsoleLine[], droppedBefore = 0) {
    if (droppedBefore > 0) {
      // The console shows an unbroken tail: what came before the gap goes too.
      dropped += pending.length + droppedBefore
      pending = []
      gap = true
    }
    if (!batch.length && !droppedBefore) return
    for (const l of batch) pending.push(l)
    if (pending.length > max) {
      dropped += pending.length - max
      pending = pending.slice(pending.length - max)
    }
    if (scheduled) return
    if (now() - lastFlush >= 16) return flush()
    scheduled = true
    const mine = generation
    schedule(() => mine === generation && flush())
  }

  /** A line written by the demo UI itself. */
  function note(text: string, level: LogLevel = 'system') {
    push([{ level, text, t: 0, depth: 0 }])
    flush()
  }

  function clear() {
    generation++
    pending = []
    dropped = 0
    gap = false
    scheduled = false
    lastFlush = -Infinity
    lines.value = []
  }

  return { lines, push, flush, note, clear }
}
