// The shared sandbox core, run for real in Deno with this thread's timers:
// floods are bounded where the lines are made, huge lines are cut with a
// note, errors point at the user's lines, and a run ends exactly once.
import { deepStrictEqual as assertEquals, match as assertMatch, ok as assert } from 'node:assert/strict'
import { DEFAULT_LIMITS, maxLineText } from './limits.ts'
import { isTimelineEvent, type SandboxMessage } from './protocol.ts'
import { boundTimers } from './pending.ts'
import { createSandbox, type SandboxOptions } from './sandbox.ts'

function sandbox(overrides: Partial<SandboxOptions> = {}) {
  const sent: SandboxMessage[] = []
  const t0 = performance.now()
  const sb = createSandbox({
    send: (m) => sent.push(structuredClone(m)),
    limits: DEFAULT_LIMITS,
    file: 'demo.ts',
    files: ['demo.ts'],
    timers: boundTimers(),
    now: () => performance.now() - t0,
    ...overrides,
  })
  const ended = () =>
    new Promise<SandboxMessage>((resolve) => {
      const poll = () => {
        const last = sent.at(-1)
        if (last && last.type !== 'lines') resolve(last)
        else setTimeout(poll, 5)
      }
      poll()
    })
  return { sb, sent, ended }
}

const batches = (sent: SandboxMessage[]) => sent.filter((m) => m.type === 'lines')

/** A clock that moves `step` ms each time it is read, so batching is the same on any machine. */
function steppingClock(step: number) {
  let t = 0
  return () => (t += step)
}

Deno.test('a million logs become a few dozen bounded messages, and the count of the rest', async () => {
  // Two clock reads per log at 1 µs each: the loop "takes" about 2 s.
  const { sb, sent, ended } = sandbox({ now: steppingClock(0.001) })
  for (let i = 0; i < 1e6; i++) sb.console.log('line', i)
  sb.check()
  assertEquals((await ended()).type, 'done')
  const lines = batches(sent)
  assert(lines.length <= 2_000 / DEFAULT_LIMITS.floodFlushMs + 3, `${lines.length} messages`)
  const held = Math.max(...lines.map((m) => m.lines.length))
  assert(held <= DEFAULT_LIMITS.maxLinesPerBatch, `a batch of ${held} lines`)
  const shown = lines.reduce((n, m) => n + m.lines.length, 0)
  const dropped = lines.reduce((n, m) => n + m.dropped, 0)
  assertEquals(shown + dropped, 1e6)
  assertEquals(lines.at(-1)!.lines.at(-1)!.text, 'line 999999')
})

Deno.test('slow output goes out every flushMs; a flood only every floodFlushMs', async () => {
  const limits = { ...DEFAULT_LIMITS, flushMs: 10, floodLines: 50, floodFlushMs: 100 }
  // Slow: one line per 5 ms of the clock for 1 s, so batches of 2 or 3 lines.
  const slow = sandbox({ limits, now: steppingClock(2.5) })
  for (let i = 0; i < 200; i++) slow.sb.console.log(i)
  slow.sb.check()
  await slow.ended()
  const slowBatches = batches(slow.sent).length
  assert(slowBatches >= 1_000 / 10 - 5, `${slowBatches} batches of slow output`)
  // A flood: 100 lines per ms for 1 s.
  const flood = sandbox({ limits, now: steppingClock(0.005) })
  for (let i = 0; i < 100_000; i++) flood.sb.console.log(i)
  flood.sb.check()
  await flood.ended()
  const floodBatches = batches(flood.sent).length
  assert(floodBatches <= 1_000 / 100 + 3, `${floodBatches} batches of a flood`)
})

Deno.test('a line longer than the limit is cut, with a system note saying so', async () => {
  const { sb, sent, ended } = sandbox()
  sb.console.log('x'.repeat(10_000_000))
  sb.check()
  await ended()
  const lines = batches(sent).flatMap((m) => m.lines)
  assertEquals(lines.length, 2)
  assert(lines[0].text.length <= maxLineText())
  assertEquals(lines[1].level, 'system')
  assertMatch(lines[0].text, /x… \(9,990,000 more characters\)$/)
  assertEquals(lines[1].text, 'That line was longer than 10,000 characters, so it was cut')
})

Deno.test('an uncaught error is one error line and one end, with the user line', async () => {
  const { sb, sent, ended } = sandbox()
  const error = new Error('boom')
  error.stack = 'Error: boom\n    at f (demo.ts:5:9)\n    at runner.js:1:1'
  sb.reportError(error)
  sb.reportError(new Error('again'))
  sb.console.log('after the end')
  const end = await ended()
  assertEquals(end.type, 'error')
  assert(end.type === 'error' && end.at && end.at.column === 9)
  const texts = batches(sent).flatMap((m) => m.lines.map((l) => `${l.level}: ${l.text}`))
  assertEquals(texts.length, 1)
  assertMatch(texts[0], /^error: Uncaught Error: boom/)
  assertEquals(sent.filter((m) => m.type !== 'lines').length, 1)
})

Deno.test('pending timers keep the run going; it is done once they have run', async () => {
  const { sb, sent, ended } = sandbox()
  sb.timers.setTimeout(() => sb.console.log('late'), 30)
  sb.console.log('early')
  sb.check()
  assertEquals((await ended()).type, 'done')
  // `done` comes only after the timer's line: the order of messages says it.
  const order = sent.flatMap((m) => (m.type === 'lines' ? m.lines.map((l) => l.text) : [m.type]))
  assertEquals(order, ['early', 'late', 'done'])
})

Deno.test('a nested sandbox reports errors but does not end, and may end itself as closed', async () => {
  const { sb, sent } = sandbox({ nested: true })
  sb.reportError(new Error('inside a worker'))
  sb.console.log('still running')
  sb.end({ type: 'closed' })
  await new Promise((r) => setTimeout(r, 30))
  assertEquals(sent.map((m) => m.type), ['lines', 'error', 'lines', 'closed'])
  assertEquals(sb.ended, false)
})

Deno.test('dispose cancels the timers: nothing more is sent', async () => {
  const { sb, sent } = sandbox()
  sb.timers.setInterval(() => sb.console.log('tick'), 5)
  sb.dispose()
  await new Promise((r) => setTimeout(r, 40))
  assertEquals(sent, [])
})

Deno.test('a traced flood keeps the first events and says where the recording stopped', async () => {
  const { runInSandbox } = await import('../tests/ordering/sandbox-run.ts')
  const { MAX_TRACE_EVENTS } = await import('./limits.ts')
  const r = await runInSandbox('for (let i = 0; i < 20000; i++) console.log(i)\nconsole.log("end")', true)
  assertEquals(r.end, 'done')
  assertEquals(r.lines.at(-1)?.text, 'end')
  const loop = r.events.filter((e) => !isTimelineEvent(e))
  assertEquals(loop.length, MAX_TRACE_EVENTS + 1)
  assertEquals(loop.at(-1)?.k, 'cap')
  // The thread timeline keeps its own count: the script's busy span is there, to its end.
  const spans = r.events.filter((e) => e.k === 'span')
  assertEquals(spans.map((e) => e.k === 'span' && [e.thread, e.what]), [['main', 'script']])
})

Deno.test('thread-timeline news leaves at most every THREADS_FLUSH_MS, while lines leave every 16 ms', async () => {
  const { runInSandbox } = await import('../tests/ordering/sandbox-run.ts')
  const { THREADS_FLUSH_MS } = await import('./limits.ts')
  // A task every 10 ms for a while, each printing: every task is a span on the timeline.
  const r = await runInSandbox('for (let i = 0; i < 50; i++) { await new Promise((r) => setTimeout(r, 10)); console.log(i) }', true)
  assertEquals(r.end, 'done')
  assertEquals(r.lines.length, 50)
  assert(r.events.some((e) => e.k === 'span'), 'no timeline spans recorded')
  // Counts, bounded by the run's own measured length, so a slow machine only widens both sides.
  const most = Math.ceil(r.ms / THREADS_FLUSH_MS) + 2
  assert(r.batches.threads <= most, `${r.batches.threads} timeline messages in ${Math.round(r.ms)} ms (at most ${most})`)
  assert(r.batches.lines > r.batches.threads, `lines ${r.batches.lines}, timeline ${r.batches.threads}`)
})
