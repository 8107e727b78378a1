/**
 * Reads what the deck receives from a sandbox (its workers and its frame):
 * untrusted input, since user code runs in the same worker and the frame's
 * process may be compromised. The deck reads these messages only through
 * `parseSandboxMessage` and `parseFrameMessage`; logic/snapshotCheck.ts
 * reads another window's console and trace through them too.
 *
 * A reader keeps well-formed fields. Console output it refuses (returns
 * `undefined` for) over the bounds of limits.ts: more lines than a batch
 * holds, or a line longer than the sandbox ever sends; that output is
 * bounded where it is made (sandbox.ts), never cut a second time. Every
 * other text it cuts to its bound: messages and diagnostics to
 * MESSAGE_TEXT, a file name to FILE_TEXT, traced texts to TRACE_TEXT.
 */
import { DEFAULT_LIMITS, FILE_TEXT, type FloodLimits, maxLineText, MESSAGE_TEXT, TRACE_BATCH, TRACE_TEXT } from './limits.ts'
import {
  type CompileResult,
  type ConsoleLine,
  type Diagnostic,
  type FrameToDeck,
  LEVELS,
  type LogLevel,
  type SandboxMessage,
  SPAN_WHAT,
  type SpanWhat,
  type TraceEvent,
} from './protocol.ts'

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null
const count = (v: unknown): number => (Number.isFinite(v) ? Math.max(0, Math.floor(v as number)) : 0)

/** Reads one message from a sandbox; anything malformed is `undefined`. */
export function parseSandboxMessage(raw: unknown, limits: FloodLimits = DEFAULT_LIMITS): SandboxMessage | undefined {
  if (!isObject(raw)) return undefined
  const m = raw as { type?: unknown } & Record<string, unknown>
  switch (m.type) {
    case 'lines': {
      const lines = parseLines(m.lines, limits)
      return lines && { type: 'lines', lines, dropped: count(m.dropped) }
    }
    case 'done':
      return { type: 'done' }
    case 'error': {
      const at = isObject(m.at) && Number.isFinite(m.at.line)
        ? { line: count(m.at.line), column: count(m.at.column) || 1 }
        : undefined
      const message = typeof m.message === 'string' ? m.message.slice(0, MESSAGE_TEXT) : undefined
      return { type: 'error', at, message }
    }
    case 'blocked':
      return { type: 'blocked', ms: count(m.ms) }
    case 'started':
      return { type: 'started' }
    case 'pong':
      return { type: 'pong', seq: count(m.seq) }
    case 'closed':
      return { type: 'closed' }
    case 'trace':
      return { type: 'trace', events: parseTrace(m.events) }
    default:
      return undefined
  }
}

const num = (v: unknown): number => (Number.isFinite(v) ? v as number : 0)
const str = (v: unknown): string => String(v ?? '').slice(0, TRACE_TEXT)
const optLine = (v: unknown): number | undefined => (Number.isFinite(v) ? count(v) : undefined)
const queueOf = (v: unknown): 'micro' | 'task' => (v === 'task' ? 'task' : 'micro')
/** A thread's name: `main` or `worker-…`, short. */
const thread = (v: unknown): string => String(v ?? '').slice(0, 40)

/** Trace events from a sandbox: only well-formed ones, with bounded text. */
export function parseTrace(raw: unknown): TraceEvent[] {
  if (!Array.isArray(raw)) return []
  const out: TraceEvent[] = []
  for (const e of raw.slice(0, TRACE_BATCH)) {
    if (!isObject(e)) continue
    const base = { t: num(e.t), line: optLine(e.line) }
    const id = count(e.id)
    const f = count(e.f)
    switch (e.k) {
      case 'enter': {
        const via = isObject(e.via) ? { q: queueOf(e.via.q), id: count(e.via.id), label: str(e.via.label) } : undefined
        out.push({ ...base, k: 'enter', f, name: str(e.name), file: e.file === undefined ? undefined : str(e.file), async: e.async === true, via })
        break
      }
      case 'exit':
        out.push({ ...base, k: 'exit', f })
        break
      case 'await':
        out.push({ ...base, k: 'await', f, id, ready: e.ready === true, label: str(e.label) })
        break
      case 'resume':
        out.push({ ...base, k: 'resume', f, id })
        break
      case 'queue': {
        const why = e.why === 'settled' || e.why === 'queueMicrotask' ? e.why : 'then'
        out.push({ ...base, k: 'queue', id, label: str(e.label), why })
        break
      }
      case 'run':
        out.push({ ...base, k: 'run', q: queueOf(e.q), id, label: str(e.label) })
        break
      case 'timer':
        out.push({ ...base, k: 'timer', id, ms: count(e.ms), repeat: e.repeat === true, label: str(e.label) })
        break
      case 'clear':
        out.push({ ...base, k: 'clear', id })
        break
      case 'post':
        out.push({ ...base, k: 'post', id, label: str(e.label) })
        break
      case 'worker':
        out.push({ ...base, k: 'worker', id, label: str(e.label), alive: e.alive === true })
        break
      case 'log':
        out.push({ ...base, k: 'log', level: LEVELS.has(e.level as string) ? e.level as LogLevel : 'log', text: str(e.text) })
        break
      case 'cap':
        out.push({ ...base, k: 'cap', max: count(e.max) })
        break
      case 'span':
        out.push({
          t: base.t,
          k: 'span',
          thread: thread(e.thread),
          start: num(e.start),
          end: Math.max(num(e.start), num(e.end)),
          what: SPAN_WHAT.has(e.what as string) ? e.what as SpanWhat : 'message',
          tasks: count(e.tasks),
        })
        break
      case 'message':
        out.push({
          t: base.t,
          k: 'message',
          from: thread(e.from),
          to: thread(e.to),
          sent: num(e.sent),
          received: Number.isFinite(e.received) ? e.received as number : undefined,
        })
        break
      case 'ended':
        out.push({ t: base.t, k: 'ended', thread: thread(e.thread) })
        break
      case 'timeline-cap':
        out.push({ t: base.t, k: 'timeline-cap', max: count(e.max) })
        break
    }
  }
  return out
}

/**
 * Lines from a sandbox: the well-formed ones, or `undefined` for a batch
 * over the bounds (more lines than a batch holds, or a line longer than the
 * sandbox ever sends), which no honest sandbox sends.
 */
export function parseLines(raw: unknown, limits: FloodLimits = DEFAULT_LIMITS): ConsoleLine[] | undefined {
  if (!Array.isArray(raw) || raw.length > limits.maxLinesPerBatch) return undefined
  const longest = maxLineText(limits)
  const out: ConsoleLine[] = []
  for (const l of raw) {
    if (!isObject(l)) continue
    const text = String(l.text ?? '')
    if (text.length > longest) return undefined
    out.push({
      level: LEVELS.has(l.level as string) ? l.level as LogLevel : 'log',
      text,
      t: count(l.t),
      depth: Math.min(count(l.depth), 20),
    })
  }
  return out
}

function parseDiagnostic(raw: unknown): Diagnostic {
  const d = isObject(raw) ? raw : {}
  return { message: String(d.message ?? 'Compile error').slice(0, MESSAGE_TEXT), line: count(d.line) || 1, column: count(d.column) || 1 }
}

/** Reads one message from the frame; anything malformed is `undefined`. */
export function parseFrameMessage(raw: unknown): FrameToDeck | undefined {
  if (!isObject(raw)) return undefined
  switch (raw.type) {
    case 'ready':
      return { type: 'ready' }
    case 'pong':
      return { type: 'pong', seq: count(raw.seq) }
    case 'busy':
    case 'free':
      return { type: raw.type }
    case 'rejected':
      return { type: 'rejected', worker: count(raw.worker), diagnostic: parseDiagnostic(raw.diagnostic), file: String(raw.file).slice(0, FILE_TEXT) }
    case 'compiled': {
      const r = isObject(raw.result) ? raw.result : {}
      const result: CompileResult = r.ok === true && typeof r.code === 'string' && isObject(r.modules)
        ? {
          ok: true,
          code: r.code,
          modules: Object.fromEntries(Object.entries(r.modules).map(([k, v]) => [k, String(v)])),
        }
        : { ok: false, diagnostic: parseDiagnostic(r.diagnostic), file: String(r.file ?? '').slice(0, FILE_TEXT) }
      return { type: 'compiled', request: count(raw.request), result }
    }
    case 'failed':
      return { type: 'failed', worker: count(raw.worker), message: String(raw.message).slice(0, MESSAGE_TEXT) }
    default:
      return undefined
  }
}
