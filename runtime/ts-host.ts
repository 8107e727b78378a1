/**
 * The TypeScript hosts (hosts.ts): a sandbox worker in the sandbox frame,
 * which compiles the program in the frame's process and runs it in a spare
 * worker (host-pool.ts, sandbox.worker.ts); and main-thread mode, which only
 * the freeze demo may use (main-thread.ts).
 */
import { currentFrame, prepareHosts, takeWorker } from './host-pool.ts'
import type { Host, HostIO, Program } from './hosts.ts'
import { MAIN_THREAD_DEMO_IDS, runOnMainThread } from './main-thread.ts'
import { parseSandboxMessage } from './parse.ts'
import type { SandboxMessage } from './protocol.ts'

export const workerHost: Host = {
  lang: 'typescript',
  prepare: (modules) => prepareHosts(modules),
  start(p: Program, io: HostIO) {
    const worker = takeWorker()
    const { frame, id } = worker
    frame.onWorker(id, (e) => {
      if (e.type === 'rejected') io.reject(e.diagnostic, e.file)
      else io.fail(`The demo sandbox failed: ${e.message}`)
    })
    io.watch(worker)
    frame.start(id, { source: p.code, file: p.file, modules: p.modules, limits: p.limits, trace: p.trace })
    return { stop: () => frame.onWorker(id, undefined) }
  },
}

const mainThreadRefused = 'Main-thread mode is only for the freeze demo; this code was not run'

export const mainThreadHost: Host = {
  lang: 'typescript',
  prepare: (modules) => prepareHosts(modules),
  start(p: Program, io: HostIO) {
    let stop = () => {}
    if (p.demoId === undefined || !MAIN_THREAD_DEMO_IDS.has(p.demoId)) {
      io.system(mainThreadRefused, 'error')
      io.receive({ type: 'error' })
      return { stop }
    }
    currentFrame().compile(p.code, p.file, p.modules, true).then((r) => {
      if (io.ended) return
      if (!r.ok) return io.reject(r.diagnostic, r.file)
      // Read like any host's messages: bounded, and with whole-millisecond times.
      const send = (m: SandboxMessage) => io.receive(parseSandboxMessage(m))
      const run = runOnMainThread({ file: p.file, code: r.code, modules: r.modules, budgetMs: p.blockLimitMs, limits: p.limits, send })
      stop = () => run.stop()
      if (io.ended) stop()
    })
    return { stop: () => stop() }
  },
}
