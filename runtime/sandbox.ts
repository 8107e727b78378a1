/**
 * What every host of a demo shares, whether the code runs in a sandbox worker
 * (sandbox.worker.ts) or on the deck's own thread (main-thread.ts): the
 * console, batched and bounded at the source; the timers, tracked so the run
 * knows when nothing is pending; uncaught errors pointing at the user's
 * lines; and the latch that ends a run exactly once.
 *
 * A host gives it `send`, and everything it reports is a `SandboxMessage`
 * (protocol.ts), so the deck reads every host the same way.
 */
import { createConsole } from './capture.ts'
import { createStackMapper, userPosition } from './execute.ts'
import { formatValue, truncate } from './format.ts'
import { createTracker, type TimerOriginals, type Tracker } from './pending.ts'
import { type FloodLimits, maxLineText, THREADS_FLUSH_MS } from './limits.ts'
import type { ConsoleLine, LogLevel, SandboxMessage, ThreadInfo } from './protocol.ts'
import { type Activity, createActivity, createTimeline } from './thread-activity.ts'
import { createRecorder, type Recorder } from './trace.ts'

export interface SandboxOptions {
  send(message: SandboxMessage): void
  limits: FloodLimits
  /** The main program's file name; errors there get an editor position. */
  file: string
  /** Every file user code runs from (main first), for stacks. */
  files: readonly string[]
  /** The host's own timers, captured before user code can replace them. */
  timers: TimerOriginals
  /** Milliseconds since the run started. */
  now(): number
  /** A demo's own nested worker: errors are reported but end nothing, and idle is not the end. */
  nested?: boolean
  /** Record the event loop's trace (trace.ts) and send it with the lines. */
  trace?: boolean
  /**
   * Note this thread's activity for the thread timeline (thread-activity.ts):
   * who it is, its own `performance.now` and `timeOrigin`, and the probe
   * that calls `activity.idle()` in a task of its own. The main thread
   * joins every thread's notes into trace events; a worker sends its notes
   * up as `activity` messages.
   */
  threads?: { info: ThreadInfo; now(): number; timeOrigin: number; probe(): void }
}

export interface Sandbox {
  /** The `console` user code gets. */
  console: ReturnType<typeof createConsole>
  /** Tracked timer functions for user code. */
  timers: Tracker['timers']
  /** Keeps the run alive (a nested worker) until the returned function is called. */
  hold: Tracker['hold']
  /** Schedules a check for "nothing pending". */
  check(): void
  /** A line from the runner itself. */
  system(text: string, level?: LogLevel): void
  /** Writes a line as if user code had logged it (a nested worker's output). */
  forward(line: ConsoleLine): void
  /** An uncaught error: reported, and (except in a nested worker) the end of the run. */
  reportError(error: unknown, prefix?: string): void
  /** Ends the run with `message` after the last lines; later calls do nothing. */
  end(message: SandboxMessage): void
  /** Sends buffered lines now. */
  flush(): void
  readonly ended: boolean
  /** Cancels the demo's timers (main-thread stop; a worker is simply terminated). */
  dispose(): void
  /** The trace recorder, when the run is traced. */
  recorder?: Recorder
  /** This thread's activity, when the run is traced. */
  activity?: Activity
}

export function createSandbox(opts: SandboxOptions): Sandbox {
  const { send, limits, now, nested = false } = opts
  const mapStack = createStackMapper(opts.files)
  const orig = opts.timers
  let ended = false

  // ---- console lines: bounded where they are made ----
  // At most 2 × maxLinesPerBatch line objects are held at any time; older
  // ones are only counted. A batch leaves at most every flushMs, or every
  // floodFlushMs after a batch of floodLines or more, so a million logs
  // become a few dozen messages of at most maxLinesPerBatch lines each.
  let buffer: ConsoleLine[] = []
  let dropped = 0
  let flooding = false
  let unsettled = 0
  let lastFlush = -Infinity
  let flushTimer: ReturnType<typeof setTimeout> | undefined
  const interval = () => (flooding ? limits.floodFlushMs : limits.flushMs)
  // A line's text is at most maxLineText long once it leaves: the deck's
  // reader refuses a longer one (parse.ts).
  const longest = maxLineText(limits)
  const cut = (text: string) => (text.length > longest ? truncate(text, limits.maxLineLength) : text)

  // The thread timeline changes with every message a worker pool sends:
  // its news leaves at most every THREADS_FLUSH_MS, on a timer of its own,
  // even while lines and the event-loop trace leave every 16 ms. (Each one
  // makes the deck redraw the timeline, on a thread that a CPU-bound pool
  // needs: see ../composables/useRunTrace.ts for the figures.)
  let threadsTimer: ReturnType<typeof setTimeout> | undefined
  let lastThreads = -Infinity

  /** `final`: the run ends, and the timeline closes what is still open. `threadsDue`: the timeline's news goes too. */
  const flush = (final = false, threadsDue = false) => {
    if (flushTimer !== undefined) orig.clearTimeout(flushTimer)
    flushTimer = undefined
    // Trace events first: a line's step comes before or with the line itself.
    const events = recorder?.take() ?? []
    if (timeline && (final || threadsDue || now() - lastThreads >= THREADS_FLUSH_MS)) {
      if (threadsTimer !== undefined) orig.clearTimeout(threadsTimer)
      threadsTimer = undefined
      const threads = timeline.take(final, activity!.clock())
      if (threads.length) {
        events.push(...threads)
        lastThreads = now()
      }
    }
    if (events.length) send({ type: 'trace', events })
    if (!buffer.length && !dropped) return
    if (buffer.length > limits.maxLinesPerBatch) {
      dropped += buffer.length - limits.maxLinesPerBatch
      buffer = buffer.slice(-limits.maxLinesPerBatch)
    }
    // A promise's line gets its final text one microtask after it was logged.
    for (const l of buffer) l.text = cut(l.text)
    flooding = buffer.length + dropped >= limits.floodLines
    lastFlush = now()
    send({ type: 'lines', lines: buffer, dropped })
    buffer = []
    dropped = 0
  }

  const schedule = () => {
    const wait = interval() - (now() - lastFlush)
    if (flushTimer === undefined) flushTimer = orig.setTimeout(() => flush(), Math.max(0, wait))
  }
  const scheduleThreads = () => {
    const wait = THREADS_FLUSH_MS - (now() - lastThreads)
    if (threadsTimer !== undefined) return
    threadsTimer = orig.setTimeout(() => {
      threadsTimer = undefined
      flush(false, true)
    }, Math.max(0, wait))
  }
  const recorder = opts.trace ? createRecorder({ now, notify: () => !ended && schedule() }) : undefined
  const threads = opts.threads
  const timeline = threads && !nested ? createTimeline({ notify: () => !ended && scheduleThreads() }) : undefined
  const activity = threads
    ? createActivity({
      ...threads,
      report: timeline ? (notes) => timeline.add(notes) : (notes) => send({ type: 'activity', notes }),
    })
    : undefined

  const emit = (line: ConsoleLine) => {
    if (ended && !nested) return
    recorder?.log(line)
    // The formatter already stops near the limit (and says how much it left
    // out); a line over it was cut, and the console says so.
    if (line.text.length > limits.maxLineLength) {
      line.text = cut(line.text)
      const note: ConsoleLine = {
        level: 'system',
        text: `That line was longer than ${limits.maxLineLength.toLocaleString('en-US')} characters, so it was cut`,
        t: line.t,
        depth: line.depth,
      }
      recorder?.log(note)
      buffer.push(line, note)
    } else buffer.push(line)
    if (buffer.length >= limits.maxLinesPerBatch * 2) {
      dropped += buffer.length - limits.maxLinesPerBatch
      buffer = buffer.slice(-limits.maxLinesPerBatch)
    }
    // Post at once when a batch interval has passed, even mid-loop, so output
    // shows while a busy demo is still running; otherwise wait for it.
    const wait = interval() - (now() - lastFlush)
    if (!unsettled && wait <= 0) flush()
    else if (flushTimer === undefined) flushTimer = orig.setTimeout(() => flush(), Math.max(0, wait))
  }

  const system = (text: string, level: LogLevel = 'system') => emit({ level, text, t: now(), depth: 0 })

  // ---- ending ----
  const end = (message: SandboxMessage) => {
    if (ended) return
    // With the timeline's news due, the flush also clears its timer.
    flush(!nested, true)
    send(message)
    if (nested) return
    ended = true
    tracker.dispose()
  }

  const reportError = (error: unknown, prefix = 'Uncaught') => {
    if (ended) return
    const text = `${prefix} ${formatValue(error, { mapStack })}`
    system(text, 'error')
    if (nested) {
      // Like a browser worker: the error is reported, the worker lives on.
      flush()
      send({ type: 'error' })
      return
    }
    const stack = error instanceof Error ? String(error.stack) : ''
    const pos = userPosition(stack, opts.files)
    // The error's one-line message travels as data, for the editor's marker.
    const at = pos && pos.file === opts.file ? { line: pos.line, column: pos.column } : undefined
    end({ type: 'error', at, message: text.split('\n')[0] })
  }

  const tracker = createTracker(orig, {
    observe: recorder?.timers,
    onTask: activity && (() => activity.start('timer')),
    onError: (e) => reportError(e),
    onIdle: () => {
      if (!nested) end({ type: 'done' })
    },
  })

  // A line whose text is filled one microtask later (it logged a Promise)
  // holds eager flushing back; the timer flush after microtasks is safe.
  const console = createConsole({
    emit: (line, final) => {
      if (!final) unsettled++
      emit(line)
    },
    settled: () => void unsettled--,
    now,
    mapStack,
  })

  return {
    console,
    timers: tracker.timers,
    hold: tracker.hold,
    check: tracker.check,
    system,
    forward: (line) => emit({ ...line, t: now() }),
    reportError,
    end,
    flush: () => flush(),
    get ended() {
      return ended
    },
    recorder,
    activity,
    dispose() {
      ended = true
      tracker.dispose()
      if (flushTimer !== undefined) orig.clearTimeout(flushTimer)
      if (threadsTimer !== undefined) orig.clearTimeout(threadsTimer)
      flushTimer = threadsTimer = undefined
    },
  }
}
