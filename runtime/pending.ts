/**
 * Pending-work tracking: the demo's timer functions, wrapped so the runner
 * knows when nothing is left to run. A run is `done` when no timer or
 * interval is scheduled, no hold (a nested worker, say) is open, and the
 * microtask queue has drained. A promise that never settles keeps nothing
 * alive, exactly as in Deno or Node.
 *
 * The idle check itself goes through the ORIGINAL setTimeout(…, 0): it runs
 * as a macrotask, so by then every microtask queued by the callback has run.
 *
 * Used by the worker (installed as globals) and by main-thread mode (passed
 * as shadowing parameters), so both agree on what "done" means.
 */

export interface TimerOriginals {
  setTimeout: typeof globalThis.setTimeout
  clearTimeout: typeof globalThis.clearTimeout
  setInterval: typeof globalThis.setInterval
  clearInterval: typeof globalThis.clearInterval
  queueMicrotask: typeof globalThis.queueMicrotask
  requestAnimationFrame?: (cb: FrameRequestCallback) => number
  cancelAnimationFrame?: (id: number) => void
}

/**
 * The timer functions of `global`, bound to it (unbound, a page's throw
 * "Illegal invocation"). Hosts capture them before user code can replace them.
 */
export function boundTimers(global: typeof globalThis = globalThis): TimerOriginals {
  return {
    setTimeout: global.setTimeout.bind(global),
    clearTimeout: global.clearTimeout.bind(global),
    setInterval: global.setInterval.bind(global),
    clearInterval: global.clearInterval.bind(global),
    queueMicrotask: global.queueMicrotask.bind(global),
    requestAnimationFrame: global.requestAnimationFrame?.bind(global),
    cancelAnimationFrame: global.cancelAnimationFrame?.bind(global),
  }
}

export interface TrackerHooks {
  /** A callback threw: report it as uncaught. */
  onError(error: unknown): void
  /** Nothing is pending any more. May be called more than once; callers latch. */
  onIdle(): void
  /** The event-loop recorder (trace.ts), when the run is traced. */
  observe?: TimerObserver
  /** A timer's callback starts, as a task (the thread timeline, thread-activity.ts). */
  onTask?: () => void
}

/** What the trace recorder learns from the program's timers and microtasks. */
export interface TimerObserver {
  set(id: unknown, ms: unknown, repeat: boolean): void
  clear(id: unknown): void
  /** The timer's callback starts, as a task. */
  fire(id: unknown, repeat: boolean): void
  /** …and has ended. */
  fired(): void
  /** queueMicrotask was called: the microtask is queued now. */
  microtask(): { id: number; label: string }
  /** That microtask starts. */
  run(m: { id: number; label: string }): void
}

export interface Tracker {
  /** The wrapped timer API to hand to user code. */
  timers: Required<Omit<TimerOriginals, 'requestAnimationFrame' | 'cancelAnimationFrame'>> & {
    requestAnimationFrame?: (cb: FrameRequestCallback) => number
    cancelAnimationFrame?: (id: number) => void
  }
  /** Keeps the run alive until the returned release function is called. */
  hold(): () => void
  /** Schedules an idle check (after the current macrotask and its microtasks). */
  check(): void
  /** How many timers and holds are open. */
  pending(): number
  /** Cancels every timer (main-thread stop; a worker is simply terminated). */
  dispose(): void
}

type Id = ReturnType<typeof setTimeout>

export function createTracker(orig: TimerOriginals, hooks: TrackerHooks): Tracker {
  const timeouts = new Set<Id>()
  const intervals = new Set<Id>()
  const frames = new Set<number>()
  let holds = 0
  let checkScheduled = false
  let disposed = false
  let idleChecks = 0

  const observe = hooks.observe
  const onTask = hooks.onTask
  const invoke = (fn: (...a: unknown[]) => void, args: unknown[]) => {
    if (disposed) return
    try {
      idleChecks = 0
      fn(...args)
    } catch (e) {
      hooks.onError(e)
    } finally {
      observe?.fired()
    }
  }
  const pending = () => timeouts.size + intervals.size + frames.size + holds
  // Idle must be seen on two checks in a row, one macrotask apart: browsers
  // fire `unhandledrejection` from a task queued after the microtask
  // checkpoint, so a rejection that ends the run arrives between the two.
  const check = () => {
    if (checkScheduled || disposed) return
    checkScheduled = true
    orig.setTimeout(() => {
      checkScheduled = false
      if (disposed) return
      if (pending() !== 0) {
        idleChecks = 0
        return
      }
      if (++idleChecks >= 2) hooks.onIdle()
      else check()
    }, 0)
  }
  const requireFunction = (fn: unknown, name: string) => {
    if (typeof fn !== 'function') {
      // A string here would be eval, which the sandbox does not allow.
      throw new TypeError(`${name} needs a function in the demo sandbox, not a string of code`)
    }
  }
  const clear = (id: Id | undefined) => {
    if (id === undefined) return
    // Browsers let clearTimeout cancel intervals and vice versa.
    if (timeouts.delete(id)) orig.clearTimeout(id)
    if (intervals.delete(id)) orig.clearInterval(id)
    observe?.clear(id)
    check()
  }

  const timers: Tracker['timers'] = {
    setTimeout: ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      requireFunction(fn, 'setTimeout')
      const id: Id = orig.setTimeout(() => {
        timeouts.delete(id)
        onTask?.()
        observe?.fire(id, false)
        invoke(fn, args)
        check()
      }, ms)
      timeouts.add(id)
      observe?.set(id, ms, false)
      return id
    }) as typeof setTimeout,
    setInterval: ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      requireFunction(fn, 'setInterval')
      const id: Id = orig.setInterval(() => {
        onTask?.()
        observe?.fire(id, true)
        invoke(fn, args)
        check()
      }, ms)
      intervals.add(id)
      observe?.set(id, ms, true)
      return id
    }) as typeof setInterval,
    clearTimeout: clear as typeof clearTimeout,
    clearInterval: clear as typeof clearInterval,
    queueMicrotask: (fn: VoidFunction) => {
      requireFunction(fn, 'queueMicrotask')
      const m = observe?.microtask()
      orig.queueMicrotask(() => {
        if (m) observe?.run(m)
        invoke(fn, [])
      })
    },
  }
  if (orig.requestAnimationFrame && orig.cancelAnimationFrame) {
    const raf = orig.requestAnimationFrame
    const caf = orig.cancelAnimationFrame
    timers.requestAnimationFrame = (fn: FrameRequestCallback) => {
      requireFunction(fn, 'requestAnimationFrame')
      const id = raf((t) => {
        frames.delete(id)
        invoke(fn as (...a: unknown[]) => void, [t])
        check()
      })
      frames.add(id)
      return id
    }
    timers.cancelAnimationFrame = (id: number) => {
      if (frames.delete(id)) caf(id)
      check()
    }
  }

  return {
    timers,
    hold() {
      holds++
      let released = false
      return () => {
        if (released) return
        released = true
        holds--
        check()
      }
    },
    check,
    pending,
    dispose() {
      disposed = true
      for (const id of timeouts) orig.clearTimeout(id)
      for (const id of intervals) orig.clearInterval(id)
      if (orig.cancelAnimationFrame) for (const id of frames) orig.cancelAnimationFrame(id)
      timeouts.clear()
      intervals.clear()
      frames.clear()
    },
  }
}
