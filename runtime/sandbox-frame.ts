/**
 * The sandbox frame's script. It runs in an `<iframe sandbox="allow-scripts">`
 * that the deck creates (host-frame.ts): an opaque origin, which Chromium
 * puts in a process of its own. So a demo that runs V8 out of memory takes
 * down this frame, never the deck, and even code that escaped the lockdown
 * could read neither the deck's storage nor its DOM.
 *
 * The frame:
 * - starts sandbox workers (sandbox.worker.ts, from the source the deck sent)
 *   and hands each one the port the deck gave for it, so a worker's output
 *   reaches the deck without passing through here;
 * - compiles programs (compile.ts), so the deck's own thread never loads the
 *   compiler; nested workers ask here for their sources too;
 * - terminates workers when the deck says so, and answers the deck's pings,
 *   which is how the deck knows this process is still alive.
 */
import { compile, compileProgram } from './compile.ts'
import {
  BOOT_GLOBAL,
  type BootMessage,
  type CompileRequest,
  type ConnectMessage,
  type DeckToFrame,
  type FrameToDeck,
  type HostToWorker,
} from './protocol.ts'

const g = globalThis as unknown as Record<string, BootMessage | undefined>
const boot = g[BOOT_GLOBAL]
delete g[BOOT_GLOBAL]

if (boot) {
  const deck = boot.port
  const workerUrl = URL.createObjectURL(new Blob([boot.worker], { type: 'text/javascript' }))
  const workers = new Map<number, { worker: Worker; host: MessagePort }>()
  const post = (m: FrameToDeck) => deck.postMessage(m)
  // Compiling holds this thread, so pings wait: the deck hears of it first
  // (a message posted now leaves now), and takes the silence for work.
  const busy = <T>(work: () => T): T => {
    post({ type: 'busy' })
    try {
      return work()
    } finally {
      post({ type: 'free' })
    }
  }

  const spawn = (id: number, port: MessagePort, script?: string) => {
    // A classic worker: a module worker cannot start from an opaque origin's Blob URL.
    // Another language's host is a module worker (Pyodide needs one): from a data: URL, which can.
    const worker = script === undefined
      ? new Worker(workerUrl, { name: `sandbox-${id}` })
      : new Worker(`data:text/javascript;charset=utf-8,${encodeURIComponent(script)}`, { name: `sandbox-${id}`, type: 'module' })
    const host = new MessageChannel()
    worker.onerror = (e) => {
      // The worker handles its program's errors itself; this is the worker failing.
      e.preventDefault()
      post({ type: 'failed', worker: id, message: e.message || 'the sandbox worker did not start' })
    }
    host.port1.onmessage = (e: MessageEvent<CompileRequest>) => {
      const r = e.data
      if (r?.type !== 'compile') return
      const c = busy(() => compile(String(r.source).slice(0, 1_000_000), String(r.file), false))
      const answer: HostToWorker = c.ok
        ? { type: 'compiled', id: r.id, code: c.code }
        : { type: 'compiled', id: r.id, error: `${c.diagnostic.message} (${r.file}:${c.diagnostic.line}:${c.diagnostic.column})` }
      host.port1.postMessage(answer)
    }
    const connect: ConnectMessage = { type: 'connect', deck: port, host: host.port2 }
    worker.postMessage(connect, [port, host.port2])
    workers.set(id, { worker, host: host.port1 })
  }

  const kill = (id: number) => {
    const w = workers.get(id)
    if (!w) return
    w.worker.terminate()
    w.host.close()
    workers.delete(id)
  }

  const handle = (m: DeckToFrame) => {
    switch (m?.type) {
      case 'ping':
        return post({ type: 'pong', seq: m.seq })
      case 'spawn':
        return spawn(m.worker, m.port, typeof m.script === 'string' ? m.script : undefined)
      case 'start': {
        const w = workers.get(m.worker)
        if (!w) return post({ type: 'failed', worker: m.worker, message: 'that sandbox worker is gone' })
        const r = busy(() => compileProgram(m.source, m.file, m.modules, false, m.trace === true))
        if (!r.ok) {
          kill(m.worker)
          return post({ type: 'rejected', worker: m.worker, diagnostic: r.diagnostic, file: r.file })
        }
        const start: HostToWorker = {
          type: 'start',
          code: r.code,
          file: m.file,
          modules: r.modules,
          limits: m.limits,
          trace: m.trace === true,
        }
        return w.host.postMessage(start)
      }
      case 'compile':
        return post({
          type: 'compiled',
          request: m.request,
          result: busy(() => compileProgram(m.source, m.file, m.modules, m.guard, m.trace === true)),
        })
      case 'kill':
        return kill(m.worker)
    }
  }
  deck.onmessage = (e: MessageEvent<DeckToFrame>) => handle(e.data)

  // Warm the compiler before the first Run needs it.
  compile('const warm: number = 1\nfor (const x of [warm]) x', 'warm.ts', false)
  post({ type: 'ready' })
}
