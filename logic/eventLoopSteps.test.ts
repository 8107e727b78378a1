// The visualizer's steps, replayed from real traces recorded in the sandbox
// worker under Deno: the queues hold what they really held at each step.
import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { buildSteps, consoleAtStep, inferQueued, type Step } from './eventLoopSteps.ts'
import { runInSandbox } from '../tests/ordering/sandbox-run.ts'

const loopOrder = Deno.readTextFileSync(new URL('../demos/04-event-loop-order.ts', import.meta.url))
const texts = (items: { text: string }[]) => items.map((i) => i.text)
const printed = (steps: Step[], text: string) => steps.findIndex((s) => s.console.at(-1)?.text === text)

Deno.test('loop-order: when "C then" prints, B waits in the task queue and D and F in the microtask queue', async () => {
  const r = await runInSandbox(loopOrder, true)
  const steps = buildSteps(r.events, { status: 'done', lines: r.lines })
  const first = steps[0]
  assertEquals([first.stack, first.tasks, first.microtasks, first.console], [[], [], [], []])

  const c = steps[printed(steps, 'C then')]
  assert(c, 'no step printed C')
  assertEquals(texts(c.tasks), ['setTimeout 0 ms, line 4'])
  assertEquals(texts(c.microtasks), ['queueMicrotask callback, line 8', 'order() after await, line 12'])
  assertEquals(texts(c.stack), ['then callback()'])
  assertEquals(c.line, 6)

  // While the script runs, the timer is due at once (0 ms) but cannot run: the stack is busy.
  const g = steps[printed(steps, 'G sync')]
  assertEquals(texts(g.stack), ['(main program)'])
  assertEquals(texts(g.microtasks), ['then callback, line 6', 'queueMicrotask callback, line 8', 'order() after await, line 12'])
  assertEquals(texts(g.suspended), ['order() suspended, line 12'])

  // B runs last, as a task, with both queues empty.
  const b = steps[printed(steps, 'B setTimeout 0')]
  assertEquals([texts(b.tasks), texts(b.microtasks)], [[], []])
  assertEquals(texts(b.stack), ['setTimeout callback()'])

  // The last step: the console holds every line, in the run's order.
  const last = steps.at(-1)!
  assertEquals(last.console.map((l) => l.text), r.lines.map((l) => l.text))
  assertEquals(r.lines.map((l) => l.text[0]).join(''), 'AEGCDFB')
})

Deno.test('a run of the same code always has the same number of steps (slide clicks rely on it)', async () => {
  const counts = new Set<number>()
  for (let i = 0; i < 3; i++) {
    const r = await runInSandbox(loopOrder, true)
    counts.add(buildSteps(r.events, { status: 'done', lines: r.lines }).length)
  }
  assertEquals(counts.size, 1)
})

Deno.test('a reaction on a promise the engine settles is inferred just before it runs, and says so', async () => {
  const r = await runInSandbox(`async function f() { return 1 }\nf().then(() => console.log('x'))`, true)
  const replay = inferQueued(r.events)
  const i = replay.findIndex((e) => e.k === 'inferred')
  assert(i !== -1, 'nothing was inferred')
  const next = replay[i + 1]
  assert(next.k === 'enter' && next.via?.q === 'micro', 'the inferred entry is not followed by its run')
  const steps = buildSteps(r.events)
  const s = steps.find((x) => x.sentence.includes('hides when it got there'))
  assert(s && s.microtasks.length === 1, 'no step shows the inferred reaction in the queue')
})

Deno.test('a timer enters the task queue only once its delay has passed', async () => {
  const r = await runInSandbox(`setTimeout(() => console.log('late'), 30)\nsetTimeout(() => console.log('soon'), 0)\nconsole.log('sync')`, true)
  const steps = buildSteps(r.events)
  const sync = steps[printed(steps, 'sync')]
  assertEquals(texts(sync.tasks), ['setTimeout 0 ms, line 2'])
  assertEquals(texts(sync.host), ['setTimeout 30 ms, line 1'])
  const late = steps[printed(steps, 'late')]
  assertEquals([texts(late.host), texts(late.tasks)], [[], []])
})

Deno.test('awaiting fakeFetch shows the request in the host, and the continuation queued when it answers', async () => {
  const r = await runInSandbox(`import { fakeFetch } from './toolkit.ts'\nconst res = await fakeFetch('/menu', { delay: 20 })\nconsole.log(res.status)`, true)
  const steps = buildSteps(r.events)
  const waiting = steps.find((s) => s.suspended.length && s.host.length)
  assert(waiting, 'no step shows the program waiting on the request')
  assertEquals(texts(waiting.host), ['network request (fakeFetch), 20 ms'])
  const queued = steps.find((s) => s.sentence.startsWith('A promise settles'))
  assert(queued, 'the settle of the fetch promise was not recorded')
  assertEquals(texts(queued.microtasks), ['(main program) after await, line 2'])
})

Deno.test('every slide that steps a visualized demo with its clicks has one click per step', async () => {
  const { sourceSlides } = await import('../tests/e2e/deck-source.ts')
  const stepped = (await sourceSlides()).filter((s) => s.clicks && /<LiveDemo\b[^>]*\bvisualize\b/.test(s.raw))
  assert(stepped.length >= 2, 'no slide steps its demo with clicks')
  for (const slide of stepped) {
    const src = /src="([^"]+)"/.exec(slide.raw)![1]
    const r = await runInSandbox(Deno.readTextFileSync(new URL(`../demos/${src}`, import.meta.url)), true)
    const steps = buildSteps(r.events, { status: 'done', lines: r.lines })
    assertEquals(steps.length - 1, slide.clicks, `slide ${slide.no} (${src}): set its frontmatter to clicks: ${steps.length - 1}`)
  }
})

Deno.test('a stack overflow: every step keeps only the top frames of the stack', async () => {
  const r = await runInSandbox('function f(): number { return f() + 1 }\nf()', true)
  assertEquals(r.end, 'error')
  const steps = buildSteps(r.events, { status: 'error', lines: r.lines })
  const deepest = steps.reduce((a, s) => (s.stack.length > a.stack.length ? s : a))
  assertEquals(deepest.stack.length, 13)
  assert(/^… and [\d,]+ more$/.test(deepest.stack.at(-1)!.text), deepest.stack.at(-1)!.text)
  assertEquals(deepest.stack[0].text, 'f()')
})

Deno.test('a mid-run step shows the lines printed until then, also once the console has dropped earlier ones', async () => {
  const r = await runInSandbox("for (let i = 0; i < 250; i++) console.log('line', i)", true)
  assertEquals(r.end, 'done')
  // What the demo's console shows after the run: the newest CONSOLE_LINES under one count of the rest.
  const shown = [{ level: 'system' as const, text: '50 earlier lines dropped', t: 0, depth: 0 }, ...r.lines.slice(-200)]
    .map((l, i) => ({ ...l, id: i + 1 }))
  const steps = buildSteps(r.events, { status: 'done', lines: shown })
  const fifth = steps[printed(steps, 'line 4')]
  assert(fifth, 'no step printed line 4')
  assertEquals(consoleAtStep(fifth, shown, false).map((l) => l.text), ['line 0', 'line 1', 'line 2', 'line 3', 'line 4'])
  assertEquals(consoleAtStep(steps.at(-1)!, shown, true), shown)
})
