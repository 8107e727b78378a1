/**
 * The live demos' server-side state (`demos`), read before Slidev's state
 * plugin takes it: every snapshot in a POST must read as a page reads it
 * (../logic/snapshotCheck.ts), for a demo the deck has. A bad one is
 * refused (422) and never reaches a page. Used by ./remoteGuard.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ViteDevServer } from 'vite'
import { parse } from 'vite-plugin-vue-server-ref/client'
import { checkSnapshot, DEMO_ID } from '../logic/snapshotCheck.ts'
import { readDemoIds } from './demoIds.ts'

/** The deck's demo ids, read again after a slide file changes. */
let ids: Promise<Set<string>> | undefined
let watching = false
export function knownIds(server: ViteDevServer): Promise<Set<string>> {
  if (!watching) {
    watching = true
    server.watcher.on('all', (_event: string, file: string) => void (file.endsWith('.md') && (ids = undefined)))
  }
  return (ids ??= readDemoIds(server.config.root).then((r) => new Set(r.ids)))
}

/** Why the `demos` state a POST carries is refused, or undefined if every snapshot in it reads well. */
export function demosProblem(body: string, known: ReadonlySet<string>, now = Date.now()): string | undefined {
  let payload: unknown
  try {
    // The state plugin's own decoding (its writers mark `undefined` in the JSON).
    payload = parse(body)
  } catch {
    return 'malformed JSON'
  }
  const data = (payload as { data?: unknown; patch?: unknown } | null)?.data
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'the demos state must be sent whole, as an object'
  const entries = Object.entries(data)
  if (entries.length > known.size) return 'more demos than the deck has'
  for (const [id, snap] of entries) {
    if (!DEMO_ID.test(id) || !known.has(id)) return `unknown demo id ${JSON.stringify(id.slice(0, 40))}`
    const read = checkSnapshot(snap, now)
    if (!read.ok) return `demo ${id}: ${read.why}`
  }
}

/**
 * Holds the body of a `demos` POST back from the next middleware (Slidev's
 * state plugin) until all of it has come and been read: a good one is
 * passed on as it came; a bad one gets a 422, and the plugin only an error.
 */
export function checkDemosBody(req: IncomingMessage, res: ServerResponse, known: () => Promise<Set<string>>) {
  const emit = req.emit.bind(req) as (event: string, ...args: unknown[]) => boolean
  const chunks: Buffer[] = []
  req.emit = ((event: string, ...args: unknown[]) => {
    if (event === 'data') {
      chunks.push(Buffer.isBuffer(args[0]) ? args[0] : Buffer.from(String(args[0])))
      return true
    }
    if (event !== 'end') return emit(event, ...args)
    const body = Buffer.concat(chunks)
    known().then((ids) => {
      const problem = demosProblem(body.toString('utf8'), ids)
      if (!problem) {
        emit('data', body)
        return emit('end')
      }
      console.warn(`[remote guard] refused a demos state from ${req.socket?.remoteAddress}: ${problem.slice(0, 200)}`)
      refuse(res, 422, `refused: ${problem}`)
      emit('error', new Error(problem))
    }, (e) => {
      refuse(res, 500, `remote guard: ${e}`)
      emit('error', e)
    })
    return true
  }) as typeof req.emit
}

function refuse(res: ServerResponse, status: number, message: string) {
  if (res.headersSent) return res.end()
  res.statusCode = status
  res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  res.end(message.slice(0, 300) + '\n')
}
