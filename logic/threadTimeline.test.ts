// The thread timeline, laid out from real traces recorded in the sandbox
// worker under Deno: a lane per thread, busy spans that never overlap on one
// thread, every message an arrow between two lanes, and the delivery demo's
// waterfall of requests.
import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { layoutTimeline, ticks, type TimelineLayout } from './threadTimeline.ts'
import { buildSteps } from './eventLoopSteps.ts'
import { runInSandbox } from '../tests/ordering/sandbox-run.ts'
import { isTimelineEvent, type TraceEvent } from '../runtime/protocol.ts'

const demo = (file: string) => Deno.readTextFileSync(new URL(`../demos/${file}`, import.meta.url))

// Two workers, each handed two jobs one after the other; both are terminated at the end.
const twoWorkers = `
const source = 'self.onmessage = (e) => { const end = performance.now() + e.data; while (performance.now() < end); self.postMessage(e.data) }'
const workers = [0, 1].map(() => new Worker('data:text/javascript,' + encodeURIComponent(source)))
let left = 4
workers.forEach((w, i) => {
  let jobs = 1
  w.onmessage = () => {
    if (jobs++ < 2) w.postMessage(5)
    if (--left === 0) workers.forEach((x) => x.terminate())
  }
  w.postMessage(10 + i)
})
`

function noOverlapOnAThread(layout: TimelineLayout) {
  for (const lane of layout.lanes.filter((l) => l.id !== 'host')) {
    for (let i = 1; i < lane.spans.length; i++) {
      assert(lane.spans[i - 1].end <= lane.spans[i].start, `${lane.id} did two things at once: ${JSON.stringify(lane.spans.slice(i - 1, i + 1))}`)
    }
  }
}

Deno.test('a run with two workers: lanes main, worker-1, worker-2; start-up, busy spans and every message as an arrow', async () => {
  const r = await runInSandbox(twoWorkers, true, 20_000)
  assertEquals(r.end, 'done')
  const t = layoutTimeline(r.events)
  assertEquals(t.lanes.map((l) => l.id), ['main', 'worker-1', 'worker-2'])
  assertEquals(t.lanes[0].spans[0].kind, 'script')
  for (const id of ['worker-1', 'worker-2']) {
    const lane = t.lanes.find((l) => l.id === id)!
    const kinds = lane.spans.map((s) => s.kind)
    assertEquals(kinds[0], 'startup', `${id} starts with its start-up`)
    assert(kinds.includes('script'), `${id} ran its script`)
    assert(lane.to !== undefined, `${id} was terminated`)
    // Two jobs posted to it, two answers back, each handled: four arrows.
    assertEquals(t.arrows.filter((a) => a.from === 'main' && a.to === id).length, 2)
    assertEquals(t.arrows.filter((a) => a.from === id && a.to === 'main').length, 2)
  }
  for (const a of t.arrows) {
    assert(a.received !== undefined, `${a.title}`)
    // One clock for every thread: nothing is handled before it was posted.
    assert(a.received >= a.sent, a.title)
  }
  noOverlapOnAThread(t)
  // Every handled message starts a span on its receiver.
  for (const a of t.arrows) {
    const lane = t.lanes.find((l) => l.id === a.to)!
    assert(lane.spans.some((s) => s.kind !== 'startup' && s.start <= a.received! && a.received! <= s.end), `no span holds ${a.title}`)
  }
  assertEquals(t.ticks[0], 0)
  assert(t.ticks.at(-1)! <= t.duration)
})

Deno.test('a traced function sent to a worker as text (as workerFromFunction does) runs there untraced', async () => {
  const program = `function square(x) { return x * x }
const w = new Worker('data:text/javascript,' + encodeURIComponent('const f = ' + square + '; self.onmessage = (e) => self.postMessage(f(e.data))'))
w.onmessage = (e) => { console.log(e.data); w.terminate() }
w.postMessage(7)`
  const r = await runInSandbox(program, true, 20_000)
  assertEquals(r.lines.map((l) => l.text), ['49'])
  const t = layoutTimeline(r.events)
  assertEquals(t.lanes.map((l) => l.id), ['main', 'worker-1'])
  assertEquals(t.arrows.map((a) => `${a.from}>${a.to}`), ['main>worker-1', 'worker-1>main'])
})

Deno.test('the delivery demo: one by one the requests follow each other; with Promise.all they overlap', async () => {
  const r = await runInSandbox(demo('05-delivery-orders.ts'), true, 20_000)
  assertEquals(r.end, 'done')
  const t = layoutTimeline(r.events)
  assertEquals(t.lanes.map((l) => l.id), ['main', 'host'])
  const host = t.lanes[1]
  assertEquals(host.spans.map((s) => s.label), ['request 500 ms', 'request 400 ms', 'request 300 ms', 'request 500 ms', 'request 400 ms', 'request 300 ms'])
  const [one, two, three, ...all] = host.spans
  assert(one.end <= two.start && two.end <= three.start, 'one by one, each request starts after the last one ended')
  assertEquals([one.row, two.row, three.row], [0, 0, 0])
  assert(Math.max(...all.map((s) => s.start)) < Math.min(...all.map((s) => s.end)), 'Promise.all: all three are in flight at once')
  assertEquals(all.map((s) => s.row), [0, 1, 2])
  assertEquals(host.rows, 3)
  noOverlapOnAThread(t)
  // The visualizer's steps ignore the timeline's events.
  const loopOnly = r.events.filter((e) => !isTimelineEvent(e))
  assertEquals(buildSteps(r.events).length, buildSteps(loopOnly).length)
})

Deno.test('an untraced run notes no thread activity', async () => {
  const r = await runInSandbox(twoWorkers, false, 20_000)
  assertEquals(r.end, 'done')
  assertEquals(r.events, [])
})

Deno.test('axis ticks are round and cover the run', () => {
  assertEquals(ticks(1234), [0, 500, 1000, 1500])
  assertEquals(ticks(90), [0, 20, 40, 60, 80, 100])
  assertEquals(ticks(0), [0, 0.2, 0.4, 0.6, 0.8, 1])
})

Deno.test('waits that start on the same tick keep the order they were issued in, whatever their length', () => {
  const events = [
    { t: 10, k: 'timer', id: 1, ms: 500, repeat: false, label: 'request' },
    { t: 10, k: 'timer', id: 2, ms: 400, repeat: false, label: 'request' },
    { t: 10, k: 'timer', id: 3, ms: 300, repeat: false, label: 'request' },
    { t: 310, k: 'run', q: 'task', id: 3, label: 'request' },
    { t: 410, k: 'run', q: 'task', id: 2, label: 'request' },
    { t: 510, k: 'run', q: 'task', id: 1, label: 'request' },
  ] as TraceEvent[]
  const host = layoutTimeline(events).lanes.find((l) => l.id === 'host')!
  assertEquals(host.spans.map((s) => [s.start, s.end]), [[10, 510], [10, 410], [10, 310]])
})
