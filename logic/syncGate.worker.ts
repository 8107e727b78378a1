/**
 * The gate of a window's sync channel, on a thread of its own. A
 * BroadcastChannel message is copied into whoever listens before any code
 * can weigh it: a 50 MB string posted by any page of the deck's origin would
 * hold the window's thread for up to a second (measured 382–1222 ms). So the
 * window does not listen itself; this worker does, reads every message with
 * readChannelMessage (snapshotCheck.ts), and passes on only what it took, as
 * plain objects, or the reason it refused one.
 *
 * Started by openSyncChannel (./syncChannel.ts) with `{ channel, ids, own }`: the
 * channel's name, the deck's demo ids, and the prefix of the window's own
 * messages (it hears them too, and skips them unread).
 */
import { type ChannelMessage, readChannelMessage } from './snapshotCheck.ts'

export interface GateStart {
  channel: string
  ids: string[]
  own: string
}

export type GateMessage =
  | { type: 'ready' }
  | { type: 'taken'; message: ChannelMessage }
  | { type: 'refused'; why: string }

const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<GateStart>) => void) | null
  postMessage(m: GateMessage): void
}

scope.onmessage = (e) => {
  scope.onmessage = null
  const { channel, ids, own } = e.data
  const known = new Set(ids)
  new BroadcastChannel(channel).onmessage = (m: MessageEvent) => {
    if (typeof m.data === 'string' && m.data.startsWith(own)) return
    const read = readChannelMessage(m.data, known)
    scope.postMessage(read.ok ? { type: 'taken', message: read.value } : { type: 'refused', why: read.why })
  }
  scope.postMessage({ type: 'ready' })
}
