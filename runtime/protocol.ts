/**
 * The wire format between the deck, the sandbox frame and the sandbox
 * workers: message types, and the few names and sets they are written in.
 * Nothing else: the bounds and their defaults are in limits.ts, the readers
 * of untrusted messages in parse.ts, and the run's event stream, which
 * run.ts makes of these messages for the UI, in events.ts.
 *
 * Who talks to whom:
 * - deck ⇄ frame, on a private port handed over once at boot: the frame
 *   spawns workers, compiles code for them, kills them, and answers pings so
 *   the deck knows its process is alive (`DeckToFrame`, `FrameToDeck`).
 * - frame → worker, once on the worker itself: `connect`, carrying two
 *   ports. From then on the worker listens only on them, so user code calling
 *   `self.postMessage` reaches nobody.
 * - worker → deck, on the deck port, with no hop through the frame: console
 *   lines, the end of the run, and pongs for the watchdog (`SandboxMessage`).
 *   Main-thread mode produces the same messages without a port.
 * - worker ⇄ frame, on the host port: the compiled program (`start`), and
 *   compiling the sources of a demo's own nested workers.
 *
 * Everything that arrives from a sandbox is untrusted (user code runs in the
 * same worker, and the frame's process may be compromised): the deck reads
 * it only through parse.ts.
 */
import type { FloodLimits } from './limits.ts'

/**
 * The name under which the sandbox hands its hooks (budget guard, import,
 * import.meta) to compiled user code; instrument.ts writes calls to it.
 */
export const SANDBOX_HOOKS = '$$sandbox'

export type LogLevel = 'log' | 'info' | 'warn' | 'error' | 'result' | 'system'
export const LEVELS: ReadonlySet<string> = new Set<LogLevel>(['log', 'info', 'warn', 'error', 'result', 'system'])

export type RunStatus = 'idle' | 'running' | 'done' | 'error' | 'timeout' | 'stopped'

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

/** A compile error, 1-based, in the file it names. */
export interface Diagnostic {
  message: string
  line: number
  column: number
}

/** Compiled modules the sandbox may `require`, keyed by file name (`toolkit.ts`). */
export type ModuleSources = Record<string, string>

// ---- the trace (the event-loop visualizer) ----

/** A task or microtask starting, as the recorder saw it begin. */
export interface TraceDispatch {
  q: 'micro' | 'task'
  id: number
  label: string
}

/**
 * One thing that happened while the program really ran, recorded in the
 * sandbox (trace.ts) in the order it happened. `t` is ms since the run
 * started; `line` the running frame's line in the main file, if it is there.
 */
export type TraceEvent = { t: number; line?: number } & (
  /** A traced function starts: a frame on the stack, perhaps as a task or microtask (`via`). */
  | { k: 'enter'; f: number; name: string; file?: string; async: boolean; via?: TraceDispatch }
  /** Frame `f` returns or throws and leaves the stack. */
  | { k: 'exit'; f: number }
  /** Frame `f` suspends at an `await`; its continuation `id` is queued now if `ready`, else once the promise settles. */
  | { k: 'await'; f: number; id: number; ready: boolean; label: string }
  /** Frame `f` continues after its `await`, as microtask `id`. */
  | { k: 'resume'; f: number; id: number }
  /** Microtask `id` enters the microtask queue now. */
  | { k: 'queue'; id: number; label: string; why: 'then' | 'settled' | 'queueMicrotask' }
  /** A task or microtask ran code the trace cannot see inside (an engine function, a host function). */
  | ({ k: 'run' } & TraceDispatch)
  /** A timer is handed to the host; its callback becomes task `id` once `ms` have passed. */
  | { k: 'timer'; id: number; ms: number; repeat: boolean; label: string }
  | { k: 'clear'; id: number }
  /** A message posted on a same-thread port: task `id` is queued now. */
  | { k: 'post'; id: number; label: string }
  /** A demo's own worker started or ended. */
  | { k: 'worker'; id: number; label: string; alive: boolean }
  | { k: 'log'; level: LogLevel; text: string }
  /** The recorder stopped here: a run keeps at most `max` events. */
  | { k: 'cap'; max: number }
  // ---- the thread timeline (thread-activity.ts); `t` is when the event was known ----
  /**
   * Thread `thread` (`main`, `worker-1`, `worker-1.2` for a worker's own
   * worker) was busy from `start` to `end`, ms on the run's clock: `startup`
   * from `new Worker(…)` to its script starting, `script` its top-level
   * code, then tasks (`timer`, `message`) and their microtasks; `tasks` > 1
   * when the next task began before the thread was free.
   */
  | { k: 'span'; thread: string; start: number; end: number; what: SpanWhat; tasks: number }
  /** A message posted on `from` at `sent` and handled on `to` from `received` (absent: never handled). */
  | { k: 'message'; from: string; to: string; sent: number; received?: number }
  /** A worker thread ended: terminated, or it closed itself. */
  | { k: 'ended'; thread: string }
  /** The timeline stopped here: a run keeps at most `max` spans and messages. */
  | { k: 'timeline-cap'; max: number }
)

/** The thread timeline's events, as opposed to the event loop's (the visualizer skips them). */
export const isTimelineEvent = (e: TraceEvent): boolean =>
  e.k === 'span' || e.k === 'message' || e.k === 'ended' || e.k === 'timeline-cap'

/** What made a thread busy (see the `span` trace event). */
export type SpanWhat = 'startup' | 'script' | 'timer' | 'message'
export const SPAN_WHAT: ReadonlySet<string> = new Set<SpanWhat>(['startup', 'script', 'timer', 'message'])

/**
 * What one thread of a traced run notes about itself, times in ms on the
 * run's clock (thread-activity.ts). A demo's worker passes its notes (and
 * its own workers') up on its reports port, as the `activity` message; the
 * sandbox's main thread turns all of them into `span` and `message` events.
 * `n` numbers the messages from one thread to another, in order, on both
 * ends: a worker's messages arrive in the order they were posted.
 */
export type ActivityNote =
  | { a: 'open'; thread: string; t: number; what: SpanWhat }
  | { a: 'close'; thread: string; t: number; tasks: number }
  | { a: 'sent'; from: string; to: string; n: number; t: number }
  | { a: 'received'; from: string; to: string; n: number; t: number }
  | { a: 'ended'; thread: string; t: number }
  /** This thread stopped noting after `max` notes. */
  | { a: 'cap'; thread: string; t: number; max: number }

/** Who a run's thread is, for its notes: sent to a demo's worker in its `start` message. */
export interface ThreadInfo {
  /** `main`, `worker-1`, `worker-1.2`… */
  thread: string
  /** The thread that started it. */
  parent?: string
  /** The run's start, as `performance.timeOrigin + performance.now()` on the sandbox's main thread. */
  origin: number
  /** When the parent called `new Worker(…)`, on the run's clock. */
  created?: number
}

// ---- sandbox → deck ----

/** What every host (a worker, or main-thread mode) reports about a run. */
export type SandboxMessage =
  | { type: 'lines'; lines: ConsoleLine[]; /** lines dropped before these, since the last batch */ dropped: number }
  /** Nothing is pending any more: no timers, no nested workers, microtasks drained. */
  | { type: 'done' }
  /**
   * An uncaught error ended the run (its text came as an `error` line first),
   * with where it happened in the user's main file, if it did, and its
   * one-line message for the editor's marker.
   */
  | { type: 'error'; at?: { line: number; column: number }; message?: string }
  /** The code kept its thread for `ms` without yielding (main-thread mode's own guard). */
  | { type: 'blocked'; ms: number }
  /** The program starts now: the watchdog's block clock starts here, not at boot. */
  | { type: 'started' }
  /** The answer to a watchdog ping: the worker's thread is free. */
  | { type: 'pong'; seq: number }
  /** A nested worker closed itself. */
  | { type: 'closed' }
  /** Trace events recorded since the last batch (runs with the visualizer only). */
  | { type: 'trace'; events: TraceEvent[] }
  /** A demo's worker to its parent sandbox, never to the deck: thread activity (traced runs only). */
  | { type: 'activity'; notes: ActivityNote[] }

// ---- deck ⇄ frame ----

/** Where the frame's bootstrap leaves the boot message for the frame's script. */
export const BOOT_GLOBAL = '__sandboxBoot'

/** Sent once by the deck to the frame's window, with `port` transferred. */
export interface BootMessage {
  type: 'boot'
  /** The frame's own script (sandbox-frame.ts, bundled). */
  frame: string
  /** The worker's script (sandbox.worker.ts, bundled). */
  worker: string
  port: MessagePort
}

export type DeckToFrame =
  /**
   * Start a spare worker now; it will report on `port`, whose other end the
   * deck keeps. Without `script` it is a TypeScript sandbox worker (the boot
   * message's); with it, a module worker of that script (another language's
   * host, runtime/hosts.ts), started from a data: URL, the one kind of module
   * worker an opaque origin can start.
   */
  | { type: 'spawn'; worker: number; port: MessagePort; script?: string }
  /** Compile this program and run it in spare worker `worker`. */
  | {
    type: 'start'
    worker: number
    source: string
    file: string
    /** Raw sources the program may import, by file name. */
    modules: Record<string, string>
    limits: FloodLimits
    /** Record a trace for the event-loop visualizer. */
    trace?: boolean
  }
  /** Compile only (main-thread mode runs the result on the deck's thread; the warm-up keeps the toolkit's result). */
  | { type: 'compile'; request: number; source: string; file: string; modules: Record<string, string>; guard: boolean; trace?: boolean }
  | { type: 'kill'; worker: number }
  | { type: 'ping'; seq: number }

export type CompileResult =
  | { ok: true; code: string; modules: ModuleSources }
  | { ok: false; diagnostic: Diagnostic; file: string }

export type FrameToDeck =
  /** The frame's script runs and its compiler is loaded. */
  | { type: 'ready' }
  | { type: 'pong'; seq: number }
  /**
   * The frame starts synchronous work of ours (compiling), during which it
   * cannot answer pings, and ends it: a long compile on a starved machine is
   * a busy frame, not a dead one.
   */
  | { type: 'busy' }
  | { type: 'free' }
  /** The program did not compile; worker `worker` never ran it. */
  | { type: 'rejected'; worker: number; diagnostic: Diagnostic; file: string }
  | { type: 'compiled'; request: number; result: CompileResult }
  /** Worker `worker` failed outside the program (its script did not load). */
  | { type: 'failed'; worker: number; message: string }

// ---- frame → worker ----

/** Sent once on the worker itself by whoever starts it (the frame, or a parent sandbox). */
export interface ConnectMessage {
  type: 'connect'
  /** Where the worker reports (`SandboxMessage`): the deck, or a parent sandbox. */
  deck: MessagePort
  /** Where `start` comes from and nested-worker sources get compiled. */
  host: MessagePort
  /**
   * The program, right away: a parent sandbox sends it this way, so it
   * arrives before the messages the demo posted to its worker meanwhile.
   */
  start?: Extract<HostToWorker, { type: 'start' }>
}

export type HostToWorker =
  | {
    type: 'start'
    /** Compiled main program (CommonJS, line-preserving). */
    code: string
    /** File name shown in stacks, e.g. `demo.ts`. */
    file: string
    modules: ModuleSources
    limits: FloodLimits
    /**
     * Set when a demo's own `new Worker(…)` runs in a copy of the sandbox:
     * errors are reported but do not end anything, and `close()` is allowed.
     */
    nested?: boolean
    /** The code was compiled with trace hooks: record the trace. */
    trace?: boolean
    /** A demo's worker in a traced run: note this thread's activity (thread-activity.ts). */
    threads?: ThreadInfo
  }
  | { type: 'compiled'; id: number; code: string }
  | { type: 'compiled'; id: number; error: string }

/** Worker → host: compile a nested worker's source. */
export interface CompileRequest {
  type: 'compile'
  id: number
  source: string
  file: string
}
