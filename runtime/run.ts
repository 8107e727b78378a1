/**
 * The one small interface the UI uses to run a demo: a run's lifecycle,
 * reported as one ordered stream of events (events.ts).
 *
 *   const { startRun, prepareRunner } = await import('../runtime/run.ts')
 *   prepareRunner()                       // on slide enter: the frame, a spare worker, the toolkit compiled
 *   const run = startRun({ code }, (e) => …)
 *     // e: started, then lines (the console now, with its dropped count),
 *     // trace, diagnostic ({ message, line, column } in the user's code),
 *     // and last end ('done' | 'error' | 'timeout' | 'stopped'), each with its seq
 *   run.stop()                            // Stop button, re-run, leaving the slide
 *   await run.finished                    // the final status
 *
 * A run: a host (hosts.ts) starts the program: for TypeScript, the frame
 * compiles the code (compile.ts, in the frame's process) and starts it in a
 * spare worker (host-pool.ts); Python and Go run in module workers of their
 * own in the same frame. Each worker reports on its own port (protocol.ts,
 * read through parse.ts); this file turns the reports of every host into
 * the same events, keeps the run's console bounded once (console-tail.ts),
 * applies the limits' defaults (limits.ts), and ends the run exactly once,
 * on whichever comes first:
 * - the sandbox says it is done, or hit an uncaught error;
 * - Stop;
 * - the time limit (DEFAULT_TIMEOUT_MS unless the demo sets its own);
 * - the watchdog: the worker has neither answered a ping (every 100 ms) nor
 *   sent output for the block limit (DEFAULT_BLOCK_LIMIT_MS), so its thread
 *   is stuck in an endless loop or microtask chain; or the frame's process died (out of memory), and a
 *   fresh frame replaces it. Death is the port's close event where the
 *   browser has one; elsewhere, the frame and its worker silent while the
 *   frame is not compiling, confirmed by more silence through on-time ticks
 *   of the deck's own (a busy or starved sandbox is not a dead one).
 *
 * Main-thread mode (only MAIN_THREAD_DEMO_IDS) asks the frame to compile with
 * budget guards, then runs on the deck's own thread (main-thread.ts).
 *
 * Nothing here may be imported eagerly by the first slide: the UI loads it
 * with `await import()`; the Python and Go hosts load on their first use.
 *
 * Over 300 lines: the lifecycle, its event stream and the watchdog share
 * one run's state (its end latch, its event numbering and console tail, its
 * cleanups, what the worker last said), which is clearest in one closure.
 */
import { discard, type HostedWorker } from './host-pool.ts'
import { type Host, type HostIO, type HostRun, type Lang, LANG_FILES } from './hosts.ts'
import { appendLines, EMPTY_TAIL } from './console-tail.ts'
import { type EndStatus, linesEvent, numbered, type RunEvent } from './events.ts'
import { mainThreadHost, workerHost } from './ts-host.ts'
import { DEFAULT_BLOCK_LIMIT_MS, DEFAULT_LIMITS, DEFAULT_TIMEOUT_MS } from './limits.ts'
import { parseSandboxMessage } from './parse.ts'
import type { ConsoleLine, Diagnostic, LogLevel, RunStatus, SandboxMessage, TraceEvent } from './protocol.ts'

export type { ConsoleLine, Diagnostic, EndStatus, Lang, LogLevel, RunEvent, RunStatus, TraceEvent }

export interface RunOptions {
  /** The editor text: TypeScript or JavaScript, or Python or Go with `lang`. */
  code: string
  /** Default `typescript`. */
  lang?: Lang
  /** Time limit of the whole run; it ends with status `timeout`. */
  timeoutMs?: number
  /** Longest the code may keep its thread without yielding; it ends with status `timeout`. */
  blockLimitMs?: number
  /** `main-thread` is refused unless `demoId` is in MAIN_THREAD_DEMO_IDS. */
  mode?: 'worker' | 'main-thread'
  demoId?: string
  /** Name shown in stacks. Default `demo.ts` (`demo.py`, `main.go`). */
  file?: string
  /** Extra importable modules (raw source by file name), beside the demo toolkit. */
  modules?: Record<string, string>
  /** Record the event loop's trace for the visualizer (worker mode only). */
  trace?: boolean
  /** Go: the demo's file, whose build-time binary runs only while `code` is still `original`. */
  src?: string
  original?: string
  /** Injected for tests: the host to run on, instead of the one for `lang`. */
  host?: Host
}

export interface RunHandle {
  stop(): void
  readonly finished: Promise<EndStatus>
}

/** How often the watchdog pings the worker and the frame. */
const PING_MS = 100
/** A watchdog tick this late means the deck's own thread was busy: judge nothing this time. */
const LATE_MS = 1_000
/**
 * A frame that answers no ping for this long, while its worker is silent
 * too, and while it is not compiling for us, is suspected dead.
 */
const FRAME_SILENT_MS = 1_500
/**
 * A suspected frame is declared dead only if it stays silent this much
 * longer, through a tick stream of the deck's own that stays on time (a
 * tick later than SUSPECT_LATE_MS starts the wait again): a machine too
 * starved to run the deck's timers on time may be starving the frame too.
 */
const FRAME_CONFIRM_MS = 1_500
const SUSPECT_LATE_MS = 300

const messages = {
  stopped: 'Stopped',
  timeLimit: (ms: number) => `Stopped after ${seconds(ms)}: the time limit for this demo`,
  blocked: (ms: number) => `Stopped: the code did not give its thread back for ${seconds(ms)} (an endless loop?)`,
  crashed:
    'The program ran out of memory (or crashed), so its sandbox was closed. The deck is fine, and the next Run gets a fresh sandbox.',
}

/** The hosts by language; the Python and Go ones load on first use, in chunks of their own. */
const HOSTS: Partial<Record<Lang, () => Host | Promise<Host>>> = {
  typescript: () => workerHost,
  python: () => import('./python-host.ts').then((m) => m.pythonHost),
  go: () => import('./go-host.ts').then((m) => m.goHost),
}

function hostFor(lang: Lang, mode: RunOptions['mode']): Host | Promise<Host> {
  if (lang === 'typescript' && mode === 'main-thread') return mainThreadHost
  const host = HOSTS[lang]
  if (!host) throw new Error(`no runner for ${lang} in this build`)
  return host()
}

/** The raw sources demos may import, by file name: Vite inlines them; Deno has none. */
function defaultModules(): Record<string, string> {
  try {
    // @ts-ignore: import.meta.glob is Vite's; Deno never reaches this line.
    const found = import.meta.glob('../demos/toolkit.ts', {
      query: '?raw',
      import: 'default',
      eager: true,
    }) as Record<string, string>
    return Object.fromEntries(Object.entries(found).map(([path, src]) => [path.split('/').pop()!, src]))
  } catch {
    return {}
  }
}

let toolkit: Record<string, string> | undefined

/**
 * Gets the next Run ready: the sandbox frame, a spare worker, the toolkit
 * compiled; for Python, the interpreter loaded in a spare worker.
 */
export function prepareRunner(lang: Lang = 'typescript'): void {
  toolkit ??= defaultModules()
  const modules = toolkit
  workerHost.prepare(modules)
  if (lang !== 'typescript') Promise.resolve(hostFor(lang, 'worker')).then((h) => h.prepare(modules), () => {})
}

/** Starts a run; `onEvent` hears its events in order, `started` before this returns and `end` last. */
export function startRun(opts: RunOptions, onEvent: (e: RunEvent) => void): RunHandle {
  const {
    code,
    lang = 'typescript',
    timeoutMs = DEFAULT_TIMEOUT_MS,
    blockLimitMs = DEFAULT_BLOCK_LIMIT_MS,
    mode = 'worker',
    demoId,
  } = opts
  const file = opts.file ?? LANG_FILES[lang]?.file ?? 'demo.ts'
  toolkit ??= defaultModules()
  const modules = lang === 'typescript' ? { ...toolkit, ...opts.modules } : { ...opts.modules }
  const t0 = performance.now()
  let resolve!: (s: EndStatus) => void
  const finished = new Promise<EndStatus>((r) => (resolve = r))
  let ended = false
  const cleanups: (() => void)[] = []
  let hostRun: HostRun | undefined
  let timeFromStart = false
  const emit = numbered(onEvent)
  const trace = opts.trace === true && lang === 'typescript' && mode === 'worker'
  emit({ type: 'started', code, lang, trace })

  /** The console, bounded once here: each batch is folded in, and the whole tail goes out. */
  let tail = EMPTY_TAIL
  const lines = (batch: readonly ConsoleLine[], dropped: number) => {
    const next = appendLines(tail, batch, dropped)
    if (next === tail) return
    tail = next
    emit(linesEvent(tail))
  }
  const system = (text: string, level: LogLevel = 'system') =>
    lines([{ level, text, t: Math.round(performance.now() - t0), depth: 0 }], 0)
  const end = (status: EndStatus, text?: string) => {
    if (ended) return
    ended = true
    for (const c of cleanups.splice(0)) c()
    hostRun?.stop()
    if (text) system(text)
    emit({ type: 'end', status })
    resolve(status)
  }
  const rejected = (d: Diagnostic, where: string) => {
    if (where === file) emit({ type: 'diagnostic', diagnostic: d })
    system(`${d.message} (${where}:${d.line}:${d.column})`, 'error')
    end('error')
  }
  const armLimit = () => {
    const limit = setTimeout(() => end('timeout', messages.timeLimit(timeoutMs)), timeoutMs)
    cleanups.push(() => clearTimeout(limit))
  }
  /** Every host's messages, read the same way. */
  const receive = (m: SandboxMessage | undefined) => {
    if (ended || !m) return
    switch (m.type) {
      case 'lines':
        return lines(m.lines, m.dropped)
      case 'done':
        return end('done')
      case 'error':
        // The host says what and where, as data; the console's error line came before it.
        if (m.at) emit({ type: 'diagnostic', diagnostic: { message: m.message ?? 'Uncaught error', line: m.at.line, column: m.at.column } })
        return end('error')
      case 'blocked':
        return end('timeout', messages.blocked(m.ms))
      case 'trace':
        if (m.events.length) emit({ type: 'trace', events: m.events })
        return
      case 'started':
        if (timeFromStart) armLimit()
        timeFromStart = false
        return
      case 'pong':
      case 'closed':
        return
    }
  }
  const handle: RunHandle = { stop: () => end('stopped', messages.stopped), finished }

  const io: HostIO = {
    receive,
    system,
    reject: rejected,
    fail: (text) => {
      system(text, 'error')
      end('error')
    },
    watch: (worker) => watch(worker),
    get ended() {
      return ended
    },
  }

  const begin = (host: Host) => {
    if (ended) return
    timeFromStart = host.timeFromStart === true
    if (!timeFromStart) armLimit()
    try {
      const program = {
        code,
        file,
        modules,
        limits: DEFAULT_LIMITS,
        trace,
        demoId,
        blockLimitMs,
        src: opts.src,
        original: opts.original,
      }
      hostRun = host.start(program, io)
    } catch (error) {
      io.fail(`The demo sandbox could not start: ${(error as Error).message}`)
    }
  }
  let host: Host | Promise<Host>
  try {
    host = opts.host ?? hostFor(lang, mode)
  } catch (error) {
    io.fail(`The demo sandbox could not start: ${(error as Error).message}`)
    return handle
  }
  if (host instanceof Promise) {
    host.then(begin, (error) => io.fail(`The ${lang} runner could not be loaded: ${String(error)}`))
  } else begin(host)
  return handle

  /** The watchdog over one worker in the sandbox frame. */
  function watch(host: HostedWorker) {
    const { frame, port } = host
    // The watchdog's view of the worker: when it was last heard from, when
    // its program started, the last ping it answered, and when it last sent
    // output (a loop that prints is making progress: on a starved machine a
    // flood that takes 1.5 s on a quiet one is no endless loop; the time
    // limit still bounds it).
    let heardAt = performance.now()
    let startedAt = 0
    let answered = 0
    let printedAt = 0
    port.onmessage = (e: MessageEvent) => {
      const m = parseSandboxMessage(e.data)
      heardAt = performance.now()
      if (m?.type === 'pong') answered = Math.max(answered, m.seq)
      else if (m?.type === 'started') startedAt = heardAt
      else if (m?.type === 'lines' && startedAt) printedAt = heardAt
      receive(m)
    }
    cleanups.push(() => {
      frame.kill(host.id)
      port.onmessage = null
      port.close()
    })

    // ---- the watchdog ----
    // The worker answers a ping only when its thread is free. The block clock
    // starts when the program starts (booting and compiling are not blocking);
    // the crash check waits for the frame to have booted.
    let seq = 0
    const sentAt: number[] = []
    let lastTick = performance.now()
    // When the frame was first found silent (0: it is not suspected).
    let suspectedAt = 0
    const crashed = () => {
      discard(frame)
      end('error', messages.crashed)
    }
    const tick = () => {
      const now = performance.now()
      const gap = now - lastTick
      lastTick = now
      port.postMessage({ type: 'ping', seq: ++seq })
      sentAt[seq] = now
      frame.ping(now)
      if (frame.gone) return crashed()
      // A late tick means the deck itself was busy or throttled: its clocks say
      // nothing about the sandbox this time.
      if (gap > SUSPECT_LATE_MS) suspectedAt = 0
      if (gap > LATE_MS) return
      const silent = frame.ready && frame.silence(now) > FRAME_SILENT_MS && now - heardAt > FRAME_SILENT_MS
      if (!silent) suspectedAt = 0
      else if (!suspectedAt) suspectedAt = now
      else if (now - suspectedAt > FRAME_CONFIRM_MS) return crashed()
      const blocked = startedAt && answered < seq - 1 ? now - Math.max(sentAt[answered + 1], startedAt, printedAt) : 0
      // While the frame is suspected too, its worker's silence may be death
      // rather than a loop: the crash check has the last word.
      if (blocked > blockLimitMs && !suspectedAt) end('timeout', messages.blocked(blockLimitMs))
    }
    const watchdog = setInterval(tick, PING_MS)
    cleanups.push(() => clearInterval(watchdog))
    tick()
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`
}
