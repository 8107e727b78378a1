/**
 * A run, as one ordered stream of typed events, the same for every language
 * host: run.ts emits it, and everything that shows a run consumes it: the
 * demo's console and status and the visualizer's trace (useLiveDemo), the
 * windows in step (useDemoSync folds it into a snapshot, logic/demoSync.ts,
 * and replays it elsewhere), Slidev's code runner (setup/code-runners.ts)
 * and the PDF (a recorded stream, replayed).
 *
 * - `seq` numbers the events of one run from 0, in the order they happened;
 *   a consumer drops an event whose `seq` it has passed.
 * - `lines` carries the console as it now is: the newest lines and how many
 *   earlier ones are gone, bounded once (console-tail.ts). A consumer shows
 *   it as it is.
 * - Errors are data: `diagnostic` gives the message and where, in the
 *   editor's file; the console's own error line came with `lines`.
 */
import type { ConsoleLine, Diagnostic, RunStatus, TraceEvent } from './protocol.ts'
import type { ConsoleTail } from './console-tail.ts'
import type { Lang } from './hosts.ts'

export type EndStatus = Exclude<RunStatus, 'idle' | 'running'>

export type RunEventBody =
  /** The run starts, of this code, in this language, with (`trace`) or without the visualizer's trace. */
  | { type: 'started'; code: string; lang: Lang; trace: boolean }
  /** The console now: its newest lines, and how many earlier ones were dropped. */
  | { type: 'lines'; lines: readonly ConsoleLine[]; dropped: number }
  /** Trace events recorded since the last ones, in the order they happened. */
  | { type: 'trace'; events: TraceEvent[] }
  /** Where the run failed in the editor's code: a syntax error, or an uncaught error's line. */
  | { type: 'diagnostic'; diagnostic: Diagnostic }
  /** The run ended; nothing of it comes after this. */
  | { type: 'end'; status: EndStatus }

export type RunEvent = RunEventBody & { seq: number }

/** A run's emitter: numbers each event in order and hands it on. */
export function numbered(listener: (e: RunEvent) => void): (body: RunEventBody) => void {
  let seq = 0
  return (body) => listener({ ...body, seq: seq++ } as RunEvent)
}

/** The `lines` event that shows a console tail. */
export const linesEvent = (tail: ConsoleTail): RunEventBody => ({ type: 'lines', lines: tail.lines, dropped: tail.dropped })
