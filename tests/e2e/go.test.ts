/**
 * Go demos in the built deck: programs compiled to js/wasm by `deno task
 * build` with this machine's Go, run in a worker inside the sandbox frame.
 * Where the deck was built without Go, the demos must say why they cannot
 * run instead (the second test); CI builds with Go.
 */
import { deepStrictEqual as assertEquals, match as assertMatch, ok as assert } from 'node:assert/strict'
import { builtWithGo, openPage, withDeck } from './harness.ts'
import { click, demoSlide, type Line, lines, openDemo, root, runToEnd, settle, shareLink, watchStreaming } from './demo-driver.ts'

const GOROUTINES = 'go-goroutines'
const RACE = 'go-race'
const POOL = 'go-pool'
const text = (ls: Line[]) => ls.map((l) => `${l.level}: ${l.text}`).join('\n')
const program = (ls: Line[]) => ls.filter((l) => l.level !== 'system').map((l) => l.text)

const withGo = await builtWithGo()

Deno.test({
  name: 'Go: the goroutines demo prints live in the browser, each job after its wait; race.go counts all 8,000,000',
  ignore: !withGo,
  async fn() {
    await withDeck(async ({ browser, origin }) => {
      const { page, record } = await openPage(browser, origin)
      await openDemo(page, `${origin}/${await demoSlide(GOROUTINES)}`, GOROUTINES)
      assertEquals(await page.locator(root(GOROUTINES)).getAttribute('data-lang'), 'go')
      const streamed = await watchStreaming(page, GOROUTINES)
      await click(page, GOROUTINES, 'run')
      assertEquals(await settle(page, GOROUTINES), 'done', text(await lines(page, GOROUTINES)))
      // The first job's line showed while the others still waited: streamed, not printed at the end.
      assert(await streamed(), 'a line showed while the program still ran')
      // Each job says when it finished, never before its wait (the order is the
      // timers' and is not asserted: a machine busy enough to fire them late may mix it).
      const out = program(await lines(page, GOROUTINES))
      const jobs = out.map((l) => /^(\d+) ms job done at (\d+) ms$/.exec(l)).map((m) => m && [Number(m[1]), Number(m[2])])
      assertEquals(jobs.map((j) => j?.[0]).sort(), [100, 200, 300], out.join('\n'))
      assert(jobs.every((j) => j && j[1] >= j[0]), out.join('\n'))

      await openDemo(page, `${origin}/${await demoSlide(RACE)}`, RACE)
      const race = await runToEnd(page, RACE)
      assertEquals(race.status, 'done', text(race.lines))
      // One thread, no preemption: the lost updates of the native capture do not happen here.
      assertEquals(program(race.lines), ['counter: 8000000 of 8000000'])
      assertEquals(record.outside, [])
    })
  },
})

/** The pool's lines: NumCPU and GOMAXPROCS, each run's goroutines and ms, and the speed-up. */
function poolReport(out: string[]) {
  const cpu = /^NumCPU: (\d+) · GOMAXPROCS: (\d+)$/.exec(out[0] ?? '')
  const runs = out.slice(1, 4).map((l) => /^(\d) goroutine\(s\): (\d+) ms$/.exec(l)).map((m) => m && [Number(m[1]), Number(m[2])])
  const speedUp = /^speed-up: (\d+\.\d\d)×$/.exec(out[4] ?? '')
  return { cpu: cpu && [Number(cpu[1]), Number(cpu[2])], runs, speedUp: speedUp && Number(speedUp[1]), lines: out.length }
}

Deno.test({
  name: 'Go: the CPU-bound pool runs on one thread in the browser (NumCPU 1, GOMAXPROCS 1), beside a native capture on more than one CPU',
  ignore: !withGo,
  async fn() {
    await withDeck(async ({ browser, origin }) => {
      const { page, record } = await openPage(browser, origin)
      await openDemo(page, `${origin}/${await demoSlide(POOL)}`, POOL)
      assertEquals(await page.locator(root(POOL)).getAttribute('data-lang'), 'go')
      // Hashing 128 MB three times on a busy shared machine: the time limit is the demo's, not this test's.
      const run = await runToEnd(page, POOL, 60_000)
      assertEquals(run.status, 'done', text(run.lines))
      const out = program(run.lines)
      const report = poolReport(out)
      // What the browser gives Go: one CPU, one thread for Go code.
      assertEquals(report.cpu, [1, 1], out.join('\n'))
      assertEquals(report.runs.map((r) => r?.[0]), [1, 1, 4], out.join('\n'))
      assertEquals(report.lines, 5, out.join('\n'))
      // The speed-up is the ratio of the times it printed (each rounded down to a ms), whatever they were.
      const [one, four] = [report.runs[1]![1], report.runs[2]![1]]
      assert(report.speedUp !== null && four > 0, out.join('\n'))
      const s = report.speedUp!
      assert(s >= one / (four + 1) - 0.005 && s <= (one + 1) / four + 0.005, out.join('\n'))
      // The capture beside it ran natively, on more than one CPU, then with GOMAXPROCS=1.
      const capture = (await page.locator(`${root(POOL)} .live-demo-aside`).textContent()) ?? ''
      const native = [...capture.matchAll(/NumCPU: (\d+) · GOMAXPROCS: (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])])
      if (!/was not installed/.test(capture)) {
        assertEquals(native.length, 2, capture)
        assert(native[0][0] > 1 && native[0][1] === native[0][0], capture)
        assertEquals(native[1], [native[0][0], 1], capture)
      }
      assertEquals(record.outside, [])
    })
  },
})

Deno.test('Go: edited code never runs the old binary: Run says so and shows go run', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { page } = await openPage(browser, origin)
    const slide = await demoSlide(GOROUTINES)
    await openDemo(page, `${origin}/${slide}`, GOROUTINES)
    const original = await page.locator(`${root(GOROUTINES)} .live-demo-pre`).textContent() ?? ''
    const edited = original.replace('[]int{300, 100, 200}', '[]int{900, 100, 200}')
    assert(edited !== original, 'the edit applies')
    await openDemo(page, shareLink(origin, slide, GOROUTINES, edited), GOROUTINES)
    const run = await runToEnd(page, GOROUTINES)
    assertEquals(run.status, 'error')
    assertEquals(program(run.lines).filter((l) => /job done/.test(l)), [], 'the old binary did not run')
    assertMatch(text(run.lines), /system: This Go code was edited\. Go compiles when the deck is built.*go run 17-goroutines\.go/)
  })
})
