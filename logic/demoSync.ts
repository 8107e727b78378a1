/**
 * What windows showing the deck share about each live demo, so the
 * presenter's window and the audience's (and, with `--remote`, every device)
 * show the same thing: the code, the cursor's line, the visualizer's step,
 * and the last run, as a snapshot any window can replay (the run's event
 * stream, ../runtime/events.ts). The code runs once, in the window where Run
 * was pressed; the others replay what it reports.
 *
 * The snapshot holds the console as the runtime bounded it (its `lines`
 * events carry the whole bounded tail, console-tail.ts) and the trace's
 * capped events, never the whole history of a flood, so a window that opens
 * late catches up with one message. Nothing is cut again here.
 *
 * When two windows press Run at once, both runs start, and the one with the
 * greater key wins everywhere (`newer`): the other window stops its run and
 * shows the winner's. Keys order by time, then by window id, so every window
 * makes the same choice.
 */
import type { ConsoleLine, Diagnostic, RunStatus, TraceEvent } from '../runtime/protocol.ts'
import { numbered, type RunEvent, type RunEventBody } from '../runtime/events.ts'
import type { Lang } from '../runtime/hosts.ts'

export interface RunSnapshot {
  /** `<time in base 36>-<window id>`: orders runs across windows. */
  key: string
  code: string
  trace: boolean
  status: RunStatus
  lines: readonly ConsoleLine[]
  /** Lines dropped before `lines`. */
  dropped: number
  events: TraceEvent[]
  diagnostics: Diagnostic[]
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

export function runKey(windowId: string, now = Date.now()): string {
  return `${now.toString(36).padStart(10, '0')}-${windowId}`
}

/** Whether run `a` wins over run `b`: the later one, ties broken by window id. */
export function newer(a: string, b: string | undefined): boolean {
  return b === undefined || a > b
}

/** Folds one event of a local run into its snapshot. */
export function foldRun(snap: RunSnapshot | undefined, e: RunEvent, key: string): RunSnapshot | undefined {
  if (e.type === 'started') {
    return { key, code: e.code, trace: e.trace, status: 'running', lines: [], dropped: 0, events: [], diagnostics: [] }
  }
  if (!snap) return undefined
  switch (e.type) {
    case 'lines':
      return { ...snap, lines: e.lines, dropped: e.dropped }
    case 'trace':
      return { ...snap, events: [...snap.events, ...e.events] }
    case 'diagnostic':
      return { ...snap, diagnostics: [e.diagnostic] }
    case 'end':
      return { ...snap, status: e.status }
  }
}

/** The run stream that shows a snapshot's run as it is now, numbered from 0. */
export function replayEvents(snap: RunSnapshot, lang: Lang): RunEvent[] {
  const out: RunEvent[] = []
  const emit = numbered((e) => out.push(e))
  const body: RunEventBody[] = [{ type: 'started', code: snap.code, lang, trace: snap.trace }]
  if (snap.lines.length || snap.dropped) body.push({ type: 'lines', lines: snap.lines, dropped: snap.dropped })
  if (snap.events.length) body.push({ type: 'trace', events: snap.events })
  for (const d of snap.diagnostics) body.push({ type: 'diagnostic', diagnostic: d })
  if (snap.status !== 'running' && snap.status !== 'idle') body.push({ type: 'end', status: snap.status })
  for (const b of body) emit(b)
  return out
}
