/**
 * The built site's sync channel between windows of one browser: a
 * BroadcastChannel heard through its gate worker (syncGate.worker.ts), so
 * that whatever any page of the deck's origin posts is copied, weighed and
 * read off the window's thread. Where a worker cannot start, the window
 * hears the channel itself, through the same reader.
 *
 * Messages are JSON text that starts with the sender's window id, so the
 * window's own gate (which hears them too) skips them unread.
 */
import { type ChannelMessage, type Checked, readChannelMessage } from './snapshotCheck.ts'
import type { GateMessage, GateStart } from './syncGate.worker.ts'

export interface SyncChannel {
  post(m: ChannelMessage): void
}

export function openSyncChannel(
  name: string,
  windowId: string,
  ids: ReadonlySet<string>,
  /** A message read, or why it was refused. */
  receive: (read: Checked<ChannelMessage>) => void,
): SyncChannel | undefined {
  if (typeof BroadcastChannel !== 'function') return undefined
  const channel = new BroadcastChannel(name)
  const own = `{"from":${JSON.stringify(windowId)},`
  const post = (m: ChannelMessage) => channel.postMessage(JSON.stringify({ from: windowId, ...m }))
  // A window opened late says hello once it hears the channel: the others post their state again.
  const hello = () => post({ type: 'hello' })
  const hearItself = () => {
    channel.onmessage = (e: MessageEvent) => receive(readChannelMessage(e.data, ids))
    hello()
  }
  let gate: Worker | undefined
  try {
    gate = new Worker(new URL('./syncGate.worker.ts', import.meta.url), { type: 'module', name: 'demo sync gate' })
  } catch {
    gate = undefined
  }
  if (!gate) {
    hearItself()
    return { post }
  }
  let heard = false
  gate.onmessage = (e: MessageEvent<GateMessage>) => {
    const m = e.data
    if (m.type === 'ready') {
      heard = true
      hello()
    } else if (m.type === 'taken') receive({ ok: true, value: m.message })
    else receive({ ok: false, why: String(m.why).slice(0, 200) })
  }
  gate.onerror = (e) => {
    e.preventDefault()
    gate?.terminate()
    if (!heard) hearItself()
  }
  const start: GateStart = { channel: name, ids: [...ids], own }
  gate.postMessage(start)
  return { post }
}
