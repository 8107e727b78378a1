/**
 * Main-thread mode: runs a demo on the deck's own thread, so the audience can
 * watch the page freeze. Only demos listed in MAIN_THREAD_DEMO_IDS may use it
 * (run.ts enforces that), because here nothing can be terminated: safety
 * comes from the instrument step's `tick()` guards instead. Whenever the code
 * keeps the thread busy for longer than the budget (about 3 s) without
 * yielding, every guard starts throwing and the run ends.
 *
 * The code sees a captured `console`, tracked timers, and stubs in place of
 * the page's globals (document, window, storage, network), so an edited
 * freeze demo cannot casually reach the deck. This is a speed bump, not a
 * wall: the Worker sandbox is the wall, and it is the default everywhere.
 */
import { createConsole } from './capture.ts'
import { createStackMapper, execute, userPosition } from './execute.ts'
import { formatValue } from './format.ts'
import { createTracker } from './pending.ts'
import type { ConsoleLine, ModuleSources } from './protocol.ts'

/** The only demos allowed to run on the main thread. */
export const MAIN_THREAD_DEMO_IDS: ReadonlySet<string> = new Set(['freeze'])

export const DEFAULT_BUDGET_MS = 3_000

/** Page globals the main-thread code must not touch; each becomes a throwing stub. */
const SHADOWED = [
  'window', 'self', 'globalThis', 'document', 'location', 'history', 'navigator', 'top', 'parent',
  'frames', 'opener', 'localStorage', 'sessionStorage', 'indexedDB', 'caches', 'cookieStore',
  'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'BroadcastChannel', 'Worker',
  'SharedWorker', 'alert', 'confirm', 'prompt', 'open', 'close', 'postMessage',
  'Function', 'importScripts', 'customElements', 'addEventListener', 'removeEventListener',
]

export interface MainThreadOptions {
  file: string
  /** Compiled and instrumented with guards. */
  code: string
  modules: ModuleSources
  /** Longest the code may block the thread without yielding. */
  budgetMs?: number
  lines(lines: ConsoleLine[]): void
  /** The run ended by itself. `at` is the error's line in the main file. */
  end(status: 'done' | 'error' | 'timeout', at?: { line: number; column: number }): void
}

export interface MainThreadRun {
  /** Cancels every timer and makes every guard throw. */
  stop(): void
}

export function runOnMainThread(opts: MainThreadOptions): MainThreadRun {
  const budget = opts.budgetMs ?? DEFAULT_BUDGET_MS
  const t0 = performance.now()
  const files = [opts.file, ...Object.keys(opts.modules)]
  const mapStack = createStackMapper(files)
  let ended = false
  let dead = false

  // Lines go out in frame-sized batches, like the worker's.
  let buffer: ConsoleLine[] = []
  let flushTimer: ReturnType<typeof setTimeout> | undefined
  const flush = () => {
    flushTimer = undefined
    if (!buffer.length) return
    const out = buffer.slice(-1_000)
    buffer = []
    opts.lines(out)
  }
  const emit = (line: ConsoleLine) => {
    buffer.push(line)
    if (buffer.length > 2_000) buffer = buffer.slice(-1_000)
    flushTimer ??= setTimeout(flush, 16)
  }

  // The slice clock restarts whenever the thread gets back to the event loop.
  let sliceStart = performance.now()
  let heartbeat: ReturnType<typeof setTimeout> | undefined
  const beat = () => {
    sliceStart = performance.now()
    heartbeat = setTimeout(beat, 25)
  }
  beat()
  let turns = 0
  const tick = () => {
    if (dead) throw budgetError(budget)
    if ((++turns & 1023) !== 0) return
    if (performance.now() - sliceStart > budget) {
      finish('timeout', undefined, `Stopped after ${budget / 1000} s: this code kept the page busy for too long`)
      throw budgetError(budget)
    }
  }

  const finish = (
    status: 'done' | 'error' | 'timeout',
    at?: { line: number; column: number },
    systemText?: string,
  ) => {
    if (ended) return
    ended = true
    dead = true
    tracker.dispose()
    clearTimeout(heartbeat)
    lingerThenRemove()
    if (systemText) emit({ level: 'system', text: systemText, t: performance.now() - t0, depth: 0 })
    if (flushTimer !== undefined) clearTimeout(flushTimer)
    flush()
    opts.end(status, at)
  }
  const reportError = (error: unknown, prefix = 'Uncaught') => {
    if (ended) return
    emit({ level: 'error', text: `${prefix} ${formatValue(error, { mapStack })}`, t: performance.now() - t0, depth: 0 })
    const pos = error instanceof Error ? userPosition(String(error.stack), files) : undefined
    finish('error', pos && pos.file === opts.file ? { line: pos.line, column: pos.column } : undefined)
  }
  // Only rejections whose stack runs through the demo's files are the demo's.
  // After the run, the dying demo's promise chains still reject (every guard
  // throws); those are swallowed for a moment so they never reach the deck.
  const onRejection = (e: PromiseRejectionEvent) => {
    const reason = e.reason
    const stack = reason instanceof Error ? String(reason.stack) : ''
    const ours = reason instanceof BudgetError ||
      files.some((f) => stack.includes(`${f}:`) || stack.includes(`${f},`))
    if (!ours) return
    e.preventDefault()
    reportError(reason, 'Uncaught (in promise)')
  }
  addEventListener('unhandledrejection', onRejection)
  const lingerThenRemove = () =>
    setTimeout(() => removeEventListener('unhandledrejection', onRejection), 1_000)

  const tracker = createTracker(
    {
      // Bound: the page's timer functions throw "Illegal invocation" otherwise.
      setTimeout: setTimeout.bind(globalThis),
      clearTimeout: clearTimeout.bind(globalThis),
      setInterval: setInterval.bind(globalThis),
      clearInterval: clearInterval.bind(globalThis),
      queueMicrotask: queueMicrotask.bind(globalThis),
      requestAnimationFrame: globalThis.requestAnimationFrame?.bind(globalThis),
      cancelAnimationFrame: globalThis.cancelAnimationFrame?.bind(globalThis),
    },
    {
      onError: (e) => reportError(e),
      onIdle: () => finish('done'),
    },
  )
  const console = createConsole({ emit, now: () => performance.now() - t0, mapStack })
  const scope: Record<string, unknown> = { console, ...tracker.timers }
  for (const name of SHADOWED) scope[name] = blocked(name)

  execute({ file: opts.file, code: opts.code, modules: opts.modules, scope, tick }).then(
    () => tracker.check(),
    (e) => (dead ? undefined : reportError(e)),
  )
  tracker.check()

  return {
    stop() {
      if (ended) return
      ended = true
      dead = true
      tracker.dispose()
      clearTimeout(heartbeat)
      if (flushTimer !== undefined) clearTimeout(flushTimer)
      lingerThenRemove()
    },
  }
}

class BudgetError extends Error {}

function budgetError(budget: number): Error {
  return new BudgetError(`Stopped after ${budget / 1000} s: this code kept the page busy for too long`)
}

/** A stand-in that fails loudly on any use. */
function blocked(name: string): unknown {
  const fail = () => {
    throw new Error(`${name} is not available in the main-thread demo`)
  }
  return new Proxy(function () {}, {
    get: fail,
    set: fail,
    has: fail,
    apply: fail,
    construct: fail,
    ownKeys: fail,
    getPrototypeOf: fail,
    defineProperty: fail,
    getOwnPropertyDescriptor: fail,
  })
}
