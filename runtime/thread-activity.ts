/**
 * Thread activity, for the thread timeline: when each thread of a traced run
 * was busy, and every message between threads, on one clock.
 *
 * Every thread of a run (the sandbox's main thread, and each of a demo's own
 * workers, which run as copies of the sandbox) has an `Activity` that notes:
 * - a task starting: the script, a timer's callback, a message event. A
 *   span of busy time opens then, if none is open;
 * - the thread being free again. When a span opens, a probe message is
 *   posted on a private port; its task can only run once the current task
 *   and its microtasks are over, so it closes the span then. A task that
 *   was already queued runs first and joins the span (`tasks` counts them):
 *   the thread never went idle in between;
 * - a message posted to another thread (noted before it leaves), and one
 *   being handled (its first listener, the sandbox's own, runs before the
 *   program's). Both ends number the messages between two threads, so the
 *   n-th one sent is the n-th one handled.
 *
 * Times are `performance.timeOrigin + performance.now()` minus the run's
 * start on the main thread (`ThreadInfo.origin`), so every thread's notes
 * share one origin. Nothing here adds a promise or a microtask, so the
 * program's order is untouched; the probe is one extra task per stretch of
 * busy time, on a port the program cannot see.
 *
 * A worker passes its notes up at once (`report`), so a worker terminated
 * right after answering has told its parent already. The main thread joins
 * all notes into trace events (`createTimeline`): `span`, `message`, `ended`.
 */
import type { ActivityNote, SpanWhat, ThreadInfo, TraceEvent } from './protocol.ts'
import { MAX_ACTIVITY } from './limits.ts'

export interface Activity {
  /** Who this thread is: its name, its parent, the run's origin. */
  readonly info: ThreadInfo
  readonly thread: string
  /** ms on the run's clock, now. */
  clock(): number
  /** The thread's own start: its start-up span (a worker) and its script. */
  begin(): void
  /** A task of the program starts now (or at `t`, read just before). */
  start(what: SpanWhat, t?: number): void
  /** The probe ran: the thread is free. */
  idle(): void
  /**
   * Posts a message to `to` with `post`, noted first: a worker may be
   * terminated the moment its parent has its answer, so the note must not
   * wait until after. A post that throws (an uncloneable value) is unnoted.
   */
  send(to: string, post: () => void): void
  /** A message from `from` is being handled now: a task starts. */
  received(from: string): void
  /** Thread `thread`, a worker this one started, ended now. */
  ended(thread: string): void
  /** Notes from a worker this one started (and its own workers). */
  forward(notes: readonly ActivityNote[]): void
}

export interface ActivityOptions {
  info: ThreadInfo
  /** This thread's `performance.now` and `performance.timeOrigin`, captured before user code runs. */
  now(): number
  timeOrigin: number
  /** Where notes go: the main thread's timeline, or a worker's parent. */
  report(notes: ActivityNote[]): void
  /** Posts the probe: `idle()` must run in a task of its own. */
  probe(): void
  max?: number
}

/** The name of the `id`-th worker started by `parent`: `worker-3`, or `worker-3.1` for a worker's own. */
export function childThread(parent: string, id: number): string {
  return parent === 'main' ? `worker-${id}` : `${parent}.${id}`
}

export function createActivity(opts: ActivityOptions): Activity {
  const { info, now, report, probe } = opts
  const max = opts.max ?? MAX_ACTIVITY
  const thread = info.thread
  // One subtraction of two large numbers, once: the clock keeps now()'s precision.
  const base = opts.timeOrigin - info.origin
  const clock = () => Math.round((base + now()) * 100) / 100
  let notes = 0
  let open: { tasks: number } | undefined
  let probing = false
  const sentCount = new Map<string, number>()
  const receivedCount = new Map<string, number>()

  const note = (n: ActivityNote): boolean => {
    if (notes > max) return false
    if (notes++ === max) {
      // Stop noting, but leave no span open behind: it would look busy to the end.
      const out: ActivityNote[] = [{ a: 'cap', thread, t: n.t, max }]
      if (open) out.unshift({ a: 'close', thread, t: n.t, tasks: open.tasks })
      open = undefined
      report(out)
      return false
    }
    report([n])
    return true
  }
  const next = (counts: Map<string, number>, peer: string) => {
    const n = (counts.get(peer) ?? 0) + 1
    counts.set(peer, n)
    return n
  }

  const activity: Activity = {
    info,
    thread,
    clock,
    begin() {
      if (info.created !== undefined) {
        const t = clock()
        note({ a: 'open', thread, t: info.created, what: 'startup' })
        note({ a: 'close', thread, t, tasks: 0 })
      }
      activity.start('script')
    },
    start(what, t = clock()) {
      if (open) {
        open.tasks++
        return
      }
      if (!note({ a: 'open', thread, t, what })) return
      open = { tasks: 1 }
      if (!probing) {
        probing = true
        probe()
      }
    },
    idle() {
      probing = false
      if (!open) return
      const tasks = open.tasks
      open = undefined
      note({ a: 'close', thread, t: clock(), tasks })
    },
    send(to, post) {
      const n = next(sentCount, to)
      note({ a: 'sent', from: thread, to, n, t: clock() })
      try {
        post()
      } catch (e) {
        // Never sent: the next message takes its number, and its note replaces this one.
        sentCount.set(to, n - 1)
        throw e
      }
    },
    received(from) {
      const t = clock()
      // Numbered even past the cap's check, so later numbers would still match.
      const n = next(receivedCount, from)
      activity.start('message', t)
      note({ a: 'received', from, to: thread, n, t })
    },
    ended(child) {
      note({ a: 'ended', thread: child, t: clock() })
    },
    forward(list) {
      report(list.slice())
    },
  }
  return activity
}

/** Joins every thread's notes into the trace's timeline events; on the sandbox's main thread only. */
export interface Timeline {
  add(notes: readonly ActivityNote[]): void
  /**
   * The events completed since the last call. `final` (the run ends at
   * `now`): spans still open close, at their thread's end if it ended, and
   * messages never handled come out without `received`.
   */
  take(final?: boolean, now?: number): TraceEvent[]
}

export function createTimeline(opts: { notify(): void; max?: number }): Timeline {
  const max = opts.max ?? MAX_ACTIVITY
  let out: TraceEvent[] = []
  let kept = 0
  let capped = false
  let thinned = false
  const open = new Map<string, { start: number; what: SpanWhat }>()
  const endedAt = new Map<string, number>()
  const halves = new Map<string, ActivityNote & { a: 'sent' | 'received' }>()

  const push = (e: TraceEvent) => {
    out.push(e)
    if (out.length === 1) opts.notify()
  }
  const emit = (e: TraceEvent) => {
    if (capped) return
    if (kept++ < max) return push(e)
    capped = true
    push({ k: 'timeline-cap', t: e.t, max })
  }
  /** A thread and every worker under it. */
  const within = (thread: string, ancestor: string) => thread === ancestor || thread.startsWith(`${ancestor}.`)

  const timeline: Timeline = {
    add(notes) {
      for (const n of notes) {
        switch (n.a) {
          case 'open':
            open.set(n.thread, { start: n.t, what: n.what })
            break
          case 'close': {
            const o = open.get(n.thread)
            if (!o) break
            open.delete(n.thread)
            emit({ k: 'span', t: n.t, thread: n.thread, start: o.start, end: Math.max(o.start, n.t), what: o.what, tasks: n.tasks })
            break
          }
          case 'sent':
          case 'received': {
            const key = `${n.from}>${n.to}#${n.n}`
            const other = halves.get(key)
            if (!other || other.a === n.a) {
              halves.set(key, n)
              break
            }
            halves.delete(key)
            const [sent, received] = n.a === 'sent' ? [n, other] : [other, n]
            emit({ k: 'message', t: Math.max(sent.t, received.t), from: n.from, to: n.to, sent: sent.t, received: received.t })
            break
          }
          case 'ended':
            // Its last `close` may still be on its way: the span closes at the end of the run.
            for (const [thread] of open) if (within(thread, n.thread) && !endedAt.has(thread)) endedAt.set(thread, n.t)
            endedAt.set(n.thread, n.t)
            emit({ k: 'ended', t: n.t, thread: n.thread })
            break
          case 'cap':
            // One thread stopped noting: the timeline says so once, and goes on with the others.
            if (!thinned && !capped) push({ k: 'timeline-cap', t: n.t, max: n.max })
            thinned = true
            break
        }
      }
    },
    take(final = false, now = 0) {
      if (final) {
        for (const [thread, o] of open) {
          const end = endedAt.get(thread) ?? now
          emit({ k: 'span', t: end, thread, start: o.start, end: Math.max(o.start, end), what: o.what, tasks: 1 })
        }
        open.clear()
        for (const h of halves.values()) {
          if (h.a === 'sent') emit({ k: 'message', t: h.t, from: h.from, to: h.to, sent: h.t })
        }
        halves.clear()
      }
      const taken = out
      out = []
      return taken
    },
  }
  return timeline
}
