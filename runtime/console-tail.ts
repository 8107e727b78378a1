/**
 * A run's console, bounded once: the newest lines, at most CONSOLE_LINES of
 * them and CONSOLE_TEXT characters (limits.ts), and how many earlier lines
 * are gone. run.ts folds every batch from the sandbox into one tail and
 * emits it whole in the run's `lines` events (events.ts), so the console,
 * the sync snapshot and Slidev's code runner show it as it is and never cut
 * it again. Only a view turns the dropped count into words, with
 * `droppedText`, the one wording.
 */
import { CONSOLE_LINES, CONSOLE_TEXT } from './limits.ts'
import type { ConsoleLine } from './protocol.ts'

export interface ConsoleTail {
  /** The newest lines, oldest first; an unbroken run of the program's output. */
  readonly lines: readonly ConsoleLine[]
  /** How many lines came before them and are gone. */
  readonly dropped: number
}

export const EMPTY_TAIL: ConsoleTail = { lines: [], dropped: 0 }

export interface TailBounds {
  lines: number
  text: number
}

const BOUNDS: TailBounds = { lines: CONSOLE_LINES, text: CONSOLE_TEXT }

/**
 * The tail after `batch`, which came after `droppedBefore` lines dropped at
 * the source. The tail stays unbroken: lines older than a gap go too.
 */
export function appendLines(
  tail: ConsoleTail,
  batch: readonly ConsoleLine[],
  droppedBefore = 0,
  bounds: TailBounds = BOUNDS,
): ConsoleTail {
  if (!batch.length && !droppedBefore) return tail
  const kept = droppedBefore > 0 ? [] : tail.lines
  let dropped = tail.dropped + droppedBefore + (droppedBefore > 0 ? tail.lines.length : 0)
  const all = kept.length ? kept.concat(batch) : batch.slice()
  let over = Math.max(0, all.length - bounds.lines)
  let text = 0
  for (let i = all.length - 1; i >= over; i--) {
    text += all[i].text.length
    if (text > bounds.text) {
      over = i + 1
      break
    }
  }
  dropped += over
  return { lines: over ? all.slice(over) : all, dropped }
}

/** The one wording of a dropped count, for the line a view shows above the tail. */
export function droppedText(n: number): string {
  return `${n.toLocaleString('en-US')} earlier line${n === 1 ? '' : 's'} dropped`
}
