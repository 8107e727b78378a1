/**
 * The Go host's worker: one Go program, compiled to js/wasm when the deck
 * was built (scripts/go-wasm.ts), run once, then thrown away. The sandbox
 * frame starts it as a module worker from a data: URL; the deck sends the
 * binary and that Go's wasm_exec.js as bytes (`run`), so it fetches nothing.
 *
 * Go's runtime on js/wasm has one thread: goroutines take turns on it, and
 * a goroutine that sleeps or waits hands the thread back to the event loop,
 * so the watchdog's pings are answered. Its output (fd 1 and 2) streams
 * into the console line by line, bounded like every host's (sandbox.ts).
 * The run ends when the program exits: `done` on exit 0; otherwise `error`
 * with the exit status, after what Go printed (a deadlock's `fatal error:
 * all goroutines are asleep - deadlock!`, a panic's stack).
 */
import { lockdown } from './lockdown.ts'
import { boundTimers } from './pending.ts'
import type { FloodLimits } from './limits.ts'
import type { ConnectMessage, SandboxMessage } from './protocol.ts'
import { createSandbox } from './sandbox.ts'
import { promptLines } from './prompt-lines.ts'

/** Deck → this worker. */
export type GoWorkerMessage =
  | { type: 'ping'; seq: number }
  | { type: 'run'; file: string; wasm: ArrayBuffer; wasmExec: ArrayBuffer; limits: FloodLimits }

interface GoRuntime {
  importObject: WebAssembly.Imports
  argv: string[]
  exit(code: number): void
  run(instance: WebAssembly.Instance): Promise<void>
  // wasm_exec.js's own state, read to find a deadlock (see `watchForDeadlock`).
  exited: boolean
  _scheduledTimeouts: Map<number, unknown>
  _pendingEvent: unknown
  _resume(): void
}

const g = globalThis as typeof globalThis & {
  Go?: new () => GoRuntime
  fs?: { writeSync(fd: number, buf: Uint8Array): number }
}
const orig = boundTimers(g)
const now = performance.now.bind(performance)
const portPost = MessagePort.prototype.postMessage
let deck: MessagePort | undefined

g.addEventListener('message', function onConnect(event: MessageEvent) {
  const msg = event.data as ConnectMessage | null
  if (!msg || msg.type !== 'connect' || !(msg.deck instanceof MessagePort)) return
  g.removeEventListener('message', onConnect)
  deck = msg.deck
  deck.onmessage = (e: MessageEvent<GoWorkerMessage>) => {
    const m = e.data
    if (m?.type === 'ping') send({ type: 'pong', seq: Number(m.seq) || 0 })
    else if (m?.type === 'run') run(m)
  }
})

function send(m: SandboxMessage) {
  if (deck) portPost.call(deck, m)
}

async function run(m: Extract<GoWorkerMessage, { type: 'run' }>) {
  const t0 = now()
  const file = String(m.file)
  const sandbox = createSandbox({ send, limits: m.limits, file, files: [file], timers: orig, now: () => now() - t0 })
  try {
    await import(URL.createObjectURL(new Blob([m.wasmExec], { type: 'text/javascript' })))
    if (!g.Go || !g.fs) throw new Error("wasm_exec.js did not define Go's runtime")
    // Go writes its stdout and stderr through fs.writeSync: each whole line becomes a console line.
    const print = promptLines(sandbox, now)
    const pending = ['', '', '']
    const decoder = new TextDecoder()
    g.fs.writeSync = (fd: number, buf: Uint8Array) => {
      const i = fd === 2 ? 2 : 1
      const text = pending[i] + decoder.decode(buf)
      const lines = text.split('\n')
      pending[i] = lines.pop() ?? ''
      for (const line of lines) print(i === 2 ? 'error' : 'log', line)
      return buf.length
    }
    const flushPartial = () => {
      for (const i of [1, 2]) {
        if (pending[i]) print(i === 2 ? 'error' : 'log', pending[i])
        pending[i] = ''
      }
    }
    const go = new g.Go()
    go.argv = [file.replace(/\.go$/, '')]
    let code = 0
    go.exit = (c: number) => void (code = c)
    const { instance } = await WebAssembly.instantiate(m.wasm, go.importObject)
    lockdown(g)
    send({ type: 'started' })
    const running = go.run(instance)
    watchForDeadlock(go)
    await running
    flushPartial()
    if (code === 0) return sandbox.end({ type: 'done' })
    sandbox.system(`exit status ${code}`)
    sandbox.end({ type: 'error', message: `exit status ${code}` })
  } catch (error) {
    sandbox.system(`The Go program could not run: ${String(error)}`, 'error')
    sandbox.end({ type: 'error' })
  }
}

/**
 * In a browser, Go's runtime never learns that nothing can wake it: it hands
 * the thread back to JavaScript and waits for an event forever. Node's
 * wasm_exec_node.js, when its event loop is empty, wakes Go with an empty
 * event, and Go then reports the deadlock itself ("fatal error: all
 * goroutines are asleep - deadlock!") and exits 2. This does the same when,
 * on two checks in a row, Go has not exited and has no timer pending: these
 * programs have nothing else to wait for (the sandbox is offline, and a Go
 * program here cannot wait on a JavaScript promise it did not start).
 */
function watchForDeadlock(go: GoRuntime) {
  let idle = 0
  const check = orig.setInterval(() => {
    if (go.exited) return orig.clearInterval(check)
    if (go._scheduledTimeouts.size > 0 || go._pendingEvent) {
      idle = 0
      return
    }
    if (++idle < 2) return
    orig.clearInterval(check)
    go._pendingEvent = { id: 0 }
    go._resume()
  }, 25)
}
