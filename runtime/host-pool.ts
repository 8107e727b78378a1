/**
 * The deck's side of the sandbox: the frame that hosts sandbox workers in a
 * process of its own (sandbox-frame.ts runs inside it), and a spare worker
 * kept ready in it so a warm Run costs two messages.
 *
 * The frame is an `<iframe sandbox="allow-scripts">` made from `srcdoc`: an
 * opaque origin (no `allow-same-origin`), which Chromium isolates in its own
 * process, and which inherits the deck's cross-origin isolation
 * (`allow="cross-origin-isolated"`) for the shared-memory demos. Its script
 * and the worker's arrive as text in one boot message, so nothing has to be
 * fetched from the frame's opaque origin.
 *
 * When the frame dies (a demo ran it out of memory), `discard` throws it
 * away, and the next `takeWorker` builds a fresh one.
 */
import {
  BOOT_GLOBAL,
  type BootMessage,
  type CompileResult,
  type DeckToFrame,
  type FrameToDeck,
} from './protocol.ts'
import type { FloodLimits } from './limits.ts'
import { parseFrameMessage } from './parse.ts'

/** The bundled scripts of the frame and of its workers. */
export interface SandboxSources {
  frame: string
  worker: string
}

/** A worker in a frame, waiting for its program. */
export interface HostedWorker {
  readonly frame: SandboxFrame
  readonly id: number
  /** The deck's end of the port the worker reports on. */
  readonly port: MessagePort
}

export type WorkerEvent = Extract<FrameToDeck, { type: 'rejected' | 'failed' }>

// Runs in the frame before anything else: waits for the boot message from
// the deck (its parent, and nobody else), then runs the frame's script.
const BOOTSTRAP = `addEventListener('message', function boot(e) {
  if (e.source !== parent || !e.data || e.data.type !== 'boot') return
  removeEventListener('message', boot)
  self.${BOOT_GLOBAL} = e.data
  var s = document.createElement('script')
  s.src = URL.createObjectURL(new Blob([e.data.frame], { type: 'text/javascript' }))
  document.head.appendChild(s)
})`

let nextWorker = 0

// V8's explicit compile hint: a worker compiles all its script's functions
// as it loads (a spare, before the Run), not each on first call in the Run.
// Workers a demo starts load the same script, within their start-up.
const EAGER = '//# allFunctionsCalledOnLoad\n'

export class SandboxFrame {
  readonly element: HTMLIFrameElement
  #port: MessagePort
  #ready = false
  #dead = false
  #gone = false
  #busy = false
  #heardAt = performance.now()
  #pings = new Map<number, number>()
  #seq = 0
  #requests = new Map<number, (r: CompileResult) => void>()
  #workerEvents = new Map<number, (e: WorkerEvent) => void>()

  constructor(sources: SandboxSources, doc: Document = document) {
    const channel = new MessageChannel()
    this.#port = channel.port1
    this.#port.onmessage = (e) => this.#receive(parseFrameMessage(e.data))
    // Where the browser has it, a port's close event is the one signal that
    // only death gives: the frame's end of the port went with its process.
    if ('onclose' in MessagePort.prototype) {
      this.#port.addEventListener('close', () => {
        if (!this.#dead) this.#gone = true
      })
    }
    const frame = doc.createElement('iframe')
    frame.setAttribute('sandbox', 'allow-scripts')
    frame.setAttribute('allow', 'cross-origin-isolated')
    frame.setAttribute('aria-hidden', 'true')
    frame.tabIndex = -1
    frame.title = 'demo sandbox'
    frame.dataset.sandboxFrame = ''
    // Not rendered at all: a laid-out frame, however small, adds a blank
    // page to the printed deck. Its scripts and workers run all the same.
    frame.style.display = 'none'
    frame.srcdoc = `<!doctype html><meta charset="utf-8"><script>${BOOTSTRAP}</script>`
    frame.addEventListener('load', () => {
      const boot: BootMessage = { type: 'boot', frame: sources.frame, worker: EAGER + sources.worker, port: channel.port2 }
      // An opaque origin has no name to target: '*' is the only way to reach it.
      frame.contentWindow?.postMessage(boot, '*', [channel.port2])
    }, { once: true })
    doc.body.appendChild(frame)
    this.element = frame
  }

  /** The frame's script runs (its compiler is loaded). */
  get ready(): boolean {
    return this.#ready
  }

  get dead(): boolean {
    return this.#dead
  }

  /** The frame's process is gone for certain (only where MessagePort has a close event). */
  get gone(): boolean {
    return this.#gone
  }

  #post(m: DeckToFrame, transfer: Transferable[] = []) {
    if (!this.#dead) this.#port.postMessage(m, transfer)
  }

  #receive(m: FrameToDeck | undefined) {
    if (m) this.#heardAt = performance.now()
    switch (m?.type) {
      case 'busy':
        this.#busy = true
        return
      case 'free':
        this.#busy = false
        return
      case 'ready':
        this.#ready = true
        return
      case 'pong':
        // Every ping up to this one is answered: messages on a port keep their order.
        for (const seq of this.#pings.keys()) if (seq <= m.seq) this.#pings.delete(seq)
        return
      case 'compiled':
        this.#requests.get(m.request)?.(m.result)
        this.#requests.delete(m.request)
        return
      case 'rejected':
      case 'failed':
        this.#workerEvents.get(m.worker)?.(m)
        return
    }
  }

  /** Starts a worker now (a module worker of `script`, if given); messages to it queue until it is up. */
  spawn(script?: string): HostedWorker {
    const id = ++nextWorker
    const channel = new MessageChannel()
    this.#post({ type: 'spawn', worker: id, port: channel.port2, script }, [channel.port2])
    return { frame: this, id, port: channel.port1 }
  }

  /** Compiles `source` in the frame and runs it in worker `id`. */
  start(
    id: number,
    program: { source: string; file: string; modules: Record<string, string>; limits: FloodLimits; trace?: boolean },
  ) {
    this.#post({ type: 'start', worker: id, ...program })
  }

  /** Compiles only, for main-thread mode and the warm-up. */
  compile(source: string, file: string, modules: Record<string, string>, guard: boolean, trace = false): Promise<CompileResult> {
    const request = ++this.#seq
    return new Promise((resolve) => {
      this.#requests.set(request, resolve)
      this.#post({ type: 'compile', request, source, file, modules, guard, trace })
    })
  }

  /** What the frame says about worker `id` that the worker cannot (it never ran, or failed to load). */
  onWorker(id: number, listener: ((e: WorkerEvent) => void) | undefined) {
    if (listener) this.#workerEvents.set(id, listener)
    else this.#workerEvents.delete(id)
  }

  kill(id: number) {
    this.#workerEvents.delete(id)
    this.#post({ type: 'kill', worker: id })
  }

  ping(now = performance.now()) {
    const seq = ++this.#seq
    this.#pings.set(seq, now)
    this.#post({ type: 'ping', seq })
  }

  /**
   * How long the frame has been silent with a ping unanswered, in ms: since
   * the oldest unanswered ping, or its last message if that came later. 0
   * when every ping is answered, or while the frame said it is compiling.
   */
  silence(now = performance.now()): number {
    if (this.#busy) return 0
    for (const sent of this.#pings.values()) return now - Math.max(sent, this.#heardAt)
    return 0
  }

  destroy() {
    if (this.#dead) return
    this.#dead = true
    this.#port.onmessage = null
    this.#port.close()
    this.element.remove()
    for (const resolve of this.#requests.values()) {
      resolve({ ok: false, diagnostic: { message: 'The sandbox was closed', line: 1, column: 1 }, file: '' })
    }
    this.#requests.clear()
  }
}

// ---- the pool: one frame, one spare worker ----

let frame: SandboxFrame | undefined
let spare: HostedWorker | undefined

/**
 * The scripts Vite bundled for the frame and its workers (see vite.config.ts),
 * or undefined outside Vite (Deno tests have no frames).
 */
function bundledSources(): SandboxSources | undefined {
  try {
    // @ts-ignore: import.meta.glob is Vite's; Deno never reaches this line.
    const found = import.meta.glob(['./sandbox-frame.ts', './sandbox.worker.ts'], {
      query: '?bundle',
      import: 'default',
      eager: true,
    }) as Record<string, string>
    const pick = (name: string) => Object.entries(found).find(([path]) => path.includes(name))?.[1]
    const frame = pick('sandbox-frame')
    const worker = pick('sandbox.worker')
    return frame && worker ? { frame, worker } : undefined
  } catch {
    return undefined
  }
}

function liveFrame(): SandboxFrame {
  if (!frame || frame.dead) {
    const sources = bundledSources()
    if (!sources) throw new Error('The sandbox scripts were not bundled (is vite.config.ts loaded?)')
    frame = new SandboxFrame(sources)
    spare = undefined
  }
  return frame
}

/** Gets the next Run ready: the frame, and a spare worker in it. Cheap to call again. */
export function prepareHosts(warm?: Record<string, string>): void {
  if (typeof document === 'undefined') return
  const fresh = !frame || frame.dead
  const f = liveFrame()
  spare ??= f.spawn()
  // Compile the toolkit now, plain and traced (the visualizer's runs), so
  // the first Run compiles only the editor's text, with a warm compiler:
  // a cold traced compile held the frame for about 25 ms of a 41 ms first Run.
  if (fresh && warm) {
    f.compile('', 'warm.ts', warm, false)
    f.compile('', 'warm.ts', warm, false, true)
  }
}

/** How long the replacement spare may wait for an idle moment. */
const REFILL_WAIT_MS = 1_000

/**
 * The spare worker, or a new one. Its replacement starts in the deck's
 * first idle moment, which comes after the run's first output: started at
 * once, its script's parse competed for the two cores with the run it was
 * for (a warm Run's first line came about 4 ms later with it).
 */
export function takeWorker(): HostedWorker {
  const f = liveFrame()
  const worker = spare?.frame === f ? spare : f.spawn()
  spare = undefined
  const refill = () => {
    if (!spare && frame === f && !f.dead) spare = f.spawn()
  }
  if (typeof requestIdleCallback === 'function') requestIdleCallback(refill, { timeout: REFILL_WAIT_MS })
  else setTimeout(refill, REFILL_WAIT_MS)
  return worker
}

/** The frame, for compiling only (main-thread mode). */
export function currentFrame(): SandboxFrame {
  return liveFrame()
}

/** Throws a dead frame away; the next run builds a fresh one. */
export function discard(f: SandboxFrame): void {
  f.destroy()
  if (frame === f) {
    frame = undefined
    spare = undefined
  }
}
