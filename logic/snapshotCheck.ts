/**
 * Reads a demo snapshot that came from another window (BroadcastChannel) or
 * from the dev server: untrusted input, like the sandbox's messages. A
 * snapshot is taken only if every field has its type and stays within what
 * a real window ever sends (the bounds of ../runtime/limits.ts, which the
 * runtime applies to its own output); text is kept as text (the console and
 * the visualizer render it as text, never as HTML), and a console line
 * longer than the sandbox ever sends is refused, not cut again. Anything else
 * is refused with a reason, which the window says once in its console.
 */
import { CONSOLE_LINES, CONSOLE_TEXT, MAX_ACTIVITY, MAX_TRACE_EVENTS, MESSAGE_TEXT } from '../runtime/limits.ts'
import { parseSandboxMessage } from '../runtime/parse.ts'
import type { Diagnostic, TraceEvent } from '../runtime/protocol.ts'
import type { DemoSnapshot, RunSnapshot } from './demoSync.ts'

export const SNAPSHOT_LIMITS = {
  /** Longest code taken into an editor. */
  code: 200_000,
  /** Trace events: the recorder's and the thread timeline's, with room for their end notes. */
  events: MAX_TRACE_EVENTS + MAX_ACTIVITY + 2_000,
  diagnostics: 10,
  /** A diagnostic's message: the runtime reads no longer one from a sandbox. */
  text: MESSAGE_TEXT,
  /**
   * Largest message, in characters, parsed at all. A real snapshot stays far
   * below: CONSOLE_TEXT characters of console (runtime/limits.ts), the trace, the code.
   */
  message: 2 * 1024 * 1024,
}
/** The largest revision taken: far beyond any talk's writes, far below where +1 stops counting. */
export const MAX_REV = 2 ** 48
/** How far ahead of this window's clock a run may say it started (clocks of two devices differ). */
export const FUTURE_SLACK_MS = 60 * 60 * 1000

const STATUSES = new Set(['idle', 'running', 'done', 'error', 'timeout', 'stopped'])
const RUN_KEY = /^[0-9a-z]{10}-[0-9a-z]{1,32}$/
const WINDOW_ID = /^[0-9a-z]{1,32}$/
export const DEMO_ID = /^[a-z0-9][a-z0-9-]{0,63}$/

export type Checked<T> = { ok: true; value: T } | { ok: false; why: string }

const fail = (why: string): { ok: false; why: string } => ({ ok: false, why })
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isCount = (v: unknown, max: number): v is number => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= max
const shortText = (v: unknown): v is string => typeof v === 'string' && v.length <= SNAPSHOT_LIMITS.text

/** When a run key says its run started, in ms since the epoch. */
export const runStart = (key: string): number => parseInt(key.slice(0, 10), 36)

function checkRun(raw: unknown, now: number): Checked<RunSnapshot> {
  if (!isObject(raw)) return fail('run is not an object')
  const { key, code, trace, status, lines, dropped, events, diagnostics } = raw
  if (typeof key !== 'string' || !RUN_KEY.test(key)) return fail('run key malformed')
  if (runStart(key) > now + FUTURE_SLACK_MS) return fail('run from the future')
  if (typeof code !== 'string' || code.length > SNAPSHOT_LIMITS.code) return fail('run code missing or too long')
  if (typeof trace !== 'boolean') return fail('run trace flag not a boolean')
  if (typeof status !== 'string' || !STATUSES.has(status)) return fail('run status unknown')
  if (!Array.isArray(lines) || lines.length > CONSOLE_LINES) return fail(`run lines not a list of at most ${CONSOLE_LINES}`)
  if (!isCount(dropped, Number.MAX_SAFE_INTEGER)) return fail('run dropped count malformed')
  if (!Array.isArray(events) || events.length > SNAPSHOT_LIMITS.events) return fail(`run events not a list of at most ${SNAPSHOT_LIMITS.events}`)
  if (!Array.isArray(diagnostics) || diagnostics.length > SNAPSHOT_LIMITS.diagnostics) return fail('run diagnostics malformed')
  const outDiagnostics: Diagnostic[] = []
  for (const d of diagnostics) {
    if (!isObject(d) || !shortText(d.message) || !isCount(d.line, 1e6) || !isCount(d.column, 1e6)) return fail('a diagnostic malformed')
    outDiagnostics.push({ message: d.message, line: d.line, column: d.column })
  }
  // The sandbox's own readers: well-formed entries only; a line longer than the sandbox sends is refused.
  const readLines = parseSandboxMessage({ type: 'lines', lines, dropped: 0 })
  const readTrace = parseSandboxMessage({ type: 'trace', events })
  if (readLines?.type !== 'lines' || readLines.lines.length !== lines.length) return fail('a console line malformed or longer than the sandbox sends')
  // The runtime keeps at most CONSOLE_TEXT characters of console (console-tail.ts): a snapshot with more was not made by a window.
  if (readLines.lines.reduce((n, l) => n + l.text.length, 0) > CONSOLE_TEXT) return fail(`run lines over ${CONSOLE_TEXT.toLocaleString('en-US')} characters`)
  if (readTrace?.type !== 'trace' || readTrace.events.length !== events.length) return fail('a trace event malformed')
  return {
    ok: true,
    value: {
      key,
      code,
      trace,
      status: status as RunSnapshot['status'],
      lines: readLines.lines,
      dropped,
      events: readTrace.events as TraceEvent[],
      diagnostics: outDiagnostics,
    },
  }
}

/** A snapshot as another window sent it: taken whole, or refused with the reason. */
export function checkSnapshot(raw: unknown, now = Date.now()): Checked<DemoSnapshot> {
  if (!isObject(raw)) return fail('not an object')
  const { by, rev, code, cursor, step, zoom, run, stop, reset } = raw
  if (typeof by !== 'string' || !WINDOW_ID.test(by)) return fail('window id malformed')
  if (!isCount(rev, MAX_REV)) return fail(`revision not a whole number up to 2^48`)
  if (typeof code !== 'string' || code.length > SNAPSHOT_LIMITS.code) return fail('code missing or too long')
  if (cursor !== undefined && cursor !== null && !isCount(cursor, 1e6)) return fail('cursor malformed')
  if (step !== undefined && step !== null && !isCount(step, 1e6)) return fail('step malformed')
  if (zoom !== undefined && !(typeof zoom === 'number' && zoom > 0 && zoom <= 10)) return fail('zoom malformed')
  if (stop !== undefined && (typeof stop !== 'string' || !RUN_KEY.test(stop))) return fail('stop malformed')
  if (reset !== undefined && !isCount(reset, now + FUTURE_SLACK_MS)) return fail('reset malformed')
  const snap: DemoSnapshot = { by, rev, code }
  if (cursor !== undefined) snap.cursor = cursor as number | undefined
  if (step !== undefined) snap.step = step
  if (zoom !== undefined) snap.zoom = zoom
  if (stop !== undefined) snap.stop = stop
  if (reset !== undefined) snap.reset = reset
  if (run !== undefined && run !== null) {
    const r = checkRun(run, now)
    if (!r.ok) return r
    snap.run = r.value
  }
  return { ok: true, value: snap }
}

/** A message off the BroadcastChannel: JSON text, read only if short enough. */
export type ChannelMessage = { type: 'hello' } | { type: 'snapshot'; id: string; snap: DemoSnapshot }

export function readChannelMessage(data: unknown, knownIds: ReadonlySet<string>, now = Date.now()): Checked<ChannelMessage> {
  if (typeof data !== 'string') return fail('not text')
  if (data.length > SNAPSHOT_LIMITS.message) return fail(`${data.length.toLocaleString('en-US')} characters, over the limit`)
  let m: unknown
  try {
    m = JSON.parse(data)
  } catch {
    return fail('malformed JSON')
  }
  if (!isObject(m)) return fail('not an object')
  if (m.type === 'hello') return { ok: true, value: { type: 'hello' } }
  if (m.type !== 'snapshot') return fail('unknown message type')
  if (typeof m.id !== 'string' || !DEMO_ID.test(m.id) || !knownIds.has(m.id)) {
    return fail(`unknown demo id ${JSON.stringify(String(m.id).slice(0, 40))}`)
  }
  const snap = checkSnapshot(m.snap, now)
  return snap.ok ? { ok: true, value: { type: 'snapshot', id: m.id, snap: snap.value } } : snap
}

/** One line in this window's console per input refused (the same input is said once). */
const said = new Set<string>()
export function refused(what: string, why: string, key = `${what}:${why}`, warn = console.warn): void {
  if (said.has(key)) return
  if (said.size > 1_000) said.clear()
  said.add(key)
  warn(`[demo sync] ignored ${what}: ${why}`)
}
