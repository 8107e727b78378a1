/**
 * Every bound a run has, and its default, in one place: how long a run may
 * take, how much of its console is kept and sent, how long a traced text
 * may be. The runtime applies the defaults (run.ts, once per run); the
 * sandbox bounds output where it is made (sandbox.ts); the readers of
 * untrusted input (parse.ts, logic/snapshotCheck.ts) refuse console output
 * that exceeds the same numbers instead of cutting it a second time, and
 * cut every other text to its bound.
 */

/** How long a run may take in all, unless a demo says otherwise. */
export const DEFAULT_TIMEOUT_MS = 10_000
/** How long the code may keep its thread without yielding, unless a demo says otherwise. */
export const DEFAULT_BLOCK_LIMIT_MS = 3_000

/**
 * How many lines a demo's console keeps: the newest ones, under one "N
 * earlier lines dropped" line. A talk's demos print a few dozen; more is a
 * flood, and every extra row is DOM the deck must build while it runs.
 */
export const CONSOLE_LINES = 200
/**
 * And at most this many characters of them (the newest lines), so the
 * console of a flood of long lines stays small enough for every window in
 * sync to read in one message.
 */
export const CONSOLE_TEXT = 256_000

/** How the sandbox batches console output (sandbox.ts), sent with each program. */
export interface FloodLimits {
  /** Longest text of one line, in characters. */
  maxLineLength: number
  /** Most lines held and sent at once; older ones are counted and dropped. */
  maxLinesPerBatch: number
  /** Batch interval in ms. */
  flushMs: number
  /** A batch of at least this many lines means a flood… */
  floodLines: number
  /** …and the next batch waits this long, so a flood costs the deck at most a few messages a second. */
  floodFlushMs: number
}

export const DEFAULT_LIMITS: FloodLimits = {
  maxLineLength: 10_000,
  maxLinesPerBatch: CONSOLE_LINES,
  flushMs: 16,
  floodLines: 100,
  floodFlushMs: 100,
}

/**
 * A cut line ends with a note of what was left out (format.ts's
 * `truncate`), so its text may exceed `maxLineLength` by this much.
 */
const CUT_NOTE = 64

/** Longest console line a reader takes: the sandbox never sends a longer one. */
export const maxLineText = (limits: FloodLimits = DEFAULT_LIMITS): number => limits.maxLineLength + CUT_NOTE

/** Longest text of a traced console line or label (trace.ts records at most this much). */
export const TRACE_TEXT = 500
/** Most events one run records; the rest of the run goes unrecorded (the visualizer says so). */
export const MAX_TRACE_EVENTS = 4_000
/** Most notes one thread makes, and most spans and messages one run keeps (the thread timeline). */
export const MAX_ACTIVITY = 4_000
/** The thread timeline's news leaves the sandbox at most this often (ms): the deck redraws it each time. */
export const THREADS_FLUSH_MS = 250
/** Most trace events in one message from the sandbox. */
export const TRACE_BATCH = 10_000
/** Longest error or diagnostic message read from a sandbox or another window. */
export const MESSAGE_TEXT = 2_000
/** Longest file name read from a sandbox: it goes into a console line, which must stay under maxLineText. */
export const FILE_TEXT = 200
