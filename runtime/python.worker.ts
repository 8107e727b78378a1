/**
 * The Python host's worker: CPython 3.14 on Pyodide, one program, then
 * thrown away. The sandbox frame starts it as a module worker from a data:
 * URL (Pyodide 314 refuses classic workers, and a Blob URL module worker
 * cannot start from the frame's opaque origin). It fetches nothing: the deck
 * sends Pyodide's files as bytes (`load`), and this worker's `fetch` serves
 * them to Pyodide, so the frame's opaque origin needs no CORS headers from
 * any host and nothing reaches the network.
 *
 * On the deck port (protocol.ts's `connect`):
 * - `ping` → `pong` whenever this thread is free (the watchdog);
 * - `load` → loads the interpreter (a spare loads before any Run);
 * - `run` → runs the program once it is loaded: print and tracebacks
 *   stream as console lines, bounded like TypeScript's (sandbox.ts); the
 *   run ends `done` once the program and every asyncio task has ended.
 *
 * Stop, the time limit and the watchdog terminate this worker (run.ts): it
 * is not cross-origin isolated, so Pyodide's interrupt buffer is not here.
 */
import { lockdown } from './lockdown.ts'
import { boundTimers } from './pending.ts'
import type { FloodLimits } from './limits.ts'
import type { ConnectMessage, SandboxMessage } from './protocol.ts'
import { createSandbox } from './sandbox.ts'
import { promptLines } from './prompt-lines.ts'
import { cleanTraceback, errorLine, ONE_THREAD, PYTHON_SETUP, tracebackPosition, wantsThreads } from './python-traceback.ts'

/** The part of Pyodide's API this worker uses. */
interface Pyodide {
  version: string
  runPythonAsync(code: string, options?: { filename?: string; globals?: unknown }): Promise<unknown>
  runPython(code: string, options?: { filename?: string; globals?: unknown }): unknown
  setStdout(options: { batched: (s: string) => void }): void
  setStderr(options: { batched: (s: string) => void }): void
  globals: { get(name: string): unknown }
}

/** Deck → this worker. */
export type PythonWorkerMessage =
  | { type: 'ping'; seq: number }
  /** Pyodide's files by name; `base` is where the deck serves them (names only, nothing is fetched). */
  | { type: 'load'; base: string; files: Record<string, ArrayBuffer> }
  /** `sent`: when the deck sent it (`timeOrigin + now()`), to tell a run that waited for the interpreter. */
  | { type: 'run'; code: string; file: string; limits: FloodLimits; sent: number }

const g = globalThis as typeof globalThis & { close(): void }
const orig = boundTimers(g)
const now = performance.now.bind(performance)
const portPost = MessagePort.prototype.postMessage

let deck: MessagePort | undefined
let filesArrived!: (m: Extract<PythonWorkerMessage, { type: 'load' }>) => void
/** The interpreter, once the deck has sent its files (a run may arrive first, and waits). */
const loading = new Promise<Extract<PythonWorkerMessage, { type: 'load' }>>((resolve) => (filesArrived = resolve))
  .then((m) => load(m.base, m.files))
let loadedAt = 0

g.addEventListener('message', function onConnect(event: MessageEvent) {
  const msg = event.data as ConnectMessage | null
  if (!msg || msg.type !== 'connect' || !(msg.deck instanceof MessagePort)) return
  g.removeEventListener('message', onConnect)
  deck = msg.deck
  const port = deck
  port.onmessage = (e: MessageEvent<PythonWorkerMessage>) => {
    const m = e.data
    if (m?.type === 'ping') send({ type: 'pong', seq: Number(m.seq) || 0 })
    else if (m?.type === 'load') filesArrived(m)
    else if (m?.type === 'run') run(m)
  }
})

function send(m: SandboxMessage | { type: 'loaded'; ms: number }) {
  if (deck) portPost.call(deck, m)
}

/** A module from bytes: a Blob URL made here (opaque origins may import their own). */
function moduleUrl(bytes: ArrayBuffer): string {
  return URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' }))
}

async function load(base: string, files: Record<string, ArrayBuffer>) {
  const t0 = now()
  const served = new Map(Object.entries(files))
  // Pyodide fetches its wasm and standard library by URL: serve them from the bytes.
  g.fetch = (input: RequestInfo | URL) => {
    const url = String(input instanceof Request ? input.url : input)
    const name = url.split('?')[0].split('/').pop() ?? ''
    const bytes = served.get(name)
    if (!bytes) return Promise.reject(new TypeError(`${url}: not one of Pyodide's files (the sandbox is offline)`))
    served.delete(name)
    const type = name.endsWith('.wasm') ? 'application/wasm' : name.endsWith('.json') ? 'application/json' : 'application/octet-stream'
    return Promise.resolve(new Response(bytes, { headers: { 'content-type': type } }))
  }
  const api = await import(moduleUrl(files['pyodide.mjs']))
  const asm = await import(moduleUrl(files['pyodide.asm.mjs']))
  const py: Pyodide = await api.loadPyodide({
    indexURL: base,
    packageBaseUrl: base,
    stdLibURL: `${base}python_stdlib.zip`,
    lockFileContents: new TextDecoder().decode(files['pyodide-lock.json']),
    createPyodideModule: asm.default,
    stdout: () => {},
    stderr: () => {},
  })
  py.runPython(PYTHON_SETUP, { filename: '<sandbox>' })
  // Asked inside an async run, where stack switching would happen.
  const runSync = (await py.runPythonAsync('__sandbox_can_run_sync()', { filename: '<sandbox>' })) === true
  if (!runSync) py.runPython('__sandbox_fallback()', { filename: '<sandbox>' })
  const ms = Math.round(now() - t0)
  loadedAt = performance.timeOrigin + now()
  send({ type: 'loaded', ms })
  return { py, ms, runSync }
}

async function run(m: Extract<PythonWorkerMessage, { type: 'run' }>) {
  const t0 = now()
  const file = String(m.file)
  const sandbox = createSandbox({
    send,
    limits: m.limits,
    file,
    files: [file],
    timers: orig,
    now: () => now() - t0,
  })
  const waited = loadedAt === 0 || loadedAt > Number(m.sent)
  let loaded: Awaited<typeof loading>
  try {
    loaded = await loading
  } catch (error) {
    sandbox.system(`Python could not start: ${String(error)}`, 'error')
    return sandbox.end({ type: 'error' })
  }
  const { py, ms, runSync } = loaded
  if (waited) {
    const version = py.runPython('__import__("sys").version.split()[0]')
    sandbox.system(`Python ${version} started in ${(ms / 1000).toFixed(1)} s`)
  }
  if (!runSync) {
    sandbox.system(
      "This browser has no WebAssembly JS Promise Integration, so asyncio.run() schedules main() on Pyodide's event loop and returns at once; the run still waits for every task.",
    )
  }
  const print = promptLines(sandbox, now)
  const line = (level: 'log' | 'error') => (text: string) => print(level, text)
  py.setStdout({ batched: line('log') })
  py.setStderr({ batched: line('error') })
  // Line-buffered, as on a terminal: a print shows as it happens, even in a loop that never yields.
  py.runPython('import sys\nsys.stdout.reconfigure(line_buffering=True)\nsys.stderr.reconfigure(line_buffering=True)', {
    filename: '<sandbox>',
  })
  lockdown(g)
  send({ type: 'started' })
  try {
    await py.runPythonAsync(m.code, { filename: file })
    await py.runPythonAsync('await __sandbox_drain()', { filename: '<sandbox>' })
    sandbox.end({ type: 'done' })
  } catch (error) {
    const text = cleanTraceback(String((error as Error)?.message ?? error), file)
    sandbox.forward({ level: 'error', text, t: 0, depth: 0 })
    if (wantsThreads(text)) sandbox.system(ONE_THREAD)
    const at = tracebackPosition(text, file)
    sandbox.end({ type: 'error', at, message: errorLine(text) })
  }
}
