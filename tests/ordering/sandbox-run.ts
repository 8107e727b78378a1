/**
 * Runs a program in the real sandbox worker (runtime/sandbox.worker.ts)
 * under Deno, the way the deck does in a browser: compiled by compile.ts,
 * with or without the trace, reporting on a port. Test helper only.
 */
import { compileProgram, compile } from '../../runtime/compile.ts'
import { DEFAULT_LIMITS } from '../../runtime/limits.ts'
import { parseSandboxMessage } from '../../runtime/parse.ts'
import { type ConsoleLine, isTimelineEvent, type TraceEvent } from '../../runtime/protocol.ts'

export interface SandboxResult {
  lines: ConsoleLine[]
  events: TraceEvent[]
  end: 'done' | 'error' | 'timeout'
  /** How many messages brought console lines, and how many brought thread-timeline events. */
  batches: { lines: number; threads: number }
  /** ms from the start message to the end. */
  ms: number
}

const toolkit = { 'toolkit.ts': Deno.readTextFileSync(new URL('../../demos/toolkit.ts', import.meta.url)) }

export function runInSandbox(source: string, trace: boolean, timeoutMs = 5_000): Promise<SandboxResult> {
  const compiled = compileProgram(source, 'demo.ts', toolkit, false, trace)
  if (!compiled.ok) throw new Error(`${compiled.file}: ${compiled.diagnostic.message} (${compiled.diagnostic.line})`)
  const worker = new Worker(new URL('../../runtime/sandbox.worker.ts', import.meta.url), { type: 'module' })
  const deck = new MessageChannel()
  const host = new MessageChannel()
  const lines: ConsoleLine[] = []
  const events: TraceEvent[] = []
  const batches = { lines: 0, threads: 0 }
  const t0 = performance.now()
  return new Promise<SandboxResult>((resolve) => {
    const finish = (end: SandboxResult['end']) => {
      clearTimeout(timer)
      worker.terminate()
      deck.port1.close()
      host.port1.close()
      resolve({ lines, events, end, batches, ms: performance.now() - t0 })
    }
    const timer = setTimeout(() => finish('timeout'), timeoutMs)
    host.port1.onmessage = (e) => {
      const r = e.data
      if (r?.type !== 'compile') return
      const c = compile(String(r.source), String(r.file), false)
      host.port1.postMessage(c.ok ? { type: 'compiled', id: r.id, code: c.code } : { type: 'compiled', id: r.id, error: c.diagnostic.message })
    }
    deck.port1.onmessage = (e) => {
      const m = parseSandboxMessage(e.data)
      if (m?.type === 'lines') {
        lines.push(...m.lines)
        batches.lines++
      } else if (m?.type === 'trace') {
        events.push(...m.events)
        if (m.events.some(isTimelineEvent)) batches.threads++
      }
      else if (m?.type === 'done' || m?.type === 'error') finish(m.type)
    }
    worker.postMessage({ type: 'connect', deck: deck.port2, host: host.port2 }, [deck.port2, host.port2])
    host.port1.postMessage({
      type: 'start',
      code: compiled.code,
      file: 'demo.ts',
      modules: compiled.modules,
      limits: DEFAULT_LIMITS,
      trace,
    })
  })
}
