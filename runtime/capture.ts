/**
 * The `console` a demo sees: the DevTools console API on top of the text
 * formatter. It only builds lines; where they go (the worker's batched port,
 * or the main-thread sink) is the caller's business.
 *
 * Lines are objects the caller may still be holding when their text is
 * final: a line that logs a Promise gets its text one microtask later,
 * because that is the only way JS can learn whether the promise was already
 * settled when it was logged. Callers flush on a macrotask, after that.
 */
import { formatArgs, type FormatOptions, formatTable, formatValue, type PromiseState } from './format.ts'
import type { ConsoleLine, LogLevel } from './protocol.ts'

export interface CaptureOptions {
  /**
   * Receives each line as it is written, in order. `final` is false when its
   * text will still change (once, one microtask later; then `settled` runs).
   */
  emit(line: ConsoleLine, final: boolean): void
  settled?(line: ConsoleLine): void
  /** Milliseconds since the run started, for line timestamps and console.time. */
  now(): number
  /** Rewrites error stacks to the user's files and lines. */
  mapStack?: (stack: string) => string
}

export type CapturedConsole = Pick<
  Console,
  | 'log'
  | 'info'
  | 'warn'
  | 'error'
  | 'debug'
  | 'trace'
  | 'dir'
  | 'dirxml'
  | 'table'
  | 'group'
  | 'groupCollapsed'
  | 'groupEnd'
  | 'time'
  | 'timeLog'
  | 'timeEnd'
  | 'count'
  | 'countReset'
  | 'assert'
  | 'clear'
>

// Captured at load, before a traced run replaces `then` (trace.ts): logging a
// promise must not show up as the program's own microtask.
const nativeThen = Promise.prototype.then

export function createConsole({ emit, settled, now, mapStack }: CaptureOptions): CapturedConsole {
  let depth = 0
  const timers = new Map<string, number>()
  const counts = new Map<string, number>()
  const states = new WeakMap<Promise<unknown>, PromiseState>()
  const fmtOptions: FormatOptions = {
    mapStack,
    promiseState: (p) => states.get(p),
  }

  const write = (level: LogLevel, args: unknown[], text?: () => string) => {
    const line: ConsoleLine = { level, text: '', t: now(), depth }
    const render = text ?? (() => formatArgs(args, fmtOptions))
    const promises = args.filter(isPromise)
    if (!promises.length) {
      line.text = safe(render)
      emit(line, true)
      return
    }
    // A reaction on an already-settled promise is queued right now, before
    // the marker below; on a pending one it is queued only later. So when the
    // marker runs, `states` knows exactly the promises settled at log time.
    for (const p of promises) {
      try {
        nativeThen.call(
          p,
          (value) => void states.set(p, { state: 'fulfilled', value }),
          (value) => void states.set(p, { state: 'rejected', value }),
        )
      } catch { /* not a real promise after all */ }
    }
    line.text = safe(render) // a fallback in case the marker never runs
    emit(line, false)
    Promise.resolve().then(() => {
      line.text = safe(render)
      settled?.(line)
    })
  }
  const label = (l: unknown) => (l === undefined ? 'default' : String(l))

  return {
    log: (...args: unknown[]) => write('log', args),
    debug: (...args: unknown[]) => write('log', args),
    info: (...args: unknown[]) => write('info', args),
    warn: (...args: unknown[]) => write('warn', args),
    error: (...args: unknown[]) => write('error', args),
    dir: (value?: unknown) => write('log', [value], () => formatValue(value, fmtOptions)),
    dirxml: (...args: unknown[]) => write('log', args),
    trace: (...args: unknown[]) => {
      const stack = new Error().stack ?? ''
      const frames = (mapStack ? mapStack(stack) : stack).split('\n').slice(1).join('\n')
      write('log', args, () => {
        const head = args.length ? `console.trace ${formatArgs(args, fmtOptions)}` : 'console.trace'
        return frames ? `${head}\n${frames}` : head
      })
    },
    table: (data?: unknown, columns?: readonly string[]) =>
      write('log', [data], () => formatTable(data, columns, fmtOptions)),
    group: (...args: unknown[]) => {
      write('log', args.length ? args : ['console.group'])
      depth++
    },
    groupCollapsed: (...args: unknown[]) => {
      write('log', args.length ? args : ['console.groupCollapsed'])
      depth++
    },
    groupEnd: () => {
      depth = Math.max(0, depth - 1)
    },
    time: (l?: string) => {
      const key = label(l)
      if (timers.has(key)) write('warn', [`Timer '${key}' already exists`])
      else timers.set(key, now())
    },
    timeLog: (l?: string, ...data: unknown[]) => {
      const key = label(l)
      const start = timers.get(key)
      if (start === undefined) return write('warn', [`Timer '${key}' does not exist`])
      write('log', [`${key}: ${elapsed(now() - start)}`, ...data])
    },
    timeEnd: (l?: string) => {
      const key = label(l)
      const start = timers.get(key)
      if (start === undefined) return write('warn', [`Timer '${key}' does not exist`])
      timers.delete(key)
      write('log', [`${key}: ${elapsed(now() - start)}`])
    },
    count: (l?: string) => {
      const key = label(l)
      const n = (counts.get(key) ?? 0) + 1
      counts.set(key, n)
      write('log', [`${key}: ${n}`])
    },
    countReset: (l?: string) => {
      const key = label(l)
      if (!counts.has(key)) return write('warn', [`Count for '${key}' does not exist`])
      counts.set(key, 0)
    },
    assert: (condition?: unknown, ...data: unknown[]) => {
      if (condition) return
      write('error', data.length ? ['Assertion failed:', ...data] : ['Assertion failed'])
    },
    clear: () => write('system', [], () => 'console.clear() was called'),
  }
}

function elapsed(ms: number): string {
  return `${Number(ms.toFixed(3))} ms`
}

function isPromise(v: unknown): v is Promise<unknown> {
  return Object.prototype.toString.call(v) === '[object Promise]'
}

/** The formatter is defensive, but a line must never throw into user code. */
function safe(render: () => string): string {
  try {
    return render()
  } catch (e) {
    return `[could not format this value: ${e instanceof Error ? e.message : 'unknown error'}]`
  }
}
