/**
 * Starts the deck's dev server with `--remote <password>` the way
 * `deno task dev --remote <password>` does (Slidev's CLI run by Deno), minus
 * `--open`, bound to loopback on a free port. Also reads how much CPU a
 * process has used, so a run can say who was busy.
 */
import { fetchHmrToken } from './protocol.ts'

const ROOT = new URL('../../', import.meta.url)
const SLIDEV_BIN = new URL('node_modules/@slidev/cli/bin/slidev.mjs', ROOT)

export interface DevServer {
  origin: string
  port: number
  password: string
  /** The HMR token every page gets in `/@vite/client`. */
  token: string
  pid: number
  /** What the server printed (for errors). */
  output(): string
  close(): Promise<void>
}

export interface DevServerOptions {
  password: string
  /** `deno` (what `deno task dev` runs) or `node`. */
  runtime?: 'deno' | 'node'
  entry?: string
  /** How long to wait for the server to answer, in ms. */
  timeout?: number
  /** Where it listens (`--bind`), default loopback; `null` leaves Slidev's default (every interface). */
  bind?: string | null
  /** A command that runs it elsewhere (`ip netns exec <name>`). */
  prefix?: string[]
  /** The host the server is reached at from here, default 127.0.0.1. */
  host?: string
  /** More environment for the server. */
  env?: Record<string, string>
}

/** A port that was free a moment ago. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: '127.0.0.1', port: 0 })
  const { port } = listener.addr as Deno.NetAddr
  listener.close()
  return port
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const { password, runtime = 'deno', entry = 'slides.md', timeout = 120_000, bind = '127.0.0.1', prefix = [], host = '127.0.0.1' } = options
  const port = freePort()
  const slidevArgs = [
    entry,
    '--remote',
    password,
    ...(bind === null ? [] : ['--bind', bind]),
    '--port',
    String(port),
    '--log',
    'warn',
  ]
  const [cmd, args] = runtime === 'deno'
    ? [Deno.execPath(), ['run', '--ext=js', '-A', SLIDEV_BIN.pathname, ...slidevArgs]]
    : ['node', [SLIDEV_BIN.pathname, ...slidevArgs]]
  const argv = [...prefix, cmd, ...args]
  const child = new Deno.Command(argv[0], {
    args: argv.slice(1),
    cwd: ROOT.pathname,
    stdin: 'null',
    stdout: 'piped',
    stderr: 'piped',
    env: { NO_COLOR: '1', BROWSER: 'none', ...options.env },
  }).spawn()
  let log = ''
  const decoder = new TextDecoder()
  const drain = (stream: ReadableStream<Uint8Array>) =>
    stream.pipeTo(
      new WritableStream({
        write: (chunk) => void (log += decoder.decode(chunk, { stream: true })),
      }),
    ).catch(() => {})
  const drained = Promise.all([drain(child.stdout), drain(child.stderr)])
  let exited = false
  const status = child.status.then((s) => {
    exited = true
    return s
  })

  const origin = `http://${host}:${port}`
  const close = async () => {
    if (!exited) {
      try {
        child.kill('SIGTERM')
      } catch { /* already gone */ }
      const timer = setTimeout(() => !exited && child.kill('SIGKILL'), 5_000)
      await status
      clearTimeout(timer)
    }
    await drained
  }

  const deadline = Date.now() + timeout
  let token: string | undefined
  while (!token) {
    if (exited) throw new Error(`slidev exited before it answered:\n${log}`)
    if (Date.now() > deadline) {
      await close()
      throw new Error(`slidev did not answer on ${origin} within ${timeout / 1000} s:\n${log}`)
    }
    try {
      token = await fetchHmrToken(origin)
    } catch {
      await new Promise((r) => setTimeout(r, 250))
    }
  }
  return { origin, port, password, token, pid: child.pid, output: () => log, close }
}

/** CPU time (user + system) a process has used so far, in ms (Linux). */
export function cpuMs(pid: number | 'self' = 'self'): number {
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`)
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[11]) + Number(fields[12]) // utime, stime
  return ticks * 10 // USER_HZ is 100 on Linux
}
