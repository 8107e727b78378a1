/**
 * Step 3 of a run: evaluate compiled CommonJS modules with a tiny `require`.
 *
 * The main program is wrapped in an async function, so top-level `await`
 * works. Each module gets a `//# sourceURL` with its own file name, so V8
 * stack frames read `demo.ts:LINE:COL`; `mapStack` removes the two header
 * lines the Function constructor adds and drops the runner's own frames.
 *
 * Imports resolve by base name only (`./toolkit.ts`, `./toolkit`,
 * `../demos/toolkit.ts` all mean `toolkit.ts`) against the modules the deck
 * sent. There is nothing else to import: the sandbox is offline.
 */
import { type ModuleSources, SANDBOX_HOOKS } from './protocol.ts'
import type { TraceHooks } from './trace.ts'

// Captured at load time, before the sandbox locks the constructors down.
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as FunctionConstructor
const PlainFunction = Function

/** What `$$sandbox` (see instrument.ts) provides to user code; the trace hooks only to traced code. */
export interface SandboxHooks extends Partial<TraceHooks> {
  /** Budget guard; a no-op in worker mode. */
  tick(): void
  import(specifier: unknown): Promise<unknown>
  meta: { main: boolean; url: string; filename: string; dirname: string; resolve(s: string): string }
}

export interface ExecuteOptions {
  /** File name of the main program, e.g. `demo.ts`. */
  file: string
  /** Compiled main program. */
  code: string
  /** Compiled importable modules, by file name. */
  modules: ModuleSources
  /** Names shadowed for user code (main-thread mode passes console, timers). */
  scope?: Record<string, unknown>
  /** Budget guard for main-thread mode. */
  tick?: () => void
  /** The recorder's hooks, for code compiled with `trace` (trace.ts). */
  trace?: TraceHooks
}

/**
 * Trace hooks that record nothing, for code run untraced. A traced program
 * can hand its instrumented functions to such code: `workerFromFunction`
 * posts a function's source text, hooks and all, to a worker, which runs
 * untraced. There the calls must still work.
 */
const IDLE_TRACE: TraceHooks = {
  te: () => 0,
  tx() {},
  ts: (_f, value) => value,
  tr: (_f, value) => value,
  tk() {},
  tl() {},
}

/** How many lines the Function constructor puts before the body; measured, not assumed. */
let headerLines: number | undefined

function measureHeader(): number {
  if (headerLines !== undefined) return headerLines
  try {
    new PlainFunction('a', 'throw new Error()\n//# sourceURL=header-probe.js')()
  } catch (e) {
    const m = /header-probe\.js(?:, <anonymous>)?:(\d+)/.exec(String((e as Error).stack))
    headerLines = m ? Number(m[1]) - 1 : 2
  }
  return headerLines ?? 2
}

/** Strips a specifier to the file name the sandbox knows it by. */
export function moduleName(specifier: string, known: readonly string[]): string | undefined {
  const base = specifier.split(/[?#]/)[0].split('/').pop() ?? ''
  const stem = base.replace(/\.(d\.)?[cm]?[jt]sx?$/, '')
  return known.find((k) => k === base || k.replace(/\.[cm]?[jt]sx?$/, '') === stem)
}

export function offlineImportError(specifier: string, known: readonly string[]): Error {
  const list = known.length ? known.map((k) => `'./${k}'`).join(', ') : 'nothing'
  return new Error(
    `Cannot import '${specifier}': the demo sandbox is offline, so demos can import only ${list}`,
  )
}

/**
 * Makes a stack point at the user's files: frames in user modules keep their
 * function name with corrected line numbers, the runner's frames go.
 */
export function createStackMapper(files: readonly string[]): (stack: string) => string {
  const header = measureHeader()
  const escaped = files.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')
  // V8 writes `demo.ts:3:7` in browsers and `demo.ts, <anonymous>:3:7` in Deno.
  const frame = new RegExp(`^\\s*at (?:(.*?) \\()?(${escaped})(?:, <anonymous>)?:(\\d+):(\\d+)\\)?$`)
  return (stack: string) => {
    const lines = stack.split('\n')
    const firstFrame = lines.findIndex((l) => /^\s*at /.test(l))
    if (firstFrame === -1) return stack
    const out = lines.slice(0, firstFrame)
    for (const l of lines.slice(firstFrame)) {
      const m = frame.exec(l)
      if (!m) continue
      const [, fn, file, line, col] = m
      const where = `${file}:${Math.max(1, Number(line) - header)}:${col}`
      const name = fn && !/^(async )?(eval|anonymous|Object\.<anonymous>)$/.test(fn) ? fn : ''
      out.push(name ? `    at ${name} (${where})` : `    at ${where}`)
    }
    return out.join('\n')
  }
}

/** The first user-code position in a stack, for editor markers. */
export function userPosition(
  stack: string,
  files: readonly string[],
): { file: string; line: number; column: number } | undefined {
  const mapped = createStackMapper(files)(stack)
  const m = /\(?([^\s(]+):(\d+):(\d+)\)?$/m.exec(mapped.split('\n').find((l) => /^\s*at /.test(l)) ?? '')
  return m ? { file: m[1], line: Number(m[2]), column: Number(m[3]) } : undefined
}

/**
 * Runs the main program. The returned promise settles when the main body
 * does (it may never, and that is fine); synchronous errors and top-level
 * rejections come out as its rejection.
 */
export function execute(opts: ExecuteOptions): Promise<unknown> {
  const known = Object.keys(opts.modules)
  const cache = new Map<string, { exports: Record<string, unknown> }>()
  const scopeNames = Object.keys(opts.scope ?? {})
  const scopeValues = scopeNames.map((k) => opts.scope![k])
  const tick = opts.tick ?? (() => {})

  const hooksFor = (file: string): SandboxHooks => {
    const url = `file:///sandbox/${file}`
    return {
      ...(opts.trace ?? IDLE_TRACE),
      tick,
      import: (specifier: unknown) =>
        Promise.resolve().then(() => namespace(require(String(specifier)))),
      meta: {
        main: file === opts.file,
        url,
        filename: `/sandbox/${file}`,
        dirname: '/sandbox',
        resolve: (s: string) => new URL(s, url).href,
      },
    }
  }
  const params = ['require', 'exports', 'module', SANDBOX_HOOKS, ...scopeNames]

  function require(specifier: string): Record<string, unknown> {
    const name = moduleName(specifier, known)
    if (!name) throw offlineImportError(specifier, known)
    const hit = cache.get(name)
    if (hit) return hit.exports
    const module = { exports: {} as Record<string, unknown> }
    cache.set(name, module) // set first, so import cycles see partial exports as in Node
    const fn = new PlainFunction(...params, `${opts.modules[name]}\n//# sourceURL=${name}`)
    fn(require, module.exports, module, hooksFor(name), ...scopeValues)
    return module.exports
  }

  try {
    const main = { exports: {} as Record<string, unknown> }
    const fn = new AsyncFunction(...params, `${opts.code}\n//# sourceURL=${opts.file}`)
    return fn(require, main.exports, main, hooksFor(opts.file), ...scopeValues)
  } catch (e) {
    // A SyntaxError that Sucrase let through (say, top-level await in a module).
    return Promise.reject(e)
  }
}

function namespace(exports: Record<string, unknown>): Record<string, unknown> {
  return exports && exports.__esModule ? exports : { ...exports, default: exports }
}
