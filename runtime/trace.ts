/**
 * The recorder behind the event-loop visualizer. It runs in the sandbox
 * worker, beside the program, and writes down what the event loop really
 * did, in the order it happened (`TraceEvent`, protocol.ts): frames entering
 * and leaving the stack (hooks the instrument step inserted, see
 * trace-instrument.ts), awaits suspending and resuming, timers handed to the
 * host and their callbacks running as tasks, microtasks entering the queue
 * and running, messages, and console lines.
 *
 * The rule it never breaks: the program's order stays exactly what it is
 * without the recorder. So it records AROUND the real operations and never
 * puts a promise between the program and the engine:
 * - `await` hooks return the very value they were given;
 * - `then` calls the engine's own `then` at once, with callbacks that call
 *   the program's callbacks synchronously and return what they return (a
 *   missing callback is replaced by the identity or a rethrow, which is
 *   exactly what the engine does for it);
 * - `new Promise` builds the engine's own promise, whose `constructor` is
 *   still the engine's `Promise`, so `await` treats it as native.
 * tests/ordering runs a corpus of puzzles with and without all of this, in
 * Deno and in Chromium, and compares the output line by line.
 *
 * When a reaction enters the microtask queue: when its promise settles, or
 * at once if it already had. The engine does not say when a promise settles,
 * so the recorder knows it only for promises whose settling it watches:
 * `new Promise` (its resolve and reject), `Promise.resolve`/`reject`,
 * `Promise.withResolvers`, and promises made by `then` (settled when the
 * callback returns a value that is not a thenable, or throws). For any other
 * promise (an async function's result, `Promise.all`, a promise adopting a
 * thenable) no `queue` event is written, and the visualizer infers the
 * moment (steps.ts: as late as it can have been, just before it runs).
 *
 * Over 300 lines, one job: every patch (await, then, new Promise, the
 * combinators, timers, ports, workers) shares one recorder and its ids, kept
 * together so the order rule above is checked in one place.
 */
import type { ConsoleLine, TraceDispatch, TraceEvent } from './protocol.ts'
import type { TimerObserver } from './pending.ts'
import { MAX_TRACE_EVENTS, TRACE_TEXT } from './limits.ts'

/** The hooks instrumented code calls through `$$sandbox` (trace-instrument.ts). */
export interface TraceHooks {
  /** Enter: a frame starts. Returns its id. */
  te(name: string, line: number, isAsync: boolean, file?: string): number
  /** Exit: the frame leaves the stack. */
  tx(f: number): void
  /** Suspend at an `await` of `value`; returns `value` itself. */
  ts<T>(f: number, value: T, line: number): T
  /** Resume after an `await`; returns the awaited result itself. */
  tr<T>(f: number, value: T): T
  /** A caught rejection (a catch block) resumes a suspended frame too. */
  tk(f: number): void
  /** The running frame is on `line`. */
  tl(line: number): void
}

export interface Recorder {
  hooks: TraceHooks
  /** For pending.ts: the program's timers and queueMicrotask. */
  timers: TimerObserver
  /** A console line, as the demo's console will show it. */
  log(line: ConsoleLine): void
  /** Makes `fn` a task the trace sees start (a message event handler). */
  task<A extends unknown[], R>(fn: (...a: A) => R, label: string, id?: number): (...a: A) => R
  /** A demo's own worker started or ended. */
  worker(id: number, alive: boolean): void
  /** Message handlers set on objects of `proto` run as traced tasks, labelled by `next`. */
  messages(proto: object, next: (target: object) => { label: string; id?: number }): void
  /** Watches promises and same-thread ports on `g`; call before the program runs. */
  install(g: typeof globalThis): void
  /** The events recorded since the last call. */
  take(): TraceEvent[]
}

interface Frame {
  f: number
  name: string
  line: number
  file?: string
}

/** A console line is kept as the object the console fills in: a logged promise's text comes one microtask later. */
type PendingLog = { k: 'console'; line: ConsoleLine; t: number; at?: number }
type Entry = TraceEvent | PendingLog

interface PromiseState {
  settled: boolean
  /** Reactions registered while it was pending: they enter the queue when it settles. */
  waiting: { id: number; label: string }[]
}

/** The last frame `f` in `stack` (Array#findLastIndex is newer than the deck's TS lib). */
const lastIndex = (stack: Frame[], f: number): number => {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i].f === f) return i
  return -1
}

const isThenable = (v: unknown): boolean => {
  if ((typeof v !== 'object' || v === null) && typeof v !== 'function') return false
  try {
    return typeof (v as { then?: unknown }).then === 'function'
  } catch {
    return true // a throwing `then` getter: the engine will call it, and the outcome is not ours to know
  }
}

export function createRecorder(opts: {
  now(): number
  /** Something was recorded: the host should send it soon. */
  notify(): void
  max?: number
}): Recorder {
  const { now, notify } = opts
  const max = opts.max ?? MAX_TRACE_EVENTS
  let entries: Entry[] = []
  let recorded = 0
  let capped = false
  let seq = 0
  let frames = 0
  const stack: Frame[] = []
  /** Frames suspended at an await: the continuation's id and the await's line. */
  const suspended = new Map<number, { id: number; frame: Frame }>()
  /** A task or microtask that has started and not yet shown what it runs. */
  let dispatch: TraceDispatch | undefined
  const states = new WeakMap<object, PromiseState>()
  const round = (t: number) => Math.round(t * 100) / 100

  const where = () => {
    const top = stack.at(-1)
    return top && !top.file ? top.line : undefined
  }
  function push(e: TraceEvent | Omit<PendingLog, 't'>): void {
    if (capped) return
    if (dispatch && e.k !== 'enter') {
      const d = dispatch
      dispatch = undefined
      push({ k: 'run', ...d, t: 0 })
    }
    if (recorded >= max) {
      capped = true
      entries.push({ k: 'cap', max, t: round(now()) })
      notify()
      return
    }
    recorded++
    if (!entries.length) notify()
    const stamped = { ...e, t: round(now()) } as Entry
    if (stamped.k === 'console') stamped.at = where()
    else if (stamped.k !== 'cap') stamped.line ??= where()
    entries.push(stamped)
  }
  /** A task or microtask ended: if nothing traced ran inside, it still gets its step. */
  const endDispatch = () => {
    if (!dispatch) return
    const d = dispatch
    dispatch = undefined
    push({ k: 'run', ...d, t: 0 })
  }
  const lineLabel = (what: string) => {
    const line = where()
    return line ? `${what}, line ${line}` : what
  }

  // ---- promises ----
  const stateOf = (p: object): PromiseState | undefined => states.get(p)
  const watch = (p: object, settled = false) => {
    if (!states.has(p)) states.set(p, { settled, waiting: [] })
  }
  const settle = (p: object | undefined) => {
    if (!p) return
    const s = states.get(p)
    if (!s) return void states.set(p, { settled: true, waiting: [] })
    if (s.settled) return
    s.settled = true
    for (const w of s.waiting.splice(0)) push({ k: 'queue', id: w.id, label: w.label, why: 'settled', t: 0 })
  }
  /** A reaction registered on `p`: queued now if `p` is known to be settled. */
  const react = (p: object, id: number, label: string, why: 'then' | 'await'): boolean => {
    const s = stateOf(p)
    if (s?.settled) {
      if (why === 'then') push({ k: 'queue', id, label, why: 'then', t: 0 })
      return true
    }
    if (s) s.waiting.push({ id, label })
    return false
  }

  const hooks: TraceHooks = {
    te(name, line, isAsync, file) {
      const f = ++frames
      if (capped) {
        stack.push({ f, name, line, file })
        dispatch = undefined
        return f
      }
      const via = dispatch
      dispatch = undefined
      const frame: Frame = { f, name: String(name), line, file }
      push({ k: 'enter', f, name: frame.name, file, async: isAsync, via, t: 0, line: file ? undefined : line })
      stack.push(frame)
      return f
    },
    tx(f) {
      // A rejected await jumps straight to the function's end: it resumed first.
      if (suspended.has(f)) hooks.tk(f)
      const i = lastIndex(stack, f)
      if (i === -1) return
      push({ k: 'exit', f, t: 0 })
      stack.length = i
    },
    ts(f, value, line) {
      const i = lastIndex(stack, f)
      const frame = i === -1 ? { f, name: '', line } : stack[i]
      frame.line = line
      const id = ++seq
      const name = frame.name || 'async function'
      const label = `${name.startsWith('(') ? name : `${name}()`} after await, line ${line}`
      let ready: boolean
      if (value instanceof NativePromise && constructorOf(value) === NativePromise) {
        ready = react(value, id, label, 'await')
      } else ready = !isThenable(value)
      push({ k: 'await', f, id, ready, label, t: 0 })
      suspended.set(f, { id, frame })
      if (i !== -1) stack.length = i
      return value
    },
    tr(f, value) {
      hooks.tk(f)
      return value
    },
    tk(f) {
      const s = suspended.get(f)
      if (!s) return
      suspended.delete(f)
      dispatch = undefined
      push({ k: 'resume', f, id: s.id, t: 0, line: s.frame.file ? undefined : s.frame.line })
      stack.push(s.frame)
    },
    tl(line) {
      const top = stack.at(-1)
      if (top) top.line = line
    },
  }

  // ---- timers and queueMicrotask (pending.ts calls these) ----
  const timerLabel = (kind: string, ms: number) => {
    const lib = stack.find((fr) => fr.file)
    if (lib?.name === 'fakeFetch') return `network request (fakeFetch), ${ms} ms`
    return lineLabel(`${kind} ${ms} ms`) + (lib ? ` in ${lib.name}()` : '')
  }
  const labels = new Map<number, string>()
  /** Set while Promise.all (race, any, allSettled) registers its reactions. */
  let combinator: string | undefined
  const timers: TimerObserver = {
    set(id, ms, repeat) {
      const label = timerLabel(repeat ? 'setInterval' : 'setTimeout', Math.max(0, Number(ms) || 0))
      labels.set(Number(id), label)
      push({ k: 'timer', id: Number(id), ms: Math.max(0, Number(ms) || 0), repeat, label, t: 0 })
    },
    clear(id) {
      if (labels.delete(Number(id))) push({ k: 'clear', id: Number(id), t: 0 })
    },
    fire(id, repeat) {
      endDispatch()
      dispatch = { q: 'task', id: Number(id), label: labels.get(Number(id)) ?? 'timer' }
      if (!repeat) labels.delete(Number(id))
    },
    fired: () => endDispatch(),
    microtask() {
      const id = ++seq
      const label = lineLabel('queueMicrotask callback')
      push({ k: 'queue', id, label, why: 'queueMicrotask', t: 0 })
      return { id, label }
    },
    run(m) {
      endDispatch()
      dispatch = { q: 'micro', id: m.id, label: m.label }
    },
  }

  // ---- install: promises and ports ----
  let NativePromise: PromiseConstructor = Promise
  const nativeThen = Promise.prototype.then
  /** What `await` checks to use a promise as it is: its `constructor`, read as the engine reads it. */
  const constructorOf = (p: object): unknown => {
    try {
      return (p as { constructor?: unknown }).constructor
    } catch {
      return undefined
    }
  }

  function install(g: typeof globalThis): void {
    NativePromise = g.Promise

    function then(this: Promise<unknown>, onFulfilled?: unknown, onRejected?: unknown) {
      if (capped) return nativeThen.call(this, onFulfilled as never, onRejected as never)
      const id = ++seq
      const cb = typeof onFulfilled === 'function' ? onFulfilled : onRejected
      const native = typeof cb === 'function' && /\{\s*\[native code\]\s*\}$/.test(Function.prototype.toString.call(cb))
      const label = !native
        ? lineLabel('then callback')
        : combinator
        ? lineLabel(`${combinator}: one input settled`)
        : 'the engine passes one promise\u2019s result to another (adopting it)'
      // Set once `then` returns; the callbacks run later, always after that.
      const derived: { p?: object } = {}
      const wrap = (fn: unknown, fallback: (v: unknown) => unknown) =>
        function (v: unknown) {
          endDispatch()
          dispatch = { q: 'micro', id, label }
          let r: unknown
          try {
            r = typeof fn === 'function' ? fn(v) : fallback(v)
          } catch (e) {
            endDispatch()
            settle(derived.p)
            throw e
          }
          endDispatch()
          if (!isThenable(r)) settle(derived.p)
          return r
        }
      const made = nativeThen.call(
        this,
        wrap(onFulfilled, (v) => v),
        wrap(onRejected, (e) => {
          throw e
        }),
      )
      derived.p = made
      watch(made)
      react(this, id, label, 'then')
      return made
    }
    Object.defineProperty(NativePromise.prototype, 'then', { value: then, writable: true, configurable: true, enumerable: false })

    // `new Promise(executor)`: the engine's own promise, with its resolve and reject watched.
    const Traced = function Promise(this: unknown, executor: unknown) {
      if (new.target === undefined) return NativePromise.call(this as never, executor as never)
      if (typeof executor !== 'function') return Reflect.construct(NativePromise, [executor], new.target)
      // The executor may settle the promise before the constructor returns it.
      const made: { p?: object } = {}
      let early = false
      const mark = (v: unknown, rejected: boolean) => {
        if (!rejected && isThenable(v)) return // it adopts v: settled some time later
        if (made.p) settle(made.p)
        else early = true
      }
      made.p = Reflect.construct(NativePromise, [(resolve: (v: unknown) => void, reject: (e: unknown) => void) => {
        try {
          executor(
            (v: unknown) => {
              mark(v, false)
              resolve(v)
            },
            (e: unknown) => {
              mark(e, true)
              reject(e)
            },
          )
        } catch (e) {
          mark(e, true)
          throw e
        }
      }], (new.target as unknown) === Traced ? NativePromise : new.target) as object
      watch(made.p, early)
      return made.p
    } as unknown as PromiseConstructor
    for (const key of Reflect.ownKeys(NativePromise)) {
      if (key === 'prototype' || key === 'length' || key === 'name') continue
      const d = Object.getOwnPropertyDescriptor(NativePromise, key)!
      if (typeof d.value === 'function') d.value = (d.value as (...a: unknown[]) => unknown).bind(NativePromise)
      Object.defineProperty(Traced, key, d)
    }
    Object.defineProperty(Traced, 'prototype', { value: NativePromise.prototype })
    const statics = Traced as unknown as Record<string, unknown>
    // The combinators call `then` on each input with the engine's own callbacks: name those reactions.
    for (const name of ['all', 'allSettled', 'any', 'race'] as const) {
      const native = NativePromise[name] as (v: unknown) => Promise<unknown>
      if (typeof native !== 'function') continue
      statics[name] = {
        [name](values: unknown) {
          const outer = combinator
          combinator = `Promise.${name}`
          try {
            return native.call(NativePromise, values)
          } finally {
            combinator = outer
          }
        },
      }[name]
    }
    statics.resolve = function resolve(v: unknown) {
      const p = NativePromise.resolve(v)
      if (p !== v && !isThenable(v)) watch(p, true)
      return p
    }
    statics.reject = function reject(e: unknown) {
      const p = NativePromise.reject(e)
      watch(p, true)
      return p
    }
    type Resolvers = { promise: Promise<unknown>; resolve(v: unknown): void; reject(e: unknown): void }
    const withResolvers = (NativePromise as unknown as { withResolvers?: () => Resolvers }).withResolvers
    if (withResolvers) {
      statics.withResolvers = function withResolvers_() {
        const r = withResolvers.call(NativePromise)
        watch(r.promise)
        return {
          promise: r.promise,
          resolve: (v: unknown) => {
            if (!isThenable(v)) settle(r.promise)
            r.resolve(v)
          },
          reject: (e: unknown) => {
            settle(r.promise)
            r.reject(e)
          },
        }
      }
    }
    Object.defineProperty(g, 'Promise', { value: Traced, writable: true, configurable: true, enumerable: false })

    // Same-thread message ports (MessageChannel): a post queues a task.
    const Port = (g as { MessagePort?: typeof MessagePort }).MessagePort
    if (Port) {
      const posted: number[] = []
      const post = Port.prototype.postMessage
      Object.defineProperty(Port.prototype, 'postMessage', {
        value: function postMessage(this: MessagePort, ...args: unknown[]) {
          const id = ++seq
          posted.push(id)
          push({ k: 'post', id, label: lineLabel('message event (MessageChannel)'), t: 0 })
          return (post as (...a: unknown[]) => void).apply(this, args)
        },
        writable: true,
        configurable: true,
      })
      wrapHandlers(Port.prototype, () => ({ label: 'message event (MessageChannel)', id: posted.shift() }))
    }
  }

  /** `onmessage` and `addEventListener('message')` on `proto` run as traced tasks. */
  function wrapHandlers(proto: object, next: (target: object) => { label: string; id?: number }): void {
    const d = Object.getOwnPropertyDescriptor(proto, 'onmessage') ??
      Object.getOwnPropertyDescriptor(Object.getPrototypeOf(proto), 'onmessage')
    const wrapped = new WeakMap<object, unknown>()
    const wrapOne = (fn: unknown) => {
      if (typeof fn !== 'function') return fn
      let w = wrapped.get(fn)
      if (!w) {
        w = function (this: object, ...a: unknown[]) {
          const { label, id } = next(this)
          return recorder.task((...b: unknown[]) => (fn as (...b: unknown[]) => unknown).apply(this, b), label, id)(...a)
        }
        wrapped.set(fn, w)
      }
      return w
    }
    if (d?.set && d.get) {
      const { get, set } = d
      Object.defineProperty(proto, 'onmessage', {
        get() {
          return get.call(this)
        },
        set(fn: unknown) {
          set.call(this, wrapOne(fn))
        },
        configurable: true,
      })
    }
    const add = EventTarget.prototype.addEventListener
    const remove = EventTarget.prototype.removeEventListener
    Object.defineProperty(proto, 'addEventListener', {
      value: function addEventListener(this: EventTarget, type: string, fn: unknown, o?: unknown) {
        return add.call(this, type, (type === 'message' ? wrapOne(fn) : fn) as EventListener, o as AddEventListenerOptions)
      },
      writable: true,
      configurable: true,
    })
    Object.defineProperty(proto, 'removeEventListener', {
      value: function removeEventListener(this: EventTarget, type: string, fn: unknown, o?: unknown) {
        const w = type === 'message' && typeof fn === 'function' ? wrapped.get(fn) ?? fn : fn
        return remove.call(this, type, w as EventListener, o as EventListenerOptions)
      },
      writable: true,
      configurable: true,
    })
  }

  const recorder: Recorder = {
    hooks,
    timers,
    log(line) {
      push({ k: 'console', line })
    },
    task(fn, label, id) {
      return (...a) => {
        endDispatch()
        dispatch = { q: 'task', id: id ?? ++seq, label }
        try {
          return fn(...a)
        } finally {
          endDispatch()
        }
      }
    },
    worker(id, alive) {
      push({ k: 'worker', id, label: `worker-${id}`, alive, t: 0 })
    },
    install,
    messages: wrapHandlers,
    take() {
      const out = entries.map((e): TraceEvent =>
        e.k === 'console' ? { k: 'log', level: e.line.level, text: e.line.text.slice(0, TRACE_TEXT), t: e.t, line: e.at } : e
      )
      entries = []
      return out
    },
  }
  return recorder
}
