/**
 * One live demo's state and actions: its code (kept per demo, restorable,
 * shareable), its run status and its console. The runner itself lives in
 * ../runtime/run.ts and is loaded on first need, in its own chunk
 * (../logic/runtimeLoader.ts).
 *
 * A run reaches this window as the runtime's event stream
 * (../runtime/events.ts), whatever the language; `apply` turns each event
 * into the refs the components show, and hands the same events on to
 * listeners (sync) and to `record` (print). Another window's run is shown by
 * replaying its events through the same `apply`.
 *
 * Rules the UI promises (see ../shared/CONTRACT.md):
 * - editing never runs; Run does, and a new run stops the old one first;
 * - Stop, a re-run and leaving the slide end a run as `stopped`;
 * - Reset brings back the original code and forgets the kept edit.
 */
import { type MaybeRefOrGetter, onScopeDispose, shallowRef, toValue, watch } from 'vue'
import type { Diagnostic, EndStatus, Lang, RunEvent, RunHandle, RunStatus } from '../runtime/run.ts'
import { numbered, type RunEventBody } from '../runtime/events.ts'
import { langOfFile } from '../runtime/hosts.ts'
import { useConsoleLines } from './useConsoleLines.ts'
import { useRunTrace } from './useRunTrace.ts'
import { demoSource } from '../logic/demoSources.ts'
import { type DemoStorage, demoStorage } from '../logic/demoStorage.ts'
import { readSharedCode } from '../logic/shareLink.ts'
import { loadedRuntime, loadRuntime, type Runtime } from '../logic/runtimeLoader.ts'

export interface LiveDemoOptions {
  id: string
  /** File name in demos/. */
  src: MaybeRefOrGetter<string>
  /** Time limit of a run in ms; the runtime's default (runtime/limits.ts) when unset. */
  timeout?: MaybeRefOrGetter<number | undefined>
  /** Longest the code may keep its thread without yielding, in ms; the runtime's default when unset. */
  blockLimit?: MaybeRefOrGetter<number | undefined>
  /** Ask for main-thread mode; the runtime refuses it except for its allowlisted demos. */
  mainThread?: MaybeRefOrGetter<boolean>
  /** Record the event loop's trace for the visualizer. */
  trace?: MaybeRefOrGetter<boolean>
  /** The code's language; default from `src`'s extension. */
  lang?: MaybeRefOrGetter<Lang | undefined>
  /** Injected for tests. */
  storage?: DemoStorage
  /** The page address to read a share link from. */
  search?: string
}

export function useLiveDemo(options: LiveDemoOptions) {
  const { id, src, timeout, blockLimit, mainThread = false, trace: traced = false } = options
  const lang = () => toValue(options.lang) ?? langOfFile(toValue(src))
  const storage = options.storage ?? demoStorage(id)
  const console = useConsoleLines()
  const original = () => demoSource(toValue(src))

  const code = shallowRef(storage.load() ?? original())
  const status = shallowRef<RunStatus>('idle')
  /** Where the last run failed in the user's code, for editor markers. */
  const diagnostics = shallowRef<Diagnostic[]>([])
  /** The current run's trace, for the visualizer and the timeline (redrawn at most every TRACE_VIEW_MS while it runs). */
  const runTrace = useRunTrace()
  const trace = runTrace.trace

  // A share link for this demo replaces the code (and is kept), but never runs.
  const shared = readSharedCode(id, options.search)
  if (shared?.kind === 'code') code.value = shared.code
  else if (shared?.kind === 'unreadable') console.note(shared.message)

  watch(code, (value) => {
    diagnostics.value = []
    if (value === original()) storage.clear()
    else storage.save(value)
  })
  if (shared?.kind === 'code') storage.save(shared.code)

  let handle: RunHandle | undefined
  /** Bumped for every run; events of older runs are ignored. */
  let runId = 0
  /** The next `seq` expected of the current run: an event already passed is dropped. */
  let nextSeq = 0
  /** A run of this window waiting for the runner to load (it has no handle yet). */
  let loadingRun: number | undefined
  const listeners = new Set<(e: RunEvent) => void>()

  /** A run is asked for: the view shows it running at once, before its first event. */
  function begin() {
    console.clear()
    diagnostics.value = []
    runTrace.clear()
    status.value = 'running'
  }

  /**
   * Every change a run makes goes through here, as one event of its stream:
   * this window's own runs, and runs replayed from another window.
   */
  function apply(run: number, e: RunEvent, notify = true) {
    if (run !== runId || e.seq < nextSeq) return
    nextSeq = e.seq + 1
    switch (e.type) {
      case 'started':
        begin()
        break
      case 'lines':
        console.show(e.lines, e.dropped)
        break
      case 'trace':
        runTrace.add(e.events)
        break
      case 'diagnostic':
        diagnostics.value = [e.diagnostic]
        break
      case 'end':
        // The last lines and steps go on screen before the status says so.
        console.flush()
        runTrace.flush()
        status.value = e.status
        break
    }
    if (notify) for (const l of listeners) l(e)
  }

  /** How many runs this window itself started (windows in sync replay the others' runs). */
  const runsHere = shallowRef(0)

  function start(rt: Runtime, mine: number, timeoutMs: number | undefined): Promise<EndStatus> {
    runsHere.value++
    nextSeq = 0
    const started = rt.startRun({
      code: code.value,
      lang: lang(),
      src: toValue(src),
      original: original(),
      timeoutMs,
      blockLimitMs: toValue(blockLimit),
      mode: toValue(mainThread) ? 'main-thread' : 'worker',
      demoId: id,
      // The runtime records a trace only where it can (TypeScript in a worker), and says so in `started`.
      trace: toValue(traced),
    }, (e) => apply(mine, e))
    handle = started
    return started.finished
  }

  /**
   * Runs the editor's code, stopping a run still going. Resolves with how the
   * run ended (print waits on it); the UI itself follows `status`.
   */
  function run(opts: { timeoutMs?: number } = {}): Promise<EndStatus> {
    const mine = ++runId
    const limit = opts.timeoutMs ?? toValue(timeout)
    handle?.stop()
    handle = undefined
    // Warm path: the runner is loaded, start in this very event.
    const runtime = loadedRuntime()
    if (runtime) return start(runtime, mine, limit)
    begin()
    loadingRun = mine
    return loadRuntime().then(
      (rt) => (mine === runId ? start(rt, mine, limit) : 'stopped'),
      (error) => {
        if (mine !== runId) return 'stopped'
        endUnstarted(mine, `The demo runner could not be loaded: ${String(error)}`, 'error', 'error')
        return 'error'
      },
    )
  }

  /**
   * A run the runtime never started (it could not load, or Stop came first)
   * still reaches listeners as a whole stream: started, its one line, end.
   */
  function endUnstarted(mine: number, text: string, level: 'system' | 'error', status: EndStatus) {
    const emit = numbered((e) => apply(mine, e))
    nextSeq = 0
    const body: RunEventBody[] = [
      { type: 'started', code: code.value, lang: lang(), trace: false },
      { type: 'lines', lines: [{ level, text, t: 0, depth: 0 }], dropped: 0 },
      { type: 'end', status },
    ]
    for (const b of body) emit(b)
  }

  /**
   * Stops this window's run; says so in the console. Does nothing when
   * nothing runs here: a run replayed from another window is that window's
   * to stop (it ends there when its slide is left, and the end replays here).
   */
  function stop() {
    if (status.value !== 'running') return
    if (handle) return handle.stop()
    if (loadingRun !== runId) return
    // Stopped while the runner was still loading.
    endUnstarted(runId, 'Stopped', 'system', 'stopped')
    runId++
  }

  function reset() {
    stop()
    runId++
    handle = undefined
    code.value = original()
    storage.clear()
    console.clear()
    diagnostics.value = []
    runTrace.clear()
    status.value = 'idle'
  }

  /**
   * Shows a run that happened elsewhere (another copy of this demo, another
   * window) by replaying its stream; nothing runs here, and listeners do not
   * hear it (it is not this window's run). A local run still going is
   * dropped without a word: the replayed one replaces it.
   */
  function replay(events: readonly RunEvent[]) {
    const old = handle
    handle = undefined
    const mine = ++runId
    old?.stop()
    nextSeq = 0
    for (const e of events) apply(mine, e, false)
  }

  /** Whether a run of this window is going (not a replayed one). */
  const runningHere = () => handle !== undefined && status.value === 'running'

  /** Runs once and records the run's stream, for `replay` elsewhere. */
  async function record(opts: { timeoutMs?: number } = {}): Promise<RunEvent[]> {
    const events: RunEvent[] = []
    const off = onRunEvent((e) => events.push(e))
    try {
      await run(opts)
    } finally {
      off()
    }
    return events
  }

  function onRunEvent(listener: (e: RunEvent) => void) {
    listeners.add(listener)
    return () => void listeners.delete(listener)
  }

  /** Loads another demo file into the editor (the playground's starters). */
  function load(file: string) {
    stop()
    code.value = demoSource(file)
  }

  onScopeDispose(() => {
    runId++
    handle?.stop()
  })

  return {
    code,
    status,
    /** The code's language: `typescript`, `python` or `go`. */
    lang,
    diagnostics,
    lines: console.lines,
    trace,
    /** Hears every event of this demo's runs, in order (the run stream, runtime/events.ts). */
    onRunEvent,
    replay,
    record,
    runningHere,
    runsHere,
    /** The code came from a share link opened just now. */
    fromShareLink: shared?.kind === 'code',
    /** Writes a line of the demo UI's own (not the program's) to the console. */
    note: console.note,
    run,
    stop,
    reset,
    load,
  }
}
