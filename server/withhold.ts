/**
 * Used by ./remoteGuard.ts on every response to a device that does not lead.
 */
import type { ServerResponse } from 'node:http'

/**
 * The last line (no path the tests tried needs it): whatever else answers a
 * device that does not lead, a body that would carry the password gets the
 * stand-in in Slidev's settings field, and is refused if the password is
 * anywhere else in it.
 */
export function withholdPassword(res: ServerResponse, password: string, standIn: string) {
  const write = res.write.bind(res) as (...args: unknown[]) => boolean
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse
  const clean = (chunk: unknown): unknown => {
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) return chunk
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1')
    if (!text.includes(password)) return chunk
    const hidden = text.replaceAll(`"remote":${JSON.stringify(password)}`, `"remote":${JSON.stringify(standIn)}`)
    if (hidden.includes(password)) throw new Error('a response would carry the password')
    if (!res.headersSent) res.removeHeader('Content-Length')
    return typeof chunk === 'string' ? hidden : Buffer.from(hidden, 'latin1')
  }
  const fail = () => {
    if (!res.headersSent) {
      res.statusCode = 500
      res.removeHeader('Content-Length')
      return end('remote guard: refused, this response would carry the password\n')
    }
    res.destroy()
    return res
  }
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    try {
      return write(clean(chunk), ...rest)
    } catch {
      fail()
      return false
    }
  }) as typeof res.write
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    try {
      return typeof chunk === 'function' || chunk === undefined ? end(chunk, ...rest) : end(clean(chunk), ...rest)
    } catch {
      return fail()
    }
  }) as typeof res.end
}

