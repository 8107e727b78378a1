/**
 * The dev server's lock for `deno task dev --remote <password>`: the room
 * follows, only the speaker's devices lead.
 *
 * Slidev checks the password in the browser only, hands it to every page in
 * `/@slidev/configs`, and its server takes writes from anyone who reaches
 * the port: state POSTs (`/@server-reactive/…`), slide edits
 * (`/__slidev/slides/…`), file writes sent up the HMR websocket, and the MCP
 * endpoint (`/__mcp`), whose tools rewrite the slides on disk. This plugin
 * sits in front of all of them, on the server:
 *
 * - A request leads when it comes from this machine (a loopback address,
 *   asked for by a loopback host name, so a local tunnel's traffic does not
 *   count) or carries the session cookie. A device gets the cookie by
 *   opening any page with the right `?password=` (the printed remote-control
 *   address, or the deck's own prompt, setup/routes.ts). The cookie is a
 *   random token, HttpOnly, never derived from the password.
 * - Any other request may only read: every method but GET, HEAD and OPTIONS
 *   is refused (403), and so is `/__mcp` whatever the method; its HMR
 *   socket's messages are dropped, with a refusal sent back on the socket.
 * - Such a page gets `/@slidev/configs` without the password (a random
 *   stand-in that nothing accepts); if the password would still be in it,
 *   the module is refused rather than sent.
 * - A state POST over STATE_BODY_LIMIT is refused, whoever sends it: every
 *   window would have to parse it. The live demos' state (`demos`) is read
 *   as the pages read it (logic/snapshotCheck.ts) before Slidev sees it: a
 *   malformed one is refused (422) and never reaches a page, where a million
 *   console lines would cost every phone seconds of Vue's deep watching.
 * - `--remote` without a password: nobody can prove anything, so only this
 *   machine leads, unless DECK_REMOTE_OPEN=1 lets every host lead (Slidev's
 *   own behaviour). Either way, one line at start says so.
 *
 * What it relies on in Slidev and Vite is pinned by
 * tests/e2e/remote-guard.test.ts, which fails if an upgrade moves it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { Plugin, ViteDevServer } from 'vite'
import { checkDemosBody, knownIds } from './demosCheck.ts'
import { withholdPassword } from './withhold.ts'

import { HIDDEN_PREFIX, LEAD_COOKIE, REFUSED_EVENT } from '../logic/remoteLock.ts'

export { HIDDEN_PREFIX, LEAD_COOKIE, REFUSED_EVENT }
/** Largest state POST, in bytes (a demo's snapshot is bounded far below). */
export const STATE_BODY_LIMIT = 8 * 1024 * 1024
const CONFIGS_PATH = '/@slidev/configs'
const STATE_PREFIXES = ['/@server-reactive/', '/@server-ref/']
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const DEMOS_PATHS = STATE_PREFIXES.map((p) => `${p}demos`)

/** Whether a socket's peer address is this machine's loopback. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false
  const a = address.startsWith('::ffff:') ? address.slice(7) : address
  return a === '::1' || /^127\.\d+\.\d+\.\d+$/.test(a)
}

/** Whether a Host header names this machine's loopback (not `phone.localhost`, not a tunnel's name). */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]
  return ['localhost', '127.0.0.1', '[::1]'].includes(name.toLowerCase())
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * The password as Slidev resolved it, from its configs module's code:
 * a string (maybe empty) with `--remote`, `undefined` without, `null` when
 * the module no longer has the shape this relies on.
 */
export function passwordFromConfigs(code: string): string | undefined | null {
  const m = /^export default (\{.*\})\s*(\/\/# sourceMappingURL=\S*\s*)?$/s.exec(code)
  if (!m) return null
  try {
    const remote = JSON.parse(m[1]).remote
    return remote === undefined || typeof remote === 'string' ? remote : null
  } catch {
    return null
  }
}

/** The configs module for a page that did not give the password; throws if the password would still be in it. */
export function hideFromAudience(code: string, password: string, standIn: string): string {
  const out = code.replace(`"remote":${JSON.stringify(password)}`, `"remote":${JSON.stringify(standIn)}`)
  if (password && out.includes(password)) throw new Error('the password is still in the configs module')
  return out
}

/** The state the lock keeps: lead tokens outlive Slidev's restarts of the server (same process). */
interface GuardState {
  tokens: Set<string>
}
const STATE_KEY = Symbol.for('async-vs-concurrency:remote-guard')
const shared = ((globalThis as Record<symbol, unknown>)[STATE_KEY] ??= { tokens: new Set() }) as GuardState

export interface RemoteGuardOptions {
  /** Let every host lead when `--remote` has no password (DECK_REMOTE_OPEN=1). */
  openWithoutPassword?: boolean
  log?: (line: string) => void
}

export function remoteGuard(options: RemoteGuardOptions = {}): Plugin {
  const { openWithoutPassword = false, log = (l: string) => console.warn(l) } = options
  const standIn = HIDDEN_PREFIX + randomBytes(12).toString('hex')
  let password: Promise<string | undefined | null> | undefined

  return {
    name: 'deck:remote-guard',
    apply: 'serve',
    configureServer(server) {
      const readPassword = () =>
        (password ??= server.transformRequest(CONFIGS_PATH).then((r) => (r ? passwordFromConfigs(r.code) : null), () => null))

      const leads = async (req: IncomingMessage): Promise<boolean> => {
        if (isLoopbackAddress(req.socket.remoteAddress) && isLoopbackHost(req.headers.host)) return true
        const token = readCookie(req.headers.cookie, LEAD_COOKIE)
        if (token && shared.tokens.has(token)) return true
        const pw = await readPassword()
        // Unknown shape: nobody else leads (fail closed). No password: only if opened on purpose.
        if (pw === null) return false
        // Without --remote the server listens on loopback only: Slidev's own rules.
        if (pw === undefined) return true
        return pw === '' && openWithoutPassword
      }

      /** A page opened with the right `?password=`: that device leads from now on. */
      const login = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
        const given = new URL(req.url ?? '/', 'http://x').searchParams.get('password')
        if (given === null) return false
        const pw = await readPassword()
        if (!pw || !sameSecret(given, pw)) return false
        const token = randomBytes(32).toString('hex')
        shared.tokens.add(token)
        res.setHeader('Set-Cookie', `${LEAD_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`)
        return true
      }

      const handle = async (req: IncomingMessage, res: ServerResponse, next: (e?: unknown) => void) => {
        const path = (req.url ?? '/').split('?')[0]
        const method = req.method ?? 'GET'
        if (STATE_PREFIXES.some((p) => path.startsWith(p)) && method === 'POST') {
          const length = Number(req.headers['content-length'])
          if (!Number.isFinite(length) || length > STATE_BODY_LIMIT) {
            return refuse(res, 413, `state writes need a Content-Length of at most ${STATE_BODY_LIMIT} bytes`)
          }
        }
        if (await leads(req) || await login(req, res)) {
          if (method === 'POST' && DEMOS_PATHS.includes(path)) checkDemosBody(req, res, () => knownIds(server))
          return next()
        }
        if (!READ_METHODS.has(method)) return refuse(res, 403, 'this device follows the deck: writes need the password (open /entry?password=…)')
        const pw = await readPassword()
        if (pw) withholdPassword(res, pw, standIn)
        if (path.replace(/\/$/, '') === '/__mcp') return refuse(res, 403, 'the MCP endpoint is off for other hosts while the deck is shared with --remote')
        if (path === CONFIGS_PATH && pw !== '') return serveHiddenConfigs(server, req.url ?? path, res, standIn, pw)
        next()
      }
      // First in line, before Slidev's and Vite's own middlewares.
      const stack = server.middlewares.stack
      let wrapped = false
      stack.unshift({
        route: '',
        handle: (req: IncomingMessage, res: ServerResponse, next: (e?: unknown) => void) => {
          if (!wrapped) wrapped = catchAsyncErrors(stack.slice(1))
          handle(req, res, next).catch((e) => refuse(res, 500, `remote guard: ${e instanceof Error ? e.message : e}`))
        },
      } as (typeof stack)[number])

      // The HMR socket: a device that does not lead only listens.
      server.ws.on('connection', (socket: WsLike, req: IncomingMessage) => {
        const decided = leads(req)
        const emit = socket.emit.bind(socket)
        socket.emit = (event: string, ...args: unknown[]) => {
          if (event !== 'message') return emit(event, ...args)
          decided.then((ok) => {
            if (ok) emit(event, ...args)
            else if (socket.readyState === 1) {
              socket.send(JSON.stringify({ type: 'custom', event: REFUSED_EVENT, data: { reason: 'this device follows the deck: its messages are not accepted' } }))
            }
          })
          return true
        }
      })

      server.httpServer?.once('listening', async () => {
        const pw = await readPassword()
        if (pw === null) log('[remote guard] Slidev\'s configs module changed shape: only this machine can lead the deck (see server/remoteGuard.ts).')
        else if (pw === '') {
          log(
            openWithoutPassword
              ? '--remote without a password and DECK_REMOTE_OPEN=1: anyone on the network can lead the deck and edit its files. Set one: deno task dev --remote <password>'
              : '--remote without a password: anyone on the network can follow, only this machine leads. Set one (deno task dev --remote <password>) to lead from a phone.',
          )
        }
      })
    },
  }
}

interface WsLike {
  emit(event: string, ...args: unknown[]): boolean
  send(data: string): void
  readyState: number
}

type Handle = (req: IncomingMessage, res: ServerResponse, next: (e?: unknown) => void) => unknown

/**
 * A middleware that fails after a promise (Slidev's state POST given bad
 * JSON, say) would be an unhandled rejection, which ends the whole dev
 * server under Deno: it gets a 400 instead. Returns true.
 */
function catchAsyncErrors(layers: { handle: unknown }[]): true {
  for (const layer of layers) {
    const inner = layer.handle as Handle
    if (typeof inner !== 'function' || inner.length > 3) continue // error handlers keep their arity
    layer.handle = ((req, res, next) => {
      const out = inner(req, res, next) as Promise<unknown> | undefined
      if (out && typeof out.then === 'function') {
        out.then(undefined, (e: unknown) => refuse(res, 400, `refused: ${e instanceof Error ? e.message : String(e)}`.slice(0, 300)))
      }
      return out
    }) as Handle
  }
  return true
}

function refuse(res: ServerResponse, status: number, message: string) {
  if (res.headersSent) return res.end()
  res.statusCode = status
  res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  res.setHeader('Cache-Control', 'no-store')
  res.end(message + '\n')
}

async function serveHiddenConfigs(
  server: ViteDevServer,
  url: string,
  res: ServerResponse,
  standIn: string,
  password: string | undefined | null,
) {
  if (password === null || password === undefined) return refuse(res, 503, 'remote guard: cannot tell whether the configs module holds the password')
  const result = await server.transformRequest(url)
  if (!result) return refuse(res, 404, 'no configs module')
  const code = password ? hideFromAudience(result.code, password, standIn) : result.code
  res.statusCode = 200
  res.setHeader('Content-Type', 'text/javascript; charset=utf-8')
  res.setHeader('Cache-Control', 'no-store')
  res.end(code)
}
