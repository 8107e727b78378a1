/**
 * A run, as one ordered stream of events that any window can render: the
 * window where Run was pressed produces it (useLiveDemo), and the same
 * events replayed anywhere give the same status, console, editor markers and
 * visualizer steps. Presenter-to-audience sync forwards this stream instead
 * of running the code twice.
 *
 * `run` numbers the runs of one demo in the window that ran them; events of
 * an older run are ignored once a newer one has started.
 */
import type { ConsoleLine, Diagnostic, RunStatus, TraceEvent } from '../runtime/protocol.ts'

export type EndStatus = Exclude<RunStatus, 'idle' | 'running'>

export type RunEvent =
  /** A run starts, of this code, with (`trace`) or without the visualizer's trace. */
  | { type: 'start'; run: number; code: string; trace: boolean }
  /** Console lines, and how many were dropped before them. */
  | { type: 'lines'; run: number; lines: ConsoleLine[]; dropped: number }
  | { type: 'trace'; run: number; events: TraceEvent[] }
  | { type: 'diagnostic'; run: number; diagnostic: Diagnostic }
  /** A line of the demo UI's own, not the program's. */
  | { type: 'note'; run: number; text: string; level: 'system' | 'error' }
  /** The run ended; nothing of it comes after this. */
  | { type: 'end'; run: number; status: EndStatus }
