/**
 * A simulated audience device: what a phone's browser does to follow the
 * presenter through `slidev --remote`, without the rendering. It reads the
 * live state as the page's `server-reactive` imports would, opens the Vite
 * HMR websocket with the page's token, and applies every `vue-server-ref`
 * broadcast for the keys it follows, noting when each arrived.
 */
import {
  applyBroadcast,
  decodeHmrMessage,
  fetchHmrToken,
  fetchServerState,
  type HmrMessage,
  openHmrSocket,
} from './protocol.ts'
import { now, type Seen } from './tally.ts'

/** Names the state a viewer holds for a key, e.g. `nav 3/0`. */
export type Sign = (key: string, state: unknown) => string

export interface ViewerOptions {
  /** The dev server, e.g. `http://127.0.0.1:3031`. */
  origin: string
  /** The HMR token (see `fetchHmrToken`); fetched when left out. */
  token?: string
  /** The origin the simulated page is on; sent as the socket's Origin. */
  pageOrigin: string
  /** The state keys the page imports, e.g. `['nav']`. */
  keys: readonly string[]
  sign: Sign
}

/** Vite's client pings every 30 s (`server.hmr.timeout`); so does ours. */
const PING_MS = 30_000

export class SimViewer {
  /** Every state reached through a broadcast, in arrival order. */
  readonly seen: Seen[] = []
  /** The state of each key when the viewer joined. */
  readonly initial = new Map<string, string>()
  /** Vite messages other than sync broadcasts (`full-reload`, `update`, …). */
  readonly others: string[] = []
  /** From the first request to the socket's `connected`, in ms. */
  joinMs = NaN
  /** The server closed the socket while we were following. */
  dropped = false
  /**
   * Broadcasts that came after a later one of the same key: the sender's
   * `timestamp` went back. The server applies POSTs in the order they
   * arrive, and a page sends them over parallel connections.
   */
  reordered = 0
  readonly #stamps = new Map<string, number>()
  #closing = false
  readonly #states = new Map<string, unknown>()
  #socket?: WebSocket
  #ping?: ReturnType<typeof setInterval>

  constructor(readonly options: ViewerOptions) {}

  async join(): Promise<void> {
    const { origin, pageOrigin, keys } = this.options
    const started = now()
    const token = this.options.token ?? await fetchHmrToken(origin)
    for (const key of keys) this.seed(key, await fetchServerState(origin, key))
    const socket = openHmrSocket(origin, token, pageOrigin)
    this.#socket = socket
    await new Promise<void>((resolve, reject) => {
      socket.onmessage = (event) => {
        const at = now()
        const msg = decodeHmrMessage(event.data as string)
        if (msg.kind === 'other' && msg.type === 'connected') return resolve()
        this.#apply(msg, at)
      }
      socket.onerror = () => reject(new Error('the HMR websocket failed'))
      socket.onclose = (e) => reject(new Error(`the HMR websocket closed (${e.code})`))
    })
    socket.onclose = () => {
      if (!this.#closing) this.dropped = true
    }
    this.#ping = setInterval(() => {
      if (socket.readyState === WebSocket.OPEN) socket.send('{"type":"ping"}')
    }, PING_MS)
    this.joinMs = now() - started
  }

  /** Sets the state a key starts from, as the page's import gets it. */
  seed(key: string, state: unknown): void {
    this.#states.set(key, state)
    this.initial.set(key, this.options.sign(key, state))
  }

  /**
   * Takes one raw HMR message that arrived at `at`. Also replays what a real
   * page recorded, so both are read by the same code.
   */
  feed(raw: string, at: number): void {
    this.#apply(decodeHmrMessage(raw), at)
  }

  #apply(msg: HmrMessage, at: number) {
    if (msg.kind === 'other') {
      this.others.push(msg.type)
      return
    }
    const { key, timestamp } = msg.payload
    if (!this.#states.has(key)) return // the page did not import this key
    const newest = this.#stamps.get(key) ?? -Infinity
    if (timestamp < newest) this.reordered++
    this.#stamps.set(key, Math.max(newest, timestamp))
    const state = applyBroadcast(this.#states.get(key), msg.payload)
    this.#states.set(key, state)
    this.seen.push({ signature: this.options.sign(key, state), at })
  }

  /** The state this viewer holds for a key now. */
  state(key: string): unknown {
    return this.#states.get(key)
  }

  /** Forgets what was seen, keeping the connection (between rounds). */
  reset(): void {
    this.seen.length = 0
    this.others.length = 0
    this.reordered = 0
  }

  async close(): Promise<void> {
    clearInterval(this.#ping)
    this.#closing = true
    const socket = this.#socket
    if (!socket || socket.readyState === WebSocket.CLOSED) return
    const closed = new Promise((resolve) => socket.addEventListener('close', resolve))
    socket.close()
    await closed
  }
}

/** Joins viewers in waves of `wave` at a time, like a room arriving. */
export async function joinAll(
  viewers: readonly SimViewer[],
  wave = 50,
): Promise<{ joined: number; failures: string[] }> {
  const failures: string[] = []
  for (let i = 0; i < viewers.length; i += wave) {
    const results = await Promise.allSettled(viewers.slice(i, i + wave).map((v) => v.join()))
    for (const r of results) if (r.status === 'rejected') failures.push(String(r.reason))
  }
  return { joined: viewers.length - failures.length, failures }
}
