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
import { execute } from './execute.ts'
import { boundTimers } from './pending.ts'
import type { ModuleSources, SandboxMessage } from './protocol.ts'
import type { FloodLimits } from './limits.ts'
import { createSandbox } from './sandbox.ts'

/** The only demos allowed to run on the main thread. */
export const MAIN_THREAD_DEMO_IDS: ReadonlySet<string> = new Set(['freeze'])

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
  /** Longest the code may block the thread without yielding (run.ts applies the default). */
  budgetMs: number
  limits: FloodLimits
  /** Receives what a sandbox worker would post: lines, then `done`, `error` or `blocked`. */
  send(message: SandboxMessage): void
}

export interface MainThreadRun {
  /** Cancels every timer and makes every guard throw. */
  stop(): void
}

export function runOnMainThread(opts: MainThreadOptions): MainThreadRun {
  const budget = opts.budgetMs
  const t0 = performance.now()
  const files = [opts.file, ...Object.keys(opts.modules)]
  let dead = false

  const sandbox = createSandbox({
    // However the run ends (done, error, blocked), the guards stop it for good.
    send: (m) => {
      if (m.type === 'done' || m.type === 'error' || m.type === 'blocked') kill()
      opts.send(m)
    },
    limits: opts.limits,
    file: opts.file,
    files,
    timers: boundTimers(),
    now: () => performance.now() - t0,
  })

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
      kill()
      sandbox.end({ type: 'blocked', ms: budget })
      throw budgetError(budget)
    }
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
    if (!dead) sandbox.reportError(reason, 'Uncaught (in promise)')
  }
  addEventListener('unhandledrejection', onRejection)
  function kill() {
    if (dead) return
    dead = true
    clearTimeout(heartbeat)
    setTimeout(() => removeEventListener('unhandledrejection', onRejection), 1_000)
  }
  const scope: Record<string, unknown> = { console: sandbox.console, ...sandbox.timers }
  for (const name of SHADOWED) scope[name] = blocked(name)
  // scheduler.yield() continuations run in tasks of their own, but ahead of
  // the heartbeat's timer: code that yields only that way would starve the
  // heartbeat and be cut although it gives the thread back. So they restart
  // the slice clock themselves.
  const scheduler = (globalThis as { scheduler?: SchedulerLike }).scheduler
  if (scheduler) {
    const restart = () => void (sliceStart = performance.now())
    scope.scheduler = {
      yield: scheduler.yield && (() => scheduler.yield!().then(restart)),
      postTask: (task: () => unknown, options?: unknown) =>
        scheduler.postTask(() => {
          restart()
          return task()
        }, options),
    }
  }

  execute({ file: opts.file, code: opts.code, modules: opts.modules, scope, tick }).then(
    () => sandbox.check(),
    (e) => (dead ? undefined : sandbox.reportError(e)),
  )
  sandbox.check()

  return {
    stop() {
      kill()
      sandbox.dispose()
    },
  }
}

interface SchedulerLike {
  yield?: () => Promise<void>
  postTask: (task: () => unknown, options?: unknown) => Promise<unknown>
}

class BudgetError extends Error {}

function budgetError(budget: number): Error {
  return new BudgetError(`The code kept the page busy for ${budget / 1000} s without a break`)
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
