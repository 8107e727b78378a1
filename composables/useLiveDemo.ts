/**
 * One live demo's state and actions: its code (kept per demo, restorable,
 * shareable), its run status and its console. The runner itself lives in
 * ../runtime/run.ts and is loaded on first need, in its own chunk.
 *
 * Rules the UI promises (see ../shared/CONTRACT.md):
 * - editing never runs; Run does, and a new run stops the old one first;
 * - Stop, a re-run and leaving the slide end a run as `stopped`;
 * - Reset brings back the original code and forgets the kept edit.
 */
import { type MaybeRefOrGetter, onScopeDispose, shallowRef, toValue, watch } from 'vue'
import { DEFAULT_BLOCK_LIMIT_MS, DEFAULT_TIMEOUT_MS } from '../runtime/protocol.ts'
import type { ConsoleLine, Diagnostic, EndStatus, RunHandle, RunStatus } from '../runtime/run.ts'
import { useConsoleLines } from './useConsoleLines.ts'
import { demoSource } from '../logic/demoSources.ts'
import { type DemoStorage, demoStorage } from '../logic/demoStorage.ts'
import { readSharedCode } from '../logic/shareLink.ts'

type Runtime = typeof import('../runtime/run.ts')

let runtime: Runtime | undefined
let loading: Promise<Runtime> | undefined

/** The runner module, loaded once. */
export function loadRuntime(): Promise<Runtime> {
  loading ??= import('../runtime/run.ts').then((m) => (runtime = m))
  return loading
}

function whenIdle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 500 })
  else setTimeout(fn, 16)
}

/**
 * Gets the next Run ready while the speaker talks: loads the runner, then,
 * in a separate idle slot, builds the sandbox frame with a spare worker
 * (the compiler loads inside the frame, in its own process).
 */
export function prepareRuntime(): void {
  whenIdle(() => {
    loadRuntime().then((rt) => whenIdle(() => rt.prepareRunner()), () => {})
  })
}

export interface LiveDemoOptions {
  id: string
  /** File name in demos/. */
  src: MaybeRefOrGetter<string>
  /** Time limit of a run in ms; DEFAULT_TIMEOUT_MS when unset. */
  timeout?: MaybeRefOrGetter<number | undefined>
  /** Longest the code may keep its thread without yielding, in ms; DEFAULT_BLOCK_LIMIT_MS when unset. */
  blockLimit?: MaybeRefOrGetter<number | undefined>
  /** Ask for main-thread mode; the runtime refuses it except for its allowlisted demos. */
  mainThread?: MaybeRefOrGetter<boolean>
  /** Injected for tests. */
  storage?: DemoStorage
  /** The page address to read a share link from. */
  search?: string
}

export function useLiveDemo(options: LiveDemoOptions) {
  const { id, src, timeout, blockLimit, mainThread = false } = options
  const storage = options.storage ?? demoStorage(id)
  const console = useConsoleLines()
  const original = () => demoSource(toValue(src))

  const code = shallowRef(storage.load() ?? original())
  const status = shallowRef<RunStatus>('idle')
  /** Where the last run failed in the user's code, for editor markers. */
  const diagnostics = shallowRef<Diagnostic[]>([])

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
  /** Bumped for every run; callbacks of older runs are ignored. */
  let runId = 0

  /** A run ended: the last lines go on screen before the status says so. */
  function ended(s: EndStatus) {
    console.flush()
    status.value = s
  }

  function start(rt: Runtime, mine: number, timeoutMs: number): Promise<EndStatus> {
    const started = rt.startRun({
      code: code.value,
      timeoutMs,
      blockLimitMs: toValue(blockLimit) ?? DEFAULT_BLOCK_LIMIT_MS,
      mode: toValue(mainThread) ? 'main-thread' : 'worker',
      demoId: id,
    }, {
      lines: (l: ConsoleLine[], dropped: number) => mine === runId && console.push(l, dropped),
      end: (s) => mine === runId && ended(s),
      diagnostic: (d) => {
        if (mine === runId) diagnostics.value = [d]
      },
    })
    handle = started
    return started.finished
  }

  /**
   * Runs the editor's code, stopping a run still going. Resolves with how the
   * run ended (print waits on it); the UI itself follows `status`.
   */
  function run(opts: { timeoutMs?: number } = {}): Promise<EndStatus> {
    const mine = ++runId
    const limit = opts.timeoutMs ?? toValue(timeout) ?? DEFAULT_TIMEOUT_MS
    handle?.stop()
    handle = undefined
    console.clear()
    diagnostics.value = []
    status.value = 'running'
    // Warm path: the runner is loaded, start in this very event.
    if (runtime) return start(runtime, mine, limit)
    return loadRuntime().then(
      (rt) => (mine === runId ? start(rt, mine, limit) : 'stopped'),
      (error) => {
        if (mine !== runId) return 'stopped'
        console.note(`The demo runner could not be loaded: ${String(error)}`, 'error')
        ended('error')
        return 'error'
      },
    )
  }

  /** Stops a run; says so in the console. Does nothing when nothing runs. */
  function stop() {
    if (status.value !== 'running') return
    if (handle) return handle.stop()
    // Stopped while the runner was still loading.
    runId++
    console.note('Stopped')
    ended('stopped')
  }

  function reset() {
    stop()
    runId++
    handle = undefined
    code.value = original()
    storage.clear()
    console.clear()
    diagnostics.value = []
    status.value = 'idle'
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
    diagnostics,
    lines: console.lines,
    /** Writes a line of the demo UI's own (not the program's) to the console. */
    note: console.note,
    run,
    stop,
    reset,
    load,
  }
}
