/**
 * Keeps one live demo the same in every window that shows the deck: the
 * presenter's and the audience's in one browser, and with `slidev --remote`
 * every device following the talk. See ../logic/demoSync.ts for what is
 * shared and how two runs at once are settled.
 *
 * Transport, Slidev's own (no server of ours):
 * - the dev server (`deno task dev`, `--remote`): Slidev's server-side state
 *   (`server-reactive:demos`, declared in vite.config.ts) through
 *   `createSyncState`, over Vite's websocket; a window that opens late gets
 *   the current state when it loads;
 * - the built site: a BroadcastChannel of our own between windows of one
 *   browser (../logic/syncChannel.ts), heard through a gate worker so that
 *   what any page of the origin posts is read off this window's thread.
 *   BroadcastChannel keeps nothing for a window that opens late, so a new
 *   window says hello, and the others post their state again.
 *
 * Both carry untrusted input: a snapshot is taken only after
 * ../logic/snapshotCheck.ts read it (bad ones are said once in the console
 * and change nothing), the channel's messages are JSON text read only below
 * a size limit, and a revision never locks a demo for more than a moment.
 */
import { createSyncState } from '@slidev/client'
import { onScopeDispose, reactive, type Ref, watch } from 'vue'
// A virtual module of Slidev's server-side state (vite.config.ts declares
// `demos`). Without `?diff`: each write sends whole snapshots, because
// patches go wrong once two windows write (measured with --remote).
// @ts-expect-error: virtual module
import serverDemos from 'server-reactive:demos'
// Every demo id in the deck (server/demoIds.ts).
import deckDemoIds from 'virtual:demo-ids'
import { type DemoSnapshot, type DemoSyncState, foldRun, newer, replayEvents, runKey, type RunSnapshot } from '../logic/demoSync.ts'
import { checkSnapshot, refused } from '../logic/snapshotCheck.ts'
import { openSyncChannel } from '../logic/syncChannel.ts'
import type { RunEvent } from '../runtime/events.ts'
import type { Lang } from '../runtime/hosts.ts'
import type { RunStatus } from '../runtime/protocol.ts'
import { STORAGE_PREFIX } from '../logic/demoStorage.ts'

const CHANNEL = 'async-vs-concurrency:demos'
/** How often a running demo posts its growing output, at most. */
const PUBLISH_MS = 60

const windowId = Math.random().toString(36).slice(2, 10)
/** Every write of this window gets the next revision: they only ever grow, whatever others send. */
let writes = 0
const nextRev = () => ++writes
/** A write seen with a lower revision than its window's newest, this soon after it, was overtaken on the way. */
const REORDER_MS = 2_000
const knownIds: ReadonlySet<string> = new Set(deckDemoIds)

interface Transport {
  /** The shared state: every demo's latest snapshot, reactive. */
  state: DemoSyncState
  put(id: string, snap: DemoSnapshot): void
}
let transport: Transport | undefined

/**
 * The dev server: Slidev's own server-side state, through createSyncState.
 * The built site: a BroadcastChannel of our own. (createSyncState's would
 * drop a message that arrives while this window is writing, and keeps
 * nothing for a window that opens late.)
 */
function connect(): Transport {
  if (transport) return transport
  if (import.meta.hot && serverDemos) {
    const shared = createSyncState<DemoSyncState>(serverDemos, {})
    shared.init(CHANNEL)
    // A demo the deck does not have: said once, never shown (its snapshot is read only by its demo).
    watch(() => Object.keys(shared.state), (ids) => {
      for (const id of ids) if (!knownIds.has(id)) refused(`a snapshot from the server`, `unknown demo id ${JSON.stringify(id.slice(0, 40))}`)
    }, { immediate: true })
    return (transport = { state: shared.state, put: (id, snap) => shared.patch(id, snap) })
  }
  const state = reactive<DemoSyncState>({})
  let channelMessages = 0
  const channel = openSyncChannel(CHANNEL, windowId, knownIds, (read) => {
    // Each message is news: said every time.
    if (!read.ok) return refused('a message from another window', read.why, `channel:${++channelMessages}`)
    const m = read.value
    if (m.type === 'snapshot') state[m.id] = m.snap
    // A window opened late: send it what this window knows.
    else for (const [id, snap] of Object.entries(state)) if (snap?.by === windowId) post(id, snap)
  })
  const post = (id: string, snap: DemoSnapshot) => channel?.post({ type: 'snapshot', id, snap })
  return (transport = {
    state,
    put(id, snap) {
      state[id] = snap
      post(id, snap)
    },
  })
}

export interface DemoSyncOptions {
  id: string
  /** Only interactive copies sync (not print, previews or the overview). */
  enabled: Ref<boolean>
  demo: {
    code: Ref<string>
    status: Ref<RunStatus>
    lang(): Lang
    onRunEvent(listener: (e: RunEvent) => void): () => void
    replay(events: readonly RunEvent[]): void
    runningHere(): boolean
    stop(): void
    reset(): void
    /** Opened from a share link: this window's code wins over the others'. */
    fromShareLink?: boolean
  }
  /** The visualizer's chosen step (`null` follows the run). */
  step?: Ref<number | null>
  cursor?: Ref<number | undefined>
  zoom?: Ref<number | undefined>
}

export function useDemoSync({ id, enabled, demo, step, cursor, zoom }: DemoSyncOptions) {
  if (!enabled.value) return { stop: () => demo.stop(), reset: () => demo.reset() }
  const shared = connect()
  /** The last snapshot of this demo that was read and taken (from anywhere). */
  let lastGood: DemoSnapshot | undefined
  /** The run this window started and still owns. */
  let local: RunSnapshot | undefined
  /** The other window's run shown here. */
  let shown: string | undefined
  /** Applying another window's state: local watchers must not post it back. */
  let applying = false
  let lastApplied = ''

  const current = (): DemoSnapshot | undefined => shared.state[id]
  const publish = (extra: Partial<DemoSnapshot> = {}) => {
    const prev = lastGood
    const snap: DemoSnapshot = {
      by: windowId,
      rev: nextRev(),
      code: demo.code.value,
      cursor: cursor?.value,
      step: step?.value ?? null,
      zoom: zoom?.value,
      run: local ?? (shown && prev?.run?.key === shown ? prev.run : undefined),
      ...extra,
    }
    lastGood = snap
    shared.put(id, snap)
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  const publishSoon = () => {
    timer ??= setTimeout(() => {
      timer = undefined
      publish()
    }, PUBLISH_MS)
  }

  // This window's own runs: fold the runtime's event stream into the snapshot and post it.
  const offRun = demo.onRunEvent((e) => {
    if (e.type === 'started') {
      local = foldRun(undefined, e, runKey(windowId))
      shown = undefined
      return publish()
    }
    if (!local) return
    local = foldRun(local, e, local.key)
    if (e.type === 'end') {
      if (timer) clearTimeout(timer)
      timer = undefined
      publish()
    } else publishSoon()
  })

  const stopWatch = watch(
    () => [demo.code.value, step?.value, cursor?.value, zoom?.value],
    () => {
      if (!applying) publishSoon()
    },
  )

  /**
   * The newest revision applied from each window, and when: the dev server may
   * deliver two writes out of order. Only for a moment, so a revision from the
   * future cannot shut that window out.
   */
  const newest = new Map<string, { rev: number; at: number }>()
  function receive(raw: unknown) {
    const read = checkSnapshot(raw)
    if (!read.ok) {
      const r = raw as { by?: unknown; rev?: unknown }
      return refused(`a snapshot of demo "${id}"`, read.why, `${id}:${String(r?.by).slice(0, 40)}:${String(r?.rev).slice(0, 40)}:${read.why}`)
    }
    const snap = read.value
    const seen = `${snap.by}:${snap.rev}`
    const last = newest.get(snap.by)
    const at = performance.now()
    if (seen === lastApplied || (last && snap.rev < last.rev && at - last.at < REORDER_MS)) return
    lastApplied = seen
    newest.set(snap.by, { rev: snap.rev, at })
    lastGood = snap
    applying = true
    try {
      if (snap.reset && snap.reset !== resetSeen) {
        resetSeen = snap.reset
        local = undefined
        shown = undefined
        demo.reset()
        return
      }
      if (snap.code !== demo.code.value) demo.code.value = snap.code
      if (step && snap.step !== undefined && snap.step !== step.value) step.value = snap.step
      if (cursor && snap.cursor !== undefined) cursor.value = snap.cursor
      if (zoom && snap.zoom !== undefined) zoom.value = snap.zoom
      if (snap.stop && local && snap.stop === local.key) demo.stop()
      const run = snap.run
      if (!run) return
      if (local && local.key !== run.key && demo.runningHere() && !newer(run.key, local.key)) {
        // Both pressed Run: ours is the later one and wins everywhere; say so again.
        publish()
        return
      }
      if (local?.key === run.key) return
      local = undefined
      shown = run.key
      demo.replay(replayEvents(run, demo.lang()))
    } finally {
      // Let the watchers run first, then listen to local changes again.
      queueMicrotask(() => (applying = false))
    }
  }
  const first = checkSnapshot(current())
  let resetSeen = (first.ok && first.value.reset) || 0

  // Another window's snapshot (each write bumps `rev`, even a patch made in place).
  const stopRemote = watch(() => {
    const snap = current() as unknown
    if (typeof snap !== 'object' || snap === null) return snap === undefined ? '' : `bad:${typeof snap}`
    const s = snap as Record<string, unknown>
    // Short pieces only: a field may be anything, of any size.
    return [s.by, s.rev, s.reset ?? 0].map((v) => String(v).slice(0, 64)).join(':')
  }, () => {
    const snap = current()
    if (snap && snap.by !== windowId) receive(snap)
  })
  resetters.add(reset)
  // A window that opens late catches up at once, unless it opened a share
  // link: then its code is the news, for every other window.
  const now = current()
  if (demo.fromShareLink) publish({ run: undefined })
  else if (now && now.by !== windowId) receive(now)

  onScopeDispose(() => {
    resetters.delete(reset)
    stopRemote()
    offRun()
    stopWatch()
    if (timer) clearTimeout(timer)
  })

  function reset() {
    local = undefined
    shown = undefined
    demo.reset()
    resetSeen = Date.now()
    publish({ reset: resetSeen, run: undefined })
  }

  return {
    /** Reset, in every window. */
    reset,
    /** Stop: the run here, or ask the window that runs it. */
    stop() {
      if (shown && demo.status.value === 'running') publish({ stop: shown })
      else demo.stop()
    },
  }
}

/** Every demo shown in this window: the presenter's reset reaches them. */
const resetters = new Set<() => void>()

/**
 * The presenter's "reset every demo", before the talk: every demo shown in
 * this window goes back to its original code, and so does every copy in the
 * other windows; this browser forgets every kept edit (so do the demos not
 * shown yet).
 */
export function resetAllDemos(): void {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith(STORAGE_PREFIX)) localStorage.removeItem(key)
  } catch { /* storage unavailable: nothing kept */ }
  for (const r of resetters) r()
  // Demos not shown in this window but shown in another: reset them there.
  const shared = connect()
  const at = Date.now()
  for (const [id, raw] of Object.entries(shared.state)) {
    const read = checkSnapshot(raw)
    if (!knownIds.has(id) || !read.ok || read.value.reset) continue
    shared.put(id, { ...read.value, by: windowId, rev: nextRev(), reset: at, run: undefined })
  }
}
