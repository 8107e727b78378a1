/**
 * The one small interface the UI uses to run a demo.
 *
 *   const { startRun, prepareRunner } = await import('../runtime/run.ts')
 *   prepareRunner()                       // on slide enter: spare worker + warm transpiler
 *   const run = startRun({ code }, {
 *     lines: (lines) => console.push(...lines),   // ConsoleLine[]: level, text, t, depth
 *     status: (s) => status.value = s,            // 'running' → 'done' | 'error' | 'timeout' | 'stopped'
 *     diagnostic: (d) => marker(d),               // { message, line, column } in the user's code
 *   })
 *   run.stop()                            // Stop button, re-run, leaving the slide
 *   await run.finished                    // the final status
 *
 * A run is four steps, each its own function so tracing and a worker pool
 * can hook in later: `compile` = transpile (transpile.ts) + instrument
 * (instrument.ts); execute (sandbox.worker.ts or main-thread.ts, both via
 * execute.ts); report (the port messages, validated here, since the worker
 * runs untrusted code).
 *
 * Nothing here may be imported eagerly by the first slide: the UI loads it
 * with `await import()`.
 */
import { instrument } from './instrument.ts'
import { MAIN_THREAD_DEMO_IDS, runOnMainThread } from './main-thread.ts'
import {
  type ConsoleLine,
  type DeckMessage,
  DEFAULT_LIMITS,
  type LogLevel,
  type ModuleSources,
  type SandboxMessage,
  type StartMessage,
} from './protocol.ts'
import { type Diagnostic, type StepResult, transpile } from './transpile.ts'

export type { ConsoleLine, Diagnostic, LogLevel }
export { MAIN_THREAD_DEMO_IDS }

export type RunStatus = 'idle' | 'running' | 'done' | 'error' | 'timeout' | 'stopped'

export interface RunOptions {
  /** The editor text: TypeScript or JavaScript. */
  code: string
  /** Time limit; the run ends with status `timeout`. Default 10 000. */
  timeoutMs?: number
  /** `main-thread` is refused unless `demoId` is in MAIN_THREAD_DEMO_IDS. */
  mode?: 'worker' | 'main-thread'
  demoId?: string
  /** Name shown in stacks. Default `demo.ts`. */
  file?: string
  /** Extra importable modules (raw source by file name), beside the demo toolkit. */
  modules?: Record<string, string>
}

export interface RunCallbacks {
  lines(lines: ConsoleLine[]): void
  status(status: RunStatus): void
  /** A syntax error, or the line of an uncaught runtime error, for an editor marker. */
  diagnostic?(d: Diagnostic): void
}

export interface RunHandle {
  stop(): void
  readonly finished: Promise<RunStatus>
}

export const DEFAULT_TIMEOUT_MS = 10_000
const LEVELS: ReadonlySet<string> = new Set(['log', 'info', 'warn', 'error', 'result', 'system'])

/**
 * The raw sources demos may import, by file name. Vite inlines them at build
 * time; outside Vite (Deno tests) there are none.
 */
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
const compiled = new Map<string, StepResult>()

/** Steps 1 and 2: transpile, then instrument (with budget guards for main-thread mode). */
export function compile(source: string, file: string, guard: boolean): StepResult {
  const t = transpile(source, file)
  return t.ok ? instrument(t.code, { guard }) : t
}

type ModulesResult =
  | { ok: true; modules: ModuleSources }
  | { ok: false; diagnostic: Diagnostic; file: string }

function compileModules(raw: Record<string, string>, guard: boolean): ModulesResult {
  const out: ModuleSources = {}
  for (const [file, source] of Object.entries(raw)) {
    const key = `${guard}:${file}:${source}`
    let r = compiled.get(key)
    if (!r) compiled.set(key, (r = compile(source, file, guard)))
    if (!r.ok) return { ok: false, diagnostic: r.diagnostic, file }
    out[file] = r.code
  }
  return { ok: true, modules: out }
}

// ---- spare worker ----

let spare: Worker | undefined

function spawnWorker(): Worker {
  // Written inline so Vite sees it and bundles the worker.
  const worker = new Worker(new URL('./sandbox.worker.ts', import.meta.url), { type: 'module' })
  // The deck never listens to the worker itself: user code could post there.
  worker.onmessage = null
  return worker
}

/**
 * Gets the next Run ready: a fresh worker waiting for code, the transpiler
 * and the toolkit compiled and warm. Cheap to call again.
 */
export function prepareRunner(): void {
  toolkit ??= defaultModules()
  compileModules(toolkit, false)
  compile('const warm: number = 1\nfor (const x of [warm]) x', 'warm.ts', false)
  if (!spare && typeof Worker !== 'undefined') spare = spawnWorker()
}

function takeWorker(): Worker {
  const worker = spare ?? spawnWorker()
  spare = undefined
  // Replace the spare once the current frame is done, off the click path.
  setTimeout(() => {
    if (!spare) spare = spawnWorker()
  }, 0)
  return worker
}

// ---- a run ----

export function startRun(opts: RunOptions, on: RunCallbacks): RunHandle {
  const {
    code,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    mode = 'worker',
    demoId,
    file = 'demo.ts',
  } = opts
  const t0 = performance.now()
  let resolve!: (s: RunStatus) => void
  const finished = new Promise<RunStatus>((r) => (resolve = r))
  let ended = false
  let teardown = () => {}
  const system = (text: string, level: LogLevel = 'system') =>
    on.lines([{ level, text, t: Math.round(performance.now() - t0), depth: 0 }])
  const end = (status: RunStatus, text?: string) => {
    if (ended) return
    ended = true
    teardown()
    if (text) system(text)
    on.status(status)
    resolve(status)
  }
  const handle: RunHandle = { stop: () => end('stopped', 'Stopped'), finished }

  on.status('running')
  const guard = mode === 'main-thread'
  if (guard && !(demoId !== undefined && MAIN_THREAD_DEMO_IDS.has(demoId))) {
    system('Main-thread mode is only for the freeze demo; this code was not run', 'error')
    end('error')
    return handle
  }

  toolkit ??= defaultModules()
  const modules = compileModules({ ...toolkit, ...opts.modules }, guard)
  const main = compile(code, file, guard)
  const problem = !main.ok
    ? { diagnostic: main.diagnostic, file }
    : !modules.ok
    ? modules
    : undefined
  if (problem || !main.ok || !modules.ok) {
    const { diagnostic: d, file: where } = problem!
    if (where === file) on.diagnostic?.(d)
    system(`${d.message} (${where}:${d.line}:${d.column})`, 'error')
    end('error')
    return handle
  }
  const mods = modules.modules

  const limit = setTimeout(
    () => end('timeout', `Stopped after ${formatSeconds(timeoutMs)}: the time limit for this demo`),
    timeoutMs,
  )

  let lastError = 'Uncaught error'
  const report = (lines: ConsoleLine[]) => {
    for (const l of lines) if (l.level === 'error') lastError = l.text.split('\n')[0]
    if (lines.length) on.lines(lines)
  }

  if (guard) {
    const run = runOnMainThread({
      file,
      code: main.code,
      modules: mods,
      lines: (lines) => !ended && report(sanitize(lines, t0)),
      end: (status, at) => {
        if (at) on.diagnostic?.({ message: lastError, line: at.line, column: at.column })
        end(status)
      },
    })
    teardown = () => {
      clearTimeout(limit)
      run.stop()
    }
    return handle
  }

  const worker = takeWorker()
  const channel = new MessageChannel()
  teardown = () => {
    clearTimeout(limit)
    worker.terminate()
    channel.port1.onmessage = null
    channel.port1.close()
  }
  worker.onerror = (e) => {
    e.preventDefault()
    end('error', `The demo sandbox failed: ${e.message || 'the worker crashed (out of memory?)'}`)
  }
  channel.port1.onmessage = (e: MessageEvent) => {
    if (ended) return
    const m = e.data as SandboxMessage
    if (!m || typeof m !== 'object') return
    if (m.type === 'lines') {
      const lines = sanitize(m.lines, t0)
      const dropped = Number(m.dropped) || 0
      if (dropped > 0) {
        lines.unshift({
          level: 'system',
          text: `${dropped.toLocaleString('en-US')} earlier line${dropped === 1 ? '' : 's'} dropped`,
          t: lines[0]?.t ?? Math.round(performance.now() - t0),
          depth: 0,
        })
      }
      report(lines)
    } else if (m.type === 'compile') {
      // A demo started its own worker: compile its source like any demo code.
      const r = compile(String(m.source).slice(0, 1_000_000), String(m.file), false)
      const answer: DeckMessage = r.ok
        ? { type: 'compiled', id: Number(m.id), code: r.code }
        : {
          type: 'compiled',
          id: Number(m.id),
          error: `${r.diagnostic.message} (${m.file}:${r.diagnostic.line}:${r.diagnostic.column})`,
        }
      channel.port1.postMessage(answer)
    } else if (m.type === 'done') end('done')
    else if (m.type === 'error') {
      const at = m.at
      if (at && Number.isFinite(at.line)) {
        on.diagnostic?.({ message: lastError, line: Number(at.line), column: Number(at.column) || 1 })
      }
      end('error')
    }
  }
  const start: StartMessage = {
    type: 'start',
    port: channel.port2,
    code: main.code,
    file,
    modules: mods,
    limits: DEFAULT_LIMITS,
  }
  worker.postMessage(start, [channel.port2])
  return handle
}

/** Lines from the worker are untrusted: keep only well-formed, bounded ones. */
function sanitize(raw: unknown, t0: number): ConsoleLine[] {
  if (!Array.isArray(raw)) return []
  const out: ConsoleLine[] = []
  for (const l of raw.slice(-DEFAULT_LIMITS.maxLinesPerBatch)) {
    if (!l || typeof l !== 'object') continue
    const level = LEVELS.has(l.level) ? l.level as LogLevel : 'log'
    const text = String(l.text ?? '').slice(0, DEFAULT_LIMITS.maxLineLength + 64)
    const t = Number.isFinite(l.t) ? Math.max(0, Math.round(l.t)) : Math.round(performance.now() - t0)
    const depth = Number.isInteger(l.depth) ? Math.min(Math.max(l.depth, 0), 20) : 0
    out.push({ level, text, t, depth })
  }
  return out
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`
}
