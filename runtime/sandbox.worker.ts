/**
 * The sandbox worker: one demo run, then thrown away. It is started by the
 * sandbox frame (sandbox-frame.ts), or by a parent sandbox when a demo makes
 * its own `new Worker(…)`, always from the same bundled script.
 *
 * It boots light (no compiler: its host compiles before sending), so a spare
 * can be pre-spawned and a warm Run costs two messages. The first message on
 * the worker itself, `connect`, brings two private ports: `deck`, where it
 * reports, and `host`, where the compiled program comes from. Before user
 * code runs, the worker:
 * - answers the deck's watchdog pings whenever its thread is free;
 * - sets up the shared sandbox (sandbox.ts): console, timers, errors;
 * - runs nested workers as copies of itself, with the same lockdown (its
 *   host compiles their source, so no compiler is loaded here);
 * - locks the global down (lockdown.ts).
 */
import { execute } from './execute.ts'
import { lockdown, offlineError, unavailableError } from './lockdown.ts'
import { boundTimers } from './pending.ts'
import type {
  CompileRequest,
  ConnectMessage,
  ConsoleLine,
  HostToWorker,
  ModuleSources,
  SandboxMessage,
  ThreadInfo,
} from './protocol.ts'
import { createSandbox } from './sandbox.ts'
import type { FloodLimits } from './limits.ts'
import { type Activity, childThread } from './thread-activity.ts'
import type { Recorder } from './trace.ts'

type Global = typeof globalThis & {
  close(): void
  location: { href: string }
  Worker: typeof Worker
}
const g = globalThis as Global

// Everything the runner needs later is captured now, before user code can
// replace it.
const orig = boundTimers(g)
const portPost = MessagePort.prototype.postMessage
const workerPost = g.Worker?.prototype.postMessage
const workerTerminate = g.Worker?.prototype.terminate
const OriginalWorker = g.Worker
const close = g.close.bind(g)
const now = performance.now.bind(performance)
const timeOrigin = performance.timeOrigin
const addListener = EventTarget.prototype.addEventListener
const selfPost = g.postMessage
const createObjectURL = URL.createObjectURL.bind(URL)
const selfUrl = g.location.href
const nativeThen = Promise.prototype.then
// Browsers run this script as a classic worker (an opaque origin cannot start
// a module worker); Deno, which runs the ordering tests, has module workers only.
const workerType: WorkerType = 'Deno' in g ? 'module' : 'classic'
// The sandbox's own ports keep their handlers out of a traced run's sight.
const setPortHandler = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage')!.set!
const onPort = (port: MessagePort, fn: (e: MessageEvent) => void) => setPortHandler.call(port, fn)

g.addEventListener('message', function onConnect(event: MessageEvent) {
  const msg = event.data as ConnectMessage | null
  if (!msg || msg.type !== 'connect' || !(msg.deck instanceof MessagePort) || !(msg.host instanceof MessagePort)) return
  g.removeEventListener('message', onConnect)
  event.stopImmediatePropagation()
  connect(msg.deck, msg.host, msg.start)
})

function connect(deck: MessagePort, host: MessagePort, start: ConnectMessage['start']): void {
  const send = (m: SandboxMessage) => portPost.call(deck, m)
  // The watchdog: a pong is possible only when the thread is free.
  deck.onmessage = (e: MessageEvent) => {
    if (e.data?.type === 'ping') send({ type: 'pong', seq: Number(e.data.seq) || 0 })
  }
  const compiling = new Map<number, (answer: Compiled) => void>()
  let seq = 0
  const compile: Compile = (source, file, done) => {
    const id = ++seq
    compiling.set(id, done)
    portPost.call(host, { type: 'compile', id, source, file } satisfies CompileRequest)
  }
  host.onmessage = (e: MessageEvent<HostToWorker>) => {
    const m = e.data
    if (m?.type === 'start') run(m, send, compile)
    else if (m?.type === 'compiled') {
      compiling.get(m.id)?.(m)
      compiling.delete(m.id)
    }
  }
  if (start) run(start, send, compile)
}

type Compiled = Extract<HostToWorker, { type: 'compiled' }>
/** Asks this worker's host to compile a nested worker's source. */
type Compile = (source: string, file: string, done: (answer: Compiled) => void) => void

function run(msg: Extract<HostToWorker, { type: 'start' }>, send: (m: SandboxMessage) => void, compile: Compile): void {
  const t0 = now()
  const nested = msg.nested === true
  // A traced run notes when each of its threads is busy (the thread timeline):
  // the main thread when it records the trace, a demo's worker when its parent says so.
  const info: ThreadInfo | undefined = nested
    ? msg.threads
    : msg.trace === true
    ? { thread: 'main', origin: timeOrigin + t0 }
    : undefined
  const probe = info && new MessageChannel()
  if (probe) onPort(probe.port1, () => sandbox.activity?.idle())
  const sandbox = createSandbox({
    send,
    limits: msg.limits,
    file: msg.file,
    files: [msg.file, ...Object.keys(msg.modules)],
    timers: orig,
    now: () => now() - t0,
    nested,
    trace: msg.trace === true && !nested,
    threads: info && probe && { info, now, timeOrigin, probe: () => portPost.call(probe.port2, 0) },
  })
  const recorder = sandbox.recorder
  const activity = sandbox.activity

  define('console', sandbox.console)
  for (const [name, fn] of Object.entries(sandbox.timers)) if (fn) define(name, fn)
  installNestedWorkers(sandbox.hold, sandbox.forward, compile, msg.modules, msg.limits, recorder, activity)
  const parent = activity?.info.parent
  if (activity && nested && parent) {
    // Registered before the program's own listeners, so it runs first: the handler's start.
    addListener.call(g, 'message', () => activity.received(parent))
    define('postMessage', function postMessage(...args: unknown[]) {
      activity.send(parent, () => (selfPost as (...a: unknown[]) => void).apply(g, args))
    })
  }
  g.addEventListener('error', (e: ErrorEvent) => {
    e.preventDefault()
    sandbox.reportError(e.error ?? e.message)
  })
  g.addEventListener('unhandledrejection', (e: PromiseRejectionEvent) => {
    e.preventDefault()
    sandbox.reportError(e.reason, 'Uncaught (in promise)')
  })
  recorder?.install(g)
  lockdown(g, {
    // A nested worker may end itself; the parent then stops counting it.
    close: nested
      ? function close_() {
        sandbox.end({ type: 'closed' })
        close()
      }
      : undefined,
  })

  send({ type: 'started' })
  activity?.begin()
  nativeThen.call(
    execute({ file: msg.file, code: msg.code, modules: msg.modules, trace: recorder?.hooks }),
    () => sandbox.check(),
    (e) => sandbox.reportError(e),
  )
  sandbox.check()
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
  forward: (line: ConsoleLine) => void,
  compile: Compile,
  modules: ModuleSources,
  limits: FloodLimits,
  recorder?: Recorder,
  activity?: Activity,
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
  let workers = 0
  const workerIds = new WeakMap<object, number>()
  class SandboxWorker extends OriginalWorker {
    #release: () => void
    /** Messages the demo posts before the worker's code has arrived. */
    #queue: unknown[][] | undefined = []
    /** Its name on the thread timeline (traced runs). */
    #thread = ''
    #ended = false
    constructor(url: string | URL, options?: WorkerOptions) {
      const source = readSource(String(url))
      super(selfUrl, { name: options?.name, type: workerType })
      const release = hold()
      this.#release = release
      const file = `worker-${++workers}.ts`
      const reports = new MessageChannel()
      const host = new MessageChannel()
      const id = workers
      workerIds.set(this, id)
      recorder?.worker(id, true)
      const thread = activity ? childThread(activity.thread, id) : ''
      this.#thread = thread
      const created = activity?.clock()
      // The first listener of its messages, before any of the demo's: the handler's start.
      if (activity) addListener.call(this, 'message', () => activity.received(thread))
      onPort(reports.port1, (e: MessageEvent<SandboxMessage>) => {
        const m = e.data
        if (m?.type === 'lines') for (const l of m.lines) forward(l)
        else if (m?.type === 'activity') activity?.forward(m.notes)
        else if (m?.type === 'closed') {
          recorder?.worker(id, false)
          this.#end()
          release()
        }
      })
      // The nested worker's own nested workers compile through this one.
      onPort(host.port1, (e: MessageEvent<CompileRequest>) => {
        const r = e.data
        if (r?.type === 'compile') {
          compile(String(r.source), String(r.file), (answer) => portPost.call(host.port1, { ...answer, id: r.id }))
        }
      })
      compile(source, file, (answer) => {
        const code = 'code' in answer ? answer.code : `throw new SyntaxError(${JSON.stringify('error' in answer ? answer.error : '')})`
        const connect: ConnectMessage = {
          type: 'connect',
          deck: reports.port2,
          host: host.port2,
          start: {
            type: 'start',
            code,
            file,
            modules,
            limits,
            nested: true,
            threads: activity && { thread, parent: activity.thread, origin: activity.info.origin, created },
          },
        }
        workerPost.call(this, connect, { transfer: [reports.port2, host.port2] })
        const queued = this.#queue ?? []
        this.#queue = undefined
        for (const args of queued) (workerPost as (...a: unknown[]) => void).apply(this, args)
      })
    }
    override postMessage(...args: unknown[]): void {
      const post = () => {
        if (this.#queue) this.#queue.push(args)
        else (workerPost as (...a: unknown[]) => void).apply(this, args)
      }
      if (activity) activity.send(this.#thread, post)
      else post()
    }
    override terminate(): void {
      this.#queue = undefined
      workerTerminate.call(this)
      recorder?.worker(workerIds.get(this) ?? 0, false)
      this.#end()
      this.#release()
    }
    #end(): void {
      if (this.#ended) return
      this.#ended = true
      activity?.ended(this.#thread)
    }
  }
  if (recorder) {
    // A message from a demo's worker is a task on this thread.
    recorder.messages(SandboxWorker.prototype, (w) => ({ label: `message from worker-${workerIds.get(w) ?? '?'}` }))
  }
  define('Worker', SandboxWorker)
}
