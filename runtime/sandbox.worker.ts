/**
 * The sandbox worker: one demo run, then thrown away.
 *
 * It boots light (no transpiler: the deck compiles before sending), so a
 * spare can be pre-spawned and a warm Run costs one postMessage. The first
 * `start` message brings a private MessagePort; every report goes through
 * it. Before user code runs, the worker:
 * - captures the console into batched, capped line messages;
 * - wraps timers so it knows when nothing is pending (`done`);
 * - turns uncaught errors and unhandled rejections into `error` lines that
 *   point at the user's lines, ending the run;
 * - runs nested workers as copies of itself, with the same lockdown (the
 *   deck compiles their source, so no compiler is loaded here);
 * - locks the global down (lockdown.ts).
 */
import { createConsole } from './capture.ts'
import { createStackMapper, execute, userPosition } from './execute.ts'
import { formatValue, truncate } from './format.ts'
import { lockdown, offlineError, unavailableError } from './lockdown.ts'
import { createTracker } from './pending.ts'
import type { ConsoleLine, DeckMessage, FloodLimits, ModuleSources, SandboxMessage, StartMessage } from './protocol.ts'

type Global = typeof globalThis & {
  close(): void
  requestAnimationFrame?: (cb: FrameRequestCallback) => number
  cancelAnimationFrame?: (id: number) => void
  location: { href: string }
  Worker: typeof Worker
}
const g = globalThis as Global

// Everything the runner needs later is captured now, before user code can
// replace it.
const orig = {
  setTimeout: g.setTimeout.bind(g),
  clearTimeout: g.clearTimeout.bind(g),
  setInterval: g.setInterval.bind(g),
  clearInterval: g.clearInterval.bind(g),
  queueMicrotask: g.queueMicrotask.bind(g),
  requestAnimationFrame: g.requestAnimationFrame?.bind(g),
  cancelAnimationFrame: g.cancelAnimationFrame?.bind(g),
}
const portPost = MessagePort.prototype.postMessage
const workerPost = g.Worker?.prototype.postMessage
const workerTerminate = g.Worker?.prototype.terminate
const OriginalWorker = g.Worker
const close = g.close.bind(g)
const now = performance.now.bind(performance)
const createObjectURL = URL.createObjectURL.bind(URL)
const selfUrl = g.location.href

g.addEventListener('message', function onStart(event: MessageEvent) {
  const msg = event.data as StartMessage | null
  if (!msg || msg.type !== 'start' || !(msg.port instanceof MessagePort)) return
  g.removeEventListener('message', onStart)
  event.stopImmediatePropagation()
  run(msg)
})

function run(msg: StartMessage): void {
  const t0 = now()
  const { port, code } = msg
  const nested = msg.nested === true
  const limits: FloodLimits = msg.limits
  const send = (m: SandboxMessage) => portPost.call(port, m)
  const files = [msg.file, ...Object.keys(msg.modules)]
  const mapStack = createStackMapper(files)
  let ended = false

  // ---- console lines: batched, capped, flushed at most every flushMs ----
  let buffer: ConsoleLine[] = []
  let dropped = 0
  let unsettled = 0
  let lastFlush = -Infinity
  let flushTimer: ReturnType<typeof setTimeout> | undefined
  const flush = () => {
    if (flushTimer !== undefined) orig.clearTimeout(flushTimer)
    flushTimer = undefined
    if (!buffer.length && !dropped) return
    if (buffer.length > limits.maxLinesPerBatch) {
      dropped += buffer.length - limits.maxLinesPerBatch
      buffer = buffer.slice(-limits.maxLinesPerBatch)
    }
    for (const l of buffer) l.text = truncate(l.text, limits.maxLineLength)
    lastFlush = now()
    send({ type: 'lines', lines: buffer, dropped })
    buffer = []
    dropped = 0
  }
  const emit = (line: ConsoleLine) => {
    buffer.push(line)
    // Keep memory bounded inside one synchronous flood: trim in chunks.
    if (buffer.length >= limits.maxLinesPerBatch * 2) {
      dropped += buffer.length - limits.maxLinesPerBatch
      buffer = buffer.slice(-limits.maxLinesPerBatch)
    }
    // Post at once when a frame has passed, even mid-loop, so output shows
    // while a busy demo is still running; otherwise wait for the frame.
    if (!unsettled && now() - lastFlush >= limits.flushMs) flush()
    else if (flushTimer === undefined) {
      flushTimer = orig.setTimeout(flush, Math.max(0, limits.flushMs - (now() - lastFlush)))
    }
  }
  const system = (text: string, level: ConsoleLine['level'] = 'error') =>
    emit({ level, text, t: now() - t0, depth: 0 })

  // ---- ending the run ----
  const reportError = (error: unknown, prefix = 'Uncaught') => {
    if (ended) return
    system(`${prefix} ${formatValue(error, { mapStack })}`)
    const stack = error instanceof Error ? String(error.stack) : ''
    const pos = userPosition(stack, files)
    flush()
    if (nested) {
      send({ type: 'error' })
      return // like a browser worker: the error is reported, the worker lives on
    }
    ended = true
    tracker.dispose()
    send({ type: 'error', at: pos && pos.file === msg.file ? { line: pos.line, column: pos.column } : undefined })
  }
  const tracker = createTracker(orig, {
    onError: (e) => reportError(e),
    onIdle: () => {
      if (ended || nested) return
      ended = true
      flush()
      send({ type: 'done' })
    },
  })

  // ---- install the demo's globals ----
  // A line whose text is filled one microtask later (it logged a Promise)
  // holds eager flushing back; the timer flush after microtasks is safe.
  const console = createConsole({
    emit: (line, final) => {
      if (!final) unsettled++
      emit(line)
    },
    settled: () => void unsettled--,
    now: () => now() - t0,
    mapStack,
  })
  define('console', console)
  for (const [name, fn] of Object.entries(tracker.timers)) if (fn) define(name, fn)
  // Nested worker sources go to the deck to compile; answers come back here.
  const compiling = new Map<number, (answer: DeckMessage) => void>()
  port.onmessage = (e: MessageEvent<DeckMessage>) => {
    const answer = e.data
    compiling.get(answer?.id)?.(answer)
    compiling.delete(answer?.id)
  }
  const compile = (id: number, source: string, file: string, done: (a: DeckMessage) => void) => {
    compiling.set(id, done)
    send({ type: 'compile', id, source, file })
  }
  installNestedWorkers(tracker.hold, (lines) => {
    for (const l of lines) emit({ ...l, t: now() - t0 })
  }, compile, msg.modules, limits)
  g.addEventListener('error', (e: ErrorEvent) => {
    e.preventDefault()
    reportError(e.error ?? e.message)
  })
  g.addEventListener('unhandledrejection', (e: PromiseRejectionEvent) => {
    e.preventDefault()
    reportError(e.reason, 'Uncaught (in promise)')
  })
  lockdown(g, {
    // A nested worker may end itself; the parent then stops counting it.
    close: nested
      ? function close_() {
        flush()
        send({ type: 'closed' })
        close()
      }
      : undefined,
  })

  // ---- run ----
  execute({ file: msg.file, code, modules: msg.modules }).then(
    () => tracker.check(),
    (e) => reportError(e),
  )
  tracker.check()
}

function define(name: string, value: unknown): void {
  Object.defineProperty(g, name, { value, writable: true, configurable: true, enumerable: false })
}

/**
 * `new Worker(url)` inside a demo: the URL must be a Blob URL made in the
 * sandbox or a data: URL (nothing can be fetched). The worker runs as a copy
 * of this sandbox, counts as pending work until terminated, and its console
 * lines appear in the demo's console.
 */
function installNestedWorkers(
  hold: () => () => void,
  forward: (lines: ConsoleLine[]) => void,
  compile: (id: number, source: string, file: string, done: (a: DeckMessage) => void) => void,
  modules: ModuleSources,
  limits: FloodLimits,
): void {
  if (!OriginalWorker) return
  const blobs = new Map<string, Blob>()
  URL.createObjectURL = (obj: Blob | MediaSource) => {
    const url = createObjectURL(obj)
    if (obj instanceof Blob) blobs.set(url, obj)
    return url
  }
  const readSource = (url: string): string => {
    if (url.startsWith('blob:')) {
      const blob = blobs.get(url)
      if (!blob) throw unavailableError(`A worker from a Blob URL made outside the demo (${url})`)
      const Reader = (g as unknown as { FileReaderSync: new () => { readAsText(b: Blob): string } })
        .FileReaderSync
      return new Reader().readAsText(blob)
    }
    const data = /^data:([^,]*?)(;base64)?,(.*)$/s.exec(url)
    if (data) return data[2] ? atob(data[3]) : decodeURIComponent(data[3])
    throw offlineError(`Loading a worker from '${url}'`)
  }
  let count = 0
  class SandboxWorker extends OriginalWorker {
    #release: () => void
    /** Messages the demo posts before the worker's code has arrived. */
    #queue: unknown[][] | undefined = []
    constructor(url: string | URL, options?: WorkerOptions) {
      const source = readSource(String(url))
      super(selfUrl, { type: 'module', name: options?.name })
      const release = hold()
      this.#release = release
      const id = ++count
      const file = `worker-${id}.ts`
      compile(id, source, file, (answer) => {
        const channel = new MessageChannel()
        channel.port1.onmessage = (e: MessageEvent<SandboxMessage>) => {
          const m = e.data
          if (m.type === 'lines') forward(m.lines)
          else if (m.type === 'closed') release()
        }
        const code = 'code' in answer
          ? answer.code
          : `throw new SyntaxError(${JSON.stringify(answer.error)})`
        const start: StartMessage = { type: 'start', port: channel.port2, code, file, modules, limits, nested: true }
        workerPost.call(this, start, { transfer: [channel.port2] })
        const queued = this.#queue ?? []
        this.#queue = undefined
        for (const args of queued) (workerPost as (...a: unknown[]) => void).apply(this, args)
      })
    }
    override postMessage(...args: unknown[]): void {
      if (this.#queue) this.#queue.push(args)
      else (workerPost as (...a: unknown[]) => void).apply(this, args)
    }
    override terminate(): void {
      this.#queue = undefined
      workerTerminate.call(this)
      this.#release()
    }
  }
  define('Worker', SandboxWorker)
}
