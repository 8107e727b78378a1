/**
 * What windows showing the deck share about each live demo, so the
 * presenter's window and the audience's (and, with `--remote`, every device)
 * show the same thing: the code, the cursor's line, the visualizer's step,
 * and the last run, as a snapshot any window can replay (the run stream,
 * runStream.ts). The code runs once, in the window where Run was pressed;
 * the others replay what it reports.
 *
 * The snapshot is bounded like the console itself: the last console lines
 * and the trace's capped events, never the whole history of a flood, so a
 * window that opens late catches up with one message.
 *
 * When two windows press Run at once, both runs start, and the one with the
 * greater key wins everywhere (`newer`): the other window stops its run and
 * shows the winner's. Keys order by time, then by window id, so every window
 * makes the same choice.
 */
import { CONSOLE_LINES } from '../runtime/limits.ts'
import type { ConsoleLine, Diagnostic, RunStatus, TraceEvent } from '../runtime/protocol.ts'
import type { RunEvent } from './runStream.ts'

export interface RunSnapshot {
  /** `<time in base 36>-<window id>`: orders runs across windows. */
  key: string
  code: string
  trace: boolean
  status: RunStatus
  lines: ConsoleLine[]
  /** Lines dropped before `lines`. */
  dropped: number
  events: TraceEvent[]
  diagnostics: Diagnostic[]
  notes: { text: string; level: 'system' | 'error' }[]
}

export interface DemoSnapshot {
  /** The window that wrote this snapshot. */
  by: string
  /** Bumped on every write, so an equal-looking update still counts. */
  rev: number
  code: string
  /** The editor's cursor line in the window that wrote it. */
  cursor?: number
  /** The visualizer's chosen step; `null` follows the run. */
  step?: number | null
  /** The demo's text size, where the deck offers zoom. */
  zoom?: number
  run?: RunSnapshot
  /** A window that shows someone else's run asks its runner to stop it. */
  stop?: string
  /** Set by the presenter's "reset all demos": every window resets this demo. */
  reset?: number
}

export type DemoSyncState = Record<string, DemoSnapshot>

/** The most console text a snapshot carries (its newest lines), in characters. */
export const LINES_TEXT = 256_000

export function runKey(windowId: string, now = Date.now()): string {
  return `${now.toString(36).padStart(10, '0')}-${windowId}`
}

/** Whether run `a` wins over run `b`: the later one, ties broken by window id. */
export function newer(a: string, b: string | undefined): boolean {
  return b === undefined || a > b
}

/** Folds one event of a local run into its snapshot (bounded as the console is). */
export function foldRun(snap: RunSnapshot | undefined, e: RunEvent, key: string): RunSnapshot | undefined {
  if (e.type === 'start') {
    return { key, code: e.code, trace: e.trace, status: 'running', lines: [], dropped: 0, events: [], diagnostics: [], notes: [] }
  }
  if (!snap) return undefined
  switch (e.type) {
    case 'lines': {
      const all = [...snap.lines, ...e.lines]
      let over = Math.max(0, all.length - CONSOLE_LINES)
      // And at most LINES_TEXT characters, so a snapshot stays small for every window to read.
      let text = 0
      for (let i = all.length - 1; i >= over; i--) {
        text += all[i].text.length
        if (text > LINES_TEXT) {
          over = i + 1
          break
        }
      }
      return { ...snap, lines: all.slice(over), dropped: snap.dropped + e.dropped + over }
    }
    case 'trace':
      return { ...snap, events: [...snap.events, ...e.events] }
    case 'diagnostic':
      return { ...snap, diagnostics: [e.diagnostic] }
    case 'note':
      return { ...snap, notes: [...snap.notes, { text: e.text, level: e.level }] }
    case 'end':
      return { ...snap, status: e.status }
  }
}

/** The run stream that shows a snapshot's run as it is now. */
export function replayEvents(snap: RunSnapshot): RunEvent[] {
  const run = 0
  const out: RunEvent[] = [{ type: 'start', run, code: snap.code, trace: snap.trace }]
  if (snap.lines.length || snap.dropped) out.push({ type: 'lines', run, lines: snap.lines, dropped: snap.dropped })
  for (const n of snap.notes) out.push({ type: 'note', run, text: n.text, level: n.level })
  if (snap.events.length) out.push({ type: 'trace', run, events: snap.events })
  for (const d of snap.diagnostics) out.push({ type: 'diagnostic', run, diagnostic: d })
  if (snap.status !== 'running' && snap.status !== 'idle') out.push({ type: 'end', run, status: snap.status })
  return out
}
