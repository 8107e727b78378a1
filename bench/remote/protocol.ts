/**
 * Slidev 53's sync protocol, as its dev server speaks it (`slidev` and
 * `slidev --remote`), so the load test can join as many viewers as it likes
 * without a browser each. Only the wire format and the steps a browser takes;
 * nothing here keeps state.
 *
 * How a browser does it (vite-plugin-vue-server-ref 1.0.0, which Slidev's
 * `server-reactive:nav` import goes through):
 * - Joining: the page imports `/@server-reactive/<key>`; the dev server
 *   generates that module with the current server-side state inlined, so a
 *   late window starts from the live state.
 * - Down: the page's Vite HMR websocket (`ws://<host>/?token=<token>`,
 *   subprotocol `vite-hmr`; the token is baked into `/@vite/client`) gets a
 *   custom event `vue-server-ref` with `{ key, source, data | patch,
 *   timestamp }` for every change, from anyone, for every key. The page
 *   ignores keys it did not import and its own `source`.
 * - Up: a window that changes the state POSTs `{ source, data | patch,
 *   timestamp }` to `/@server-reactive/<key>`, 10 ms after the last change
 *   (a trailing debounce), without waiting for its previous POST. `data`
 *   replaces the whole state; a `?diff` import sends `patch`, its state
 *   diffed against the last state it received from another window (the
 *   whole state if it never received one). The server applies it and sends
 *   it on over the websocket to everyone, in the order the POSTs arrive.
 *
 * The JSON coding (`undefined` kept as a marker), the patch format and the
 * ids come from the plugin's own client module, the one the browser runs.
 */
import { apply, diff, parse, randId, stringify } from 'vite-plugin-vue-server-ref/client'

export { apply, diff, randId }

/** The custom HMR event that carries every state change to the windows. */
export const SYNC_EVENT = 'vue-server-ref'

/** The Vite HMR websocket's subprotocol; the server refuses other upgrades. */
export const HMR_SUBPROTOCOL = 'vite-hmr'

/** Where a key's module is served and where changes to it are POSTed. */
export function statePath(key: string, diffMode = false): string {
  return `/@server-reactive/${key}${diffMode ? '?diff' : ''}`
}

/** What a window POSTs when its state changed. */
export interface SyncPost<T = unknown> {
  /** The sending module's random id; its own window skips the echo. */
  source: string
  /** The whole new state (plain `server-reactive:<key>` imports). */
  data?: T
  /** Only what changed (`server-reactive:<key>?diff` imports). */
  patch?: unknown
  /** `Date.now()` in the sender when it posted. */
  timestamp: number
}

/** What the server sends every window over the HMR websocket. */
export interface SyncBroadcast<T = unknown> extends SyncPost<T> {
  key: string
}

/** Slidev's `nav` state (its `SharedState`), what the presenter sends. */
export interface NavState {
  page: number
  clicks: number
  clicksTotal?: number
  timer: {
    status: 'stopped' | 'running' | 'paused'
    slides: Record<number, { start?: number; end?: number }>
    startedAt: number
    pausedAt: number
  }
  cursor?: { x: number; y: number; style?: 'cursor' | 'laser' }
  lastUpdate?: { id: string; type: 'presenter' | 'viewer'; time: number }
}

/** Reads the HMR token a browser gets inside `/@vite/client`. */
export async function fetchHmrToken(origin: string): Promise<string> {
  const res = await fetch(`${origin}/@vite/client`)
  const text = await res.text()
  if (!res.ok) throw new Error(`GET /@vite/client: HTTP ${res.status}`)
  const match = text.match(/const wsToken = "([^"]*)"/)
  if (!match) throw new Error('/@vite/client no longer carries `const wsToken = "…"`')
  return match[1]
}

/**
 * The server-side state of `key` as a page that imports it right now gets it:
 * the JSON inlined into the generated module.
 */
export async function fetchServerState<T>(origin: string, key: string): Promise<T> {
  const res = await fetch(`${origin}${statePath(key)}`)
  const text = await res.text()
  if (!res.ok) throw new Error(`GET ${statePath(key)}: HTTP ${res.status}`)
  return parseStateModule<T>(text)
}

/** Pulls the inlined state out of a generated `server-reactive` module. */
export function parseStateModule<T>(code: string): T {
  const match = code.match(/^const data = (?:reactive|ref)\((.*)\)$/m)
  if (!match) {
    throw new Error('the server-reactive module no longer inlines `const data = reactive(…)`')
  }
  return JSON.parse(match[1]) as T
}

/**
 * Opens the HMR websocket as a page on `pageOrigin` would: the same URL,
 * subprotocol and token, and an Origin header, which makes Vite check the
 * token. (Deno's WebSocket takes headers; a browser sets Origin itself.)
 */
export function openHmrSocket(origin: string, token: string, pageOrigin: string): WebSocket {
  const url = `${origin.replace(/^http/, 'ws')}/?token=${encodeURIComponent(token)}`
  const init = { protocols: [HMR_SUBPROTOCOL], headers: { origin: pageOrigin } }
  return new WebSocket(url, init as unknown as string[])
}

/** One message off the HMR socket: a sync broadcast, or its Vite type. */
export type HmrMessage =
  | { kind: 'sync'; payload: SyncBroadcast }
  | { kind: 'other'; type: string }

export function decodeHmrMessage(raw: string): HmrMessage {
  const msg = JSON.parse(raw) as { type: string; event?: string; data?: unknown }
  if (msg.type === 'custom' && msg.event === SYNC_EVENT) {
    return { kind: 'sync', payload: msg.data as SyncBroadcast }
  }
  return { kind: 'other', type: msg.type === 'custom' ? `custom:${msg.event}` : msg.type }
}

/** Sends one change the way the plugin's client does (its JSON coding). */
export function postSync(origin: string, key: string, body: SyncPost): Promise<Response> {
  return fetch(`${origin}${statePath(key)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: stringify(body),
  })
}

/** Decodes a POST body a browser sent (for comparing with ours). */
export function decodePost(body: string): SyncPost {
  return parse(body) as SyncPost
}

/**
 * The state a window holds after a broadcast, as the plugin's client applies
 * it: a patch is merged into the old state, data replaces it.
 */
export function applyBroadcast<T>(state: T, payload: SyncPost): T {
  if (payload.patch !== undefined) return apply(state, payload.patch) as T
  return payload.data as T
}
