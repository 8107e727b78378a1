/**
 * The wire format between the deck, the sandbox frame and the sandbox
 * workers, and the parsers the deck uses on what comes back. Nothing else.
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
 * it only through `parseSandboxMessage` and `parseFrameMessage`.
 *
 * Over 300 lines: besides the wire types it still holds the flood limits
 * and the parsers of each message. Moving limits and parsing to modules of
 * their own is open in issue 19 (not done, to keep the Python, Go and sync
 * merges of this stop readable).
 */

/**
 * The name under which the sandbox hands its hooks (budget guard, import,
 * import.meta) to compiled user code; instrument.ts writes calls to it.
 */
export const SANDBOX_HOOKS = '$$sandbox'

export type LogLevel = 'log' | 'info' | 'warn' | 'error' | 'result' | 'system'
const LEVELS: ReadonlySet<string> = new Set(['log', 'info', 'warn', 'error', 'result', 'system'])

export type RunStatus = 'idle' | 'running' | 'done' | 'error' | 'timeout' | 'stopped'

/** How long a run may take in all, unless a demo says otherwise. */
export const DEFAULT_TIMEOUT_MS = 10_000
/** How long the code may keep its thread without yielding, unless a demo says otherwise. */
export const DEFAULT_BLOCK_LIMIT_MS = 3_000

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

/**
 * How many lines a demo's console shows: the newest ones, under one "N
 * earlier lines dropped" line. A talk's demos print a few dozen; more is a
 * flood, and every extra row is DOM the deck must build while it runs.
 */
export const CONSOLE_LINES = 200

export const DEFAULT_LIMITS: FloodLimits = {
  maxLineLength: 10_000,
  maxLinesPerBatch: CONSOLE_LINES,
  flushMs: 16,
  floodLines: 100,
  floodFlushMs: 100,
}

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
const SPAN_WHAT: ReadonlySet<string> = new Set(['startup', 'script', 'timer', 'message'])

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

/** Longest text kept for a traced console line or label. */
const TRACE_TEXT = 500

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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null
const count = (v: unknown): number => (Number.isFinite(v) ? Math.max(0, Math.floor(v as number)) : 0)

/** Reads one message from a sandbox; anything malformed is `undefined`. */
export function parseSandboxMessage(raw: unknown, limits: FloodLimits = DEFAULT_LIMITS): SandboxMessage | undefined {
  if (!isObject(raw)) return undefined
  const m = raw as { type?: unknown } & Record<string, unknown>
  switch (m.type) {
    case 'lines':
      return { type: 'lines', lines: parseLines(m.lines, limits), dropped: count(m.dropped) }
    case 'done':
      return { type: 'done' }
    case 'error': {
      const at = isObject(m.at) && Number.isFinite(m.at.line)
        ? { line: count(m.at.line), column: count(m.at.column) || 1 }
        : undefined
      const message = typeof m.message === 'string' ? m.message.slice(0, 2_000) : undefined
      return { type: 'error', at, message }
    }
    case 'blocked':
      return { type: 'blocked', ms: count(m.ms) }
    case 'started':
      return { type: 'started' }
    case 'pong':
      return { type: 'pong', seq: count(m.seq) }
    case 'closed':
      return { type: 'closed' }
    case 'trace':
      return { type: 'trace', events: parseTrace(m.events) }
    default:
      return undefined
  }
}

const num = (v: unknown): number => (Number.isFinite(v) ? v as number : 0)
const str = (v: unknown): string => String(v ?? '').slice(0, TRACE_TEXT)
const optLine = (v: unknown): number | undefined => (Number.isFinite(v) ? count(v) : undefined)
const queueOf = (v: unknown): 'micro' | 'task' => (v === 'task' ? 'task' : 'micro')
/** A thread's name: `main` or `worker-…`, short. */
const thread = (v: unknown): string => String(v ?? '').slice(0, 40)

/** Trace events from a sandbox: only well-formed ones, with bounded text. */
export function parseTrace(raw: unknown): TraceEvent[] {
  if (!Array.isArray(raw)) return []
  const out: TraceEvent[] = []
  for (const e of raw.slice(0, 10_000)) {
    if (!isObject(e)) continue
    const base = { t: num(e.t), line: optLine(e.line) }
    const id = count(e.id)
    const f = count(e.f)
    switch (e.k) {
      case 'enter': {
        const via = isObject(e.via) ? { q: queueOf(e.via.q), id: count(e.via.id), label: str(e.via.label) } : undefined
        out.push({ ...base, k: 'enter', f, name: str(e.name), file: e.file === undefined ? undefined : str(e.file), async: e.async === true, via })
        break
      }
      case 'exit':
        out.push({ ...base, k: 'exit', f })
        break
      case 'await':
        out.push({ ...base, k: 'await', f, id, ready: e.ready === true, label: str(e.label) })
        break
      case 'resume':
        out.push({ ...base, k: 'resume', f, id })
        break
      case 'queue': {
        const why = e.why === 'settled' || e.why === 'queueMicrotask' ? e.why : 'then'
        out.push({ ...base, k: 'queue', id, label: str(e.label), why })
        break
      }
      case 'run':
        out.push({ ...base, k: 'run', q: queueOf(e.q), id, label: str(e.label) })
        break
      case 'timer':
        out.push({ ...base, k: 'timer', id, ms: count(e.ms), repeat: e.repeat === true, label: str(e.label) })
        break
      case 'clear':
        out.push({ ...base, k: 'clear', id })
        break
      case 'post':
        out.push({ ...base, k: 'post', id, label: str(e.label) })
        break
      case 'worker':
        out.push({ ...base, k: 'worker', id, label: str(e.label), alive: e.alive === true })
        break
      case 'log':
        out.push({ ...base, k: 'log', level: LEVELS.has(e.level as string) ? e.level as LogLevel : 'log', text: str(e.text) })
        break
      case 'cap':
        out.push({ ...base, k: 'cap', max: count(e.max) })
        break
      case 'span':
        out.push({
          t: base.t,
          k: 'span',
          thread: thread(e.thread),
          start: num(e.start),
          end: Math.max(num(e.start), num(e.end)),
          what: SPAN_WHAT.has(e.what as string) ? e.what as SpanWhat : 'message',
          tasks: count(e.tasks),
        })
        break
      case 'message':
        out.push({
          t: base.t,
          k: 'message',
          from: thread(e.from),
          to: thread(e.to),
          sent: num(e.sent),
          received: Number.isFinite(e.received) ? e.received as number : undefined,
        })
        break
      case 'ended':
        out.push({ t: base.t, k: 'ended', thread: thread(e.thread) })
        break
      case 'timeline-cap':
        out.push({ t: base.t, k: 'timeline-cap', max: count(e.max) })
        break
    }
  }
  return out
}

/** Lines from a sandbox: keep only well-formed, bounded ones. */
function parseLines(raw: unknown, limits: FloodLimits): ConsoleLine[] {
  if (!Array.isArray(raw)) return []
  const out: ConsoleLine[] = []
  for (const l of raw.slice(-limits.maxLinesPerBatch)) {
    if (!isObject(l)) continue
    out.push({
      level: LEVELS.has(l.level as string) ? l.level as LogLevel : 'log',
      text: String(l.text ?? '').slice(0, limits.maxLineLength + 64),
      t: count(l.t),
      depth: Math.min(count(l.depth), 20),
    })
  }
  return out
}

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
  /** Compile only (main-thread mode runs the result on the deck's thread). */
  | { type: 'compile'; request: number; source: string; file: string; modules: Record<string, string>; guard: boolean }
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

function parseDiagnostic(raw: unknown): Diagnostic {
  const d = isObject(raw) ? raw : {}
  return { message: String(d.message ?? 'Compile error').slice(0, 2_000), line: count(d.line) || 1, column: count(d.column) || 1 }
}

/** Reads one message from the frame; anything malformed is `undefined`. */
export function parseFrameMessage(raw: unknown): FrameToDeck | undefined {
  if (!isObject(raw)) return undefined
  switch (raw.type) {
    case 'ready':
      return { type: 'ready' }
    case 'pong':
      return { type: 'pong', seq: count(raw.seq) }
    case 'busy':
    case 'free':
      return { type: raw.type }
    case 'rejected':
      return { type: 'rejected', worker: count(raw.worker), diagnostic: parseDiagnostic(raw.diagnostic), file: String(raw.file) }
    case 'compiled': {
      const r = isObject(raw.result) ? raw.result : {}
      const result: CompileResult = r.ok === true && typeof r.code === 'string' && isObject(r.modules)
        ? {
          ok: true,
          code: r.code,
          modules: Object.fromEntries(Object.entries(r.modules).map(([k, v]) => [k, String(v)])),
        }
        : { ok: false, diagnostic: parseDiagnostic(r.diagnostic), file: String(r.file ?? '') }
      return { type: 'compiled', request: count(raw.request), result }
    }
    case 'failed':
      return { type: 'failed', worker: count(raw.worker), message: String(raw.message).slice(0, 2_000) }
    default:
      return undefined
  }
}

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
