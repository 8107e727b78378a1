/**
 * The wire format between the deck and a sandbox worker, and nothing else.
 *
 * The handshake is one message on the worker itself: `start`, carrying a
 * private MessagePort and the code to run. From then on the sandbox talks
 * only on that port, so user code calling `self.postMessage` reaches nobody:
 * the deck stops listening on the worker after the handshake.
 *
 * The deck treats everything that arrives on the port as untrusted (user
 * code runs in the same worker) and validates it in `run.ts`.
 */

/**
 * The name under which the sandbox hands its hooks (budget guard, import,
 * import.meta) to compiled user code; instrument.ts writes calls to it.
 */
export const SANDBOX_HOOKS = '$$sandbox'

export type LogLevel = 'log' | 'info' | 'warn' | 'error' | 'result' | 'system'

/** One console line as the UI shows it. */
export interface ConsoleLine {
  level: LogLevel
  /** Plain text; may contain newlines (stacks, tables). Render as text. */
  text: string
  /** Milliseconds since the run started. */
  t: number
  /** console.group nesting. */
  depth: number
}

/** Compiled modules the sandbox may `require`, keyed by file name (`toolkit.ts`). */
export type ModuleSources = Record<string, string>

/** Deck → worker, once, with `port` transferred. */
export interface StartMessage {
  type: 'start'
  port: MessagePort
  /** Compiled main program (CommonJS, line-preserving). */
  code: string
  /** File name shown in stacks, e.g. `demo.ts`. */
  file: string
  modules: ModuleSources
  /** Line caps for the flood guard. */
  limits: FloodLimits
  /**
   * Set when a demo's own `new Worker(…)` runs in a copy of the sandbox:
   * errors are reported but do not end anything, and `close()` is allowed.
   */
  nested?: boolean
}

export interface FloodLimits {
  /** Longest text of one line, in characters. */
  maxLineLength: number
  /** Most lines sent in one batch; older ones in the batch are dropped. */
  maxLinesPerBatch: number
  /** Batch interval in ms. */
  flushMs: number
}

export const DEFAULT_LIMITS: FloodLimits = {
  maxLineLength: 10_000,
  maxLinesPerBatch: 1_000,
  flushMs: 16,
}

/** Worker → deck, on the private port. */
export type SandboxMessage =
  | { type: 'lines'; lines: ConsoleLine[]; /** lines dropped since the last batch */ dropped: number }
  /** Nothing is pending any more: no timers, no nested workers, microtasks drained. */
  | { type: 'done' }
  /**
   * An uncaught error ended the run (its text came as an `error` line first),
   * with where it happened in the user's main file, if it did.
   */
  | { type: 'error'; at?: { line: number; column: number } }
  /** A nested worker closed itself. */
  | { type: 'closed' }
  /**
   * Please compile this source for a nested worker. The worker bundle holds
   * no compiler (it must boot fast), so the deck compiles and answers.
   */
  | { type: 'compile'; id: number; source: string; file: string }

/** Deck → worker, on the private port: the answer to `compile`. */
export type DeckMessage =
  | { type: 'compiled'; id: number; code: string }
  | { type: 'compiled'; id: number; error: string }
