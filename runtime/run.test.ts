// A run's event stream, as run.ts emits it for any host: started first,
// the console bounded once with its dropped count as data, errors as data,
// and end exactly once, last. The host here is a fake that reports the way
// every real host does (hosts.ts), so no sandbox frame is needed.
import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import type { Host, HostIO } from './hosts.ts'
import type { RunEvent } from './events.ts'
import { startRun } from './run.ts'
import { CONSOLE_LINES, DEFAULT_BLOCK_LIMIT_MS } from './limits.ts'
import type { ConsoleLine } from './protocol.ts'

const log = (text: string): ConsoleLine => ({ level: 'log', text, t: 0, depth: 0 })

/** A host that hands its HostIO to the test and records what it was given. */
function fakeHost() {
  const seen: { io?: HostIO; stopped: number; blockLimitMs?: number } = { stopped: 0 }
  const host: Host = {
    lang: 'python',
    prepare() {},
    start(program, io) {
      seen.io = io
      seen.blockLimitMs = program.blockLimitMs
      return { stop: () => void seen.stopped++ }
    },
  }
  return { host, seen }
}

function record(opts: Parameters<typeof startRun>[0]) {
  const events: RunEvent[] = []
  const run = startRun(opts, (e) => events.push(e))
  return { run, events }
}

Deno.test('started comes first, before startRun returns; seq counts every event in order; end comes once, last', async () => {
  const { host, seen } = fakeHost()
  const { run, events } = record({ code: 'print(1)', lang: 'python', host })
  assertEquals(events, [{ type: 'started', seq: 0, code: 'print(1)', lang: 'python', trace: false }])
  seen.io!.receive({ type: 'lines', lines: [log('1')], dropped: 0 })
  seen.io!.receive({ type: 'done' })
  seen.io!.receive({ type: 'lines', lines: [log('late')], dropped: 0 })
  run.stop()
  assertEquals(await run.finished, 'done')
  assertEquals(events.map((e) => `${e.seq}:${e.type}`), ['0:started', '1:lines', '2:end'])
  assertEquals(seen.stopped, 1)
  // The runtime applied the block limit's default, once, for the host.
  assertEquals(seen.blockLimitMs, DEFAULT_BLOCK_LIMIT_MS)
})

Deno.test('the console is bounded once: every lines event is the whole tail, with the dropped count as a number', async () => {
  const { host, seen } = fakeHost()
  const { run, events } = record({ code: '', lang: 'python', host })
  let n = 0
  const batch = () => Array.from({ length: CONSOLE_LINES }, () => log(String(n++)))
  seen.io!.receive({ type: 'lines', lines: batch(), dropped: 0 })
  seen.io!.receive({ type: 'lines', lines: batch(), dropped: 1_000 })
  seen.io!.receive({ type: 'lines', lines: batch().slice(-10), dropped: 0 })
  run.stop()
  await run.finished
  const last = events.filter((e) => e.type === 'lines').at(-1)
  assert(last?.type === 'lines')
  assertEquals(last.lines.length, CONSOLE_LINES)
  assertEquals(last.lines.at(-1)?.text, 'Stopped')
  // Every line is shown or counted: two full batches and 10 more printed, 1,000 dropped at the source, and the runner's own "Stopped".
  assertEquals(last.dropped + last.lines.length - 1, 2 * CONSOLE_LINES + 1_000 + 10)
})

Deno.test('an error travels as data: the diagnostic carries the host\'s message and place, never console text', async () => {
  const { host, seen } = fakeHost()
  const { run, events } = record({ code: 'x', lang: 'python', file: 'demo.py', host })
  seen.io!.receive({ type: 'lines', lines: [{ ...log('Traceback … ZeroDivisionError: division by zero'), level: 'error' }], dropped: 0 })
  seen.io!.receive({ type: 'error', at: { line: 3, column: 1 }, message: 'ZeroDivisionError: division by zero' })
  assertEquals(await run.finished, 'error')
  const d = events.find((e) => e.type === 'diagnostic')
  assertEquals(d, { type: 'diagnostic', seq: 2, diagnostic: { message: 'ZeroDivisionError: division by zero', line: 3, column: 1 } })
  assertEquals(events.at(-1)?.type, 'end')
})

Deno.test('a compile error in the editor\'s file is a diagnostic, and its line is in the console', async () => {
  const { host, seen } = fakeHost()
  const { run, events } = record({ code: 'x', lang: 'python', file: 'demo.py', host })
  seen.io!.reject({ message: 'invalid syntax', line: 2, column: 5 }, 'demo.py')
  assertEquals(await run.finished, 'error')
  assertEquals(events.map((e) => e.type), ['started', 'diagnostic', 'lines', 'end'])
  const lines = events[2]
  assert(lines.type === 'lines')
  assertEquals(lines.lines.map((l) => `${l.level}:${l.text}`), ['error:invalid syntax (demo.py:2:5)'])
})

Deno.test('Stop ends the run as stopped and says so once', async () => {
  const { host } = fakeHost()
  const { run, events } = record({ code: '', lang: 'python', host, timeoutMs: 60_000 })
  run.stop()
  run.stop()
  assertEquals(await run.finished, 'stopped')
  assertEquals(events.map((e) => e.type), ['started', 'lines', 'end'])
})

Deno.test('the time limit ends the run as timeout, with the runner\'s line', async () => {
  const { host } = fakeHost()
  const { run, events } = record({ code: '', lang: 'python', host, timeoutMs: 100 })
  assertEquals(await run.finished, 'timeout')
  const lines = events.at(-2)
  assert(lines?.type === 'lines')
  assertEquals(lines.lines.at(-1)?.text, 'Stopped after 0.1 s: the time limit for this demo')
  assertEquals(events.at(-1), { type: 'end', seq: 2, status: 'timeout' })
})
