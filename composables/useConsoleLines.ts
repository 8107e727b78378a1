/**
 * The console's lines as the UI shows them: the run's console as the
 * runtime bounded it (../runtime/console-tail.ts: the newest lines and how
 * many earlier ones are gone), under one system line that says how many,
 * in the one wording (`droppedText`). Nothing is cut here.
 *
 * Held in a shallowRef and replaced at most once per animation frame, so a
 * flood of output costs one render per frame instead of one per batch.
 */
import { shallowRef } from 'vue'
import { appendLines, type ConsoleTail, droppedText, EMPTY_TAIL } from '../runtime/console-tail.ts'
import type { ConsoleLine, LogLevel } from '../runtime/protocol.ts'

export interface ShownLine extends ConsoleLine {
  /** Stable key for the list: a line keeps it while it is shown, and no later run reuses it. */
  id: number
}

export interface ConsoleLinesOptions {
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
  const { schedule = everyFrame, now = () => performance.now() } = options
  const lines = shallowRef<ShownLine[]>([])
  /** The console to show: the latest the run sent, perhaps not on screen yet. */
  let tail: ConsoleTail = EMPTY_TAIL
  let shownTail: ConsoleTail = EMPTY_TAIL
  /** Ids of earlier runs' lines stay below this one. */
  let base = 0
  let scheduled = false
  let lastFlush = -Infinity
  let generation = 0

  function flush() {
    scheduled = false
    if (tail === shownTail) return
    shownTail = tail
    lastFlush = now()
    const first = base + tail.dropped + 1
    const out: ShownLine[] = tail.lines.map((l, i) => ({ ...l, id: first + i }))
    if (tail.dropped > 0) out.unshift({ id: 0, level: 'system', text: droppedText(tail.dropped), t: out[0]?.t ?? 0, depth: 0 })
    lines.value = out
  }

  /**
   * Shows the run's console as it now is. The first change after a quiet
   * frame shows at once, the rest once per frame.
   */
  function show(shown: readonly ConsoleLine[], dropped: number) {
    tail = { lines: shown, dropped }
    if (scheduled) return
    if (now() - lastFlush >= 16) return flush()
    scheduled = true
    const mine = generation
    schedule(() => mine === generation && flush())
  }

  /** A line written by the demo UI itself, below the run's. */
  function note(text: string, level: LogLevel = 'system') {
    tail = appendLines(tail, [{ level, text, t: 0, depth: 0 }])
    flush()
  }

  function clear() {
    generation++
    base += tail.dropped + tail.lines.length + 1
    tail = EMPTY_TAIL
    shownTail = EMPTY_TAIL
    scheduled = false
    lastFlush = -Infinity
    lines.value = []
  }

  return { lines, show, flush, note, clear }
}
