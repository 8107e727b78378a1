/**
 * Lays out the thread timeline from a run's trace (runtime/thread-activity.ts
 * records it): one lane per thread, the sandbox's main thread first and then
 * each worker in the order they started, with the stretches of busy time as
 * spans and the gaps between them idle; every message between threads as an
 * arrow from when it was posted to when its handler started; and, when the
 * main thread waited on timers or the fake network, a `host` lane with one
 * span per wait (from `setTimeout` to its callback), stacked in rows where
 * the waits overlap: a waterfall.
 *
 * Times are ms since the run started, on one clock for every thread.
 */
import type { SpanWhat, TraceEvent } from '../runtime/protocol.ts'

export type SpanKind = SpanWhat | 'wait'

export interface TimelineSpan {
  key: string
  start: number
  end: number
  kind: SpanKind
  /** Short text for the bar: `start-up`, `2 tasks`, `request 500 ms`. */
  label: string
  /** What the bar may say, longest first: the view shows the first that fits. */
  texts: string[]
  /** The whole story, for a tooltip or a screen reader. */
  title: string
  /** Row within its lane (waits that overlap take rows of their own). */
  row: number
  /** Still pending when the trace ends (a wait not over yet). */
  open?: boolean
}

export interface TimelineLane {
  /** `main`, `worker-1`, …, or `host`. */
  id: string
  label: string
  /** A second line: busy time, or what the lane holds. */
  note: string
  rows: number
  spans: TimelineSpan[]
  /** ms the thread was busy, start-up not counted. */
  busy: number
  /** When the worker was started and when it ended, if it did. */
  from: number
  to?: number
}

export interface TimelineArrow {
  key: string
  from: string
  to: string
  sent: number
  /** When its handler started; absent: never handled. */
  received?: number
  title: string
}

export interface TimelineLayout {
  lanes: TimelineLane[]
  arrows: TimelineArrow[]
  /** The time the axis runs to, in ms: the end of the last thing recorded. */
  duration: number
  /** Axis ticks, in ms, none past `duration`. */
  ticks: number[]
  /** Set when the timeline stopped recording: the most spans and messages kept. */
  capped?: number
}

/** Most rows the host lane stacks; more overlapping waits share the last one. */
export const MAX_HOST_ROWS = 6

const fmt = (ms: number) => `${ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en-US')} ms`
const threadLabel = (id: string) => (id === 'main' ? 'main' : id.replace(/^worker-/, 'worker '))
const WHAT: Record<SpanWhat, string> = {
  startup: 'starting: from new Worker() to its script running',
  script: 'running its script',
  timer: 'running a timer callback',
  message: 'handling a message',
}

export function layoutTimeline(events: readonly TraceEvent[]): TimelineLayout {
  const lanes = new Map<string, TimelineLane>()
  const arrows: TimelineArrow[] = []
  let duration = 0
  let capped: number | undefined
  const lane = (id: string): TimelineLane => {
    let l = lanes.get(id)
    if (!l) {
      l = { id, label: threadLabel(id), note: '', rows: 1, spans: [], busy: 0, from: id === 'main' ? 0 : Infinity }
      lanes.set(id, l)
    }
    return l
  }
  lane('main')

  // The host lane: the main thread's timers, from being set to their callback running.
  const timers = new Map<number, { label: string; start: number; ms: number; repeat: boolean }>()
  const waits: Omit<TimelineSpan, 'row'>[] = []
  /** Each wait's timer id: timers are numbered as they are set, so it is the order they were issued in. */
  const issued = new Map<Omit<TimelineSpan, 'row'>, number>()
  const addWait = (id: number, wait: Omit<TimelineSpan, 'row'>) => {
    issued.set(wait, id)
    waits.push(wait)
  }
  const endWait = (id: number, t: number, how: 'ran' | 'cleared') => {
    const w = timers.get(id)
    if (!w) return
    const label = waitLabel(w.label, w.ms)
    addWait(id, {
      key: `wait:${id}:${w.start}`,
      start: w.start,
      end: t,
      kind: 'wait',
      label: how === 'cleared' ? `${label}, cancelled` : label,
      texts: how === 'cleared' ? [`${label}, cancelled`, 'cancelled'] : [label, `${w.ms} ms`],
      title: `${w.label}: waited from ${fmt(w.start)} to ${fmt(t)}${how === 'cleared' ? ', then cancelled' : ''}`,
    })
    if (w.repeat && how === 'ran') timers.set(id, { ...w, start: t })
    else timers.delete(id)
  }

  let n = 0
  for (const e of events) {
    duration = Math.max(duration, e.t)
    switch (e.k) {
      case 'span': {
        const l = lane(e.thread)
        const length = e.end - e.start
        if (e.what === 'startup') l.from = Math.min(l.from, e.start)
        else {
          l.busy += length
          l.from = Math.min(l.from, e.start)
        }
        const label = e.what === 'startup' ? 'start-up' : e.tasks > 1 ? `${e.tasks} tasks` : e.what
        const took = fmt(length)
        const more = e.tasks > 1 ? `, then ${e.tasks - 1} more task${e.tasks > 2 ? 's' : ''} queued meanwhile` : ''
        l.spans.push({
          key: `span:${n++}`,
          start: e.start,
          end: e.end,
          kind: e.what,
          label,
          texts: [`${label} ${took}`, took],
          title: `${l.label}: ${WHAT[e.what]}${more}, ${fmt(e.start)} to ${fmt(e.end)} (${took})`,
          row: 0,
        })
        duration = Math.max(duration, e.end)
        break
      }
      case 'message': {
        lane(e.from)
        lane(e.to)
        const handled = e.received === undefined ? 'never handled' : `handled from ${fmt(e.received)}`
        arrows.push({
          key: `msg:${n++}`,
          from: e.from,
          to: e.to,
          sent: e.sent,
          received: e.received,
          title: `message ${threadLabel(e.from)} → ${threadLabel(e.to)}: posted at ${fmt(e.sent)}, ${handled}`,
        })
        duration = Math.max(duration, e.received ?? e.sent)
        break
      }
      case 'ended':
        lane(e.thread).to = e.t
        break
      case 'timeline-cap':
        capped ??= e.max
        break
      case 'timer':
        timers.set(e.id, { label: e.label, start: e.t, ms: e.ms, repeat: e.repeat })
        break
      case 'clear':
        endWait(e.id, e.t, 'cleared')
        break
      case 'enter':
      case 'run': {
        const via = e.k === 'run' ? e : e.via
        // A task's id may also be a message's: a timer's callback runs under the timer's own label.
        if (via?.q === 'task' && timers.get(via.id)?.label === via.label) endWait(via.id, e.t, 'ran')
        break
      }
    }
  }
  // Waits still pending run to the end of what was recorded.
  for (const [id, w] of timers) {
    addWait(id, {
      key: `wait:${id}:${w.start}`,
      start: w.start,
      end: Math.max(w.start, duration),
      kind: 'wait',
      label: waitLabel(w.label, w.ms),
      texts: [waitLabel(w.label, w.ms)],
      title: `${w.label}: waiting since ${fmt(w.start)}`,
      open: true,
    })
  }

  const ordered = [...lanes.values()].sort((a, b) =>
    a.id === 'main' ? -1 : b.id === 'main' ? 1 : a.from - b.from || a.id.localeCompare(b.id, 'en', { numeric: true })
  )
  for (const l of ordered) {
    l.spans.sort((a, b) => a.start - b.start)
    if (!Number.isFinite(l.from)) l.from = 0
    const startup = l.spans.find((s) => s.kind === 'startup')
    l.note = `${startup ? `start-up ${fmt(startup.end - startup.start)} · ` : ''}busy ${fmt(l.busy)}`
  }
  if (waits.length) {
    const host: TimelineLane = {
      id: 'host',
      label: 'host',
      note: 'timers, network',
      rows: 1,
      // Waits set on the same tick (a Promise.all's requests) keep the order they were issued in.
      spans: stack(waits.sort((a, b) => a.start - b.start || issued.get(a)! - issued.get(b)!)),
      busy: 0,
      from: 0,
    }
    host.rows = Math.max(1, ...host.spans.map((s) => s.row + 1))
    ordered.push(host)
  }
  return { lanes: ordered, arrows, duration, ticks: ticks(duration).filter((t) => t <= duration), capped }
}

/** First free row for each span, in start order (at most MAX_HOST_ROWS rows). */
function stack(spans: Omit<TimelineSpan, 'row'>[]): TimelineSpan[] {
  const rowEnds: number[] = []
  return spans.map((s) => {
    let row = rowEnds.findIndex((end) => end <= s.start)
    if (row === -1) row = rowEnds.length < MAX_HOST_ROWS ? rowEnds.length : MAX_HOST_ROWS - 1
    rowEnds[row] = Math.max(rowEnds[row] ?? 0, s.end)
    return { ...s, row }
  })
}

/** `request 500 ms` for the fake network, `sleep 500 ms` for the toolkit's sleep, else the timer. */
function waitLabel(label: string, ms: number): string {
  if (label.startsWith('network request')) return `request ${ms} ms`
  if (/ in sleep\(\)$/.test(label)) return `sleep ${ms} ms`
  return label.split(',')[0]
}

/** Round axis ticks (1, 2 or 5 × 10ⁿ ms apart), about five of them, from 0 to past `duration`. */
export function ticks(duration: number): number[] {
  const span = Math.max(duration, 1)
  const raw = span / 5
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw
  const out: number[] = []
  for (let i = 0; i === 0 || out[i - 1] < span; i++) out.push(Math.round(i * step * 1000) / 1000)
  return out
}
