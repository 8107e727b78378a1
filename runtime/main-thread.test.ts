// Main-thread mode, run for real in Deno: the budget cuts endless code with
// a clear message, output and errors point at the user's lines, timers end
// with the run, and the allowlist is what run.ts checks.
import { deepStrictEqual as assertEquals, match as assertMatch, ok as assert } from 'node:assert/strict'
import { compileProgram } from './compile.ts'
import { MAIN_THREAD_DEMO_IDS, runOnMainThread } from './main-thread.ts'
import type { ConsoleLine } from './protocol.ts'
import { DEFAULT_LIMITS } from './limits.ts'

const toolkitSource = Deno.readTextFileSync(new URL('../demos/toolkit.ts', import.meta.url))

/** Runs on this thread and reads its messages the way run.ts does. */
function runMain(source: string, budgetMs = 300) {
  const program = compileProgram(source, 'demo.ts', { 'toolkit.ts': toolkitSource }, true)
  if (!program.ok) throw new Error('compile failed')
  const lines: ConsoleLine[] = []
  return new Promise<{ status: string; lines: ConsoleLine[]; at?: { line: number }; blockedMs?: number }>((resolve) => {
    const finish = (r: { status: string; at?: { line: number }; blockedMs?: number }) =>
      setTimeout(() => resolve({ ...r, lines }), 30)
    runOnMainThread({
      file: 'demo.ts',
      code: program.code,
      modules: program.modules,
      budgetMs,
      limits: DEFAULT_LIMITS,
      send: (m) => {
        if (m.type === 'lines') lines.push(...m.lines)
        else if (m.type === 'done') finish({ status: 'done' })
        else if (m.type === 'error') finish({ status: 'error', at: m.at })
        else if (m.type === 'blocked') finish({ status: 'timeout', blockedMs: m.ms })
      },
    })
  })
}

Deno.test('only the freeze demo may run on the main thread', () => {
  assertEquals([...MAIN_THREAD_DEMO_IDS], ['freeze'])
})

Deno.test('an endless loop is cut after the budget with a clear message', async () => {
  const t0 = performance.now()
  const r = await runMain("console.log('before')\nwhile (true) {}")
  const took = performance.now() - t0
  assertEquals(r.status, 'timeout')
  assertEquals(r.blockedMs, 300)
  assertEquals(r.lines.map((l) => l.text), ['before'])
  assert(took < 2_000, `${took} ms`)
})

Deno.test('the toolkit is guarded too: work() past the budget is cut', async () => {
  const r = await runMain("import { work } from './toolkit.ts'\nwork(5000)")
  assertEquals(r.status, 'timeout')
})

Deno.test('an endless microtask chain is cut', async () => {
  const r = await runMain('function spin() { Promise.resolve().then(spin) }\nspin()')
  assertEquals(r.status, 'timeout')
})

Deno.test('code that yields in time runs to done', async () => {
  const r = await runMain(
    "import { sleep, work } from './toolkit.ts'\nwork(150)\nawait sleep(50)\nwork(150)\nconsole.log('ok')",
  )
  assertEquals(r.status, 'done')
  assertEquals(r.lines.map((l) => l.text), ['ok'])
})

Deno.test('runtime errors name the user line; page globals are stubs', async () => {
  const r = await runMain('const a = 1\nsetTimeout(() => {\n  throw new TypeError("late")\n}, 5)')
  assertEquals(r.status, 'error')
  assertMatch(r.lines[0].text, /^Uncaught TypeError: late\n\s+at demo\.ts:3:/)
  assertEquals(r.at?.line, 3)
  const d = await runMain("document.title = 'x'")
  assertEquals(d.status, 'error')
  assertMatch(d.lines[0].text, /document is not available in the main-thread demo/)
})

Deno.test('unhandled rejections from the demo are reported', async () => {
  const r = await runMain('async function f() {\n  throw new Error("nope")\n}\nf()')
  assertEquals(r.status, 'error')
  assertMatch(r.lines[0].text, /^Uncaught \(in promise\) Error: nope\n\s+at f \(demo\.ts:2:/)
})

Deno.test('code that yields with scheduler.yield() runs on past the budget', async () => {
  // Browsers run yield() continuations ahead of timers, so the heartbeat timer
  // may not run at all; this stand-in resumes without a timer either.
  const g = globalThis as { scheduler?: unknown }
  g.scheduler = {
    yield: () => new Promise<void>((r) => queueMicrotask(r)),
    postTask: (task: () => unknown) => Promise.resolve().then(task),
  }
  try {
    const r = await runMain(
      "import { work } from './toolkit.ts'\nfor (let i = 0; i < 8; i++) {\n  work(100)\n  await scheduler.yield()\n}\nconsole.log('all slices ran')",
    )
    assertEquals(r.status, 'done')
    assertEquals(r.lines.map((l) => l.text), ['all slices ran'])
  } finally {
    delete g.scheduler
  }
})
