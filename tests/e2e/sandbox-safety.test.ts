// A demo can never take the deck down: a memory bomb kills only the sandbox
// frame's process, a flood of output leaves the deck answering with flat
// memory, and opening a demo slide costs no long task of the deck's CPU time.
//
// Playwright calls a page "crashed" as soon as any of its out-of-process
// frames crashes, and then refuses to drive it, although the deck lives on.
// So the crash test drives the deck through a CDP session, which keeps
// talking to the page's own renderer.
//
// Over 300 lines: the crash, flood, starvation and slide-opening checks
// share that CDP driving and the CPU-time probes, which belong together.
import {
  deepStrictEqual as assertEquals,
  match as assertMatch,
  ok as assert,
} from 'node:assert/strict'
import {
  type Browser,
  type BrowserContext,
  type CDPSession,
  chromium,
  type Page,
} from 'playwright-core'
import { CHROMIUM_ARGS, ensureSystemDeps } from '../../scripts/chromium.ts'
import { sourceSlides } from './deck-source.ts'
import { CONSOLE_LINES } from '../../runtime/limits.ts'
import { demoSlide, openDemo, root, runToEnd, shareLink } from './demo-driver.ts'
import { DIST, openPage, serveDeck, withDeck } from './harness.ts'
import {
  afterAllSlidesLoaded,
  jumpToSlide,
  slideChunks,
  stopDeckTrace,
  TRACE_CATEGORIES,
} from './long-tasks.ts'

const PG = 'playground'
const pgSlide = await demoSlide(PG)
const BOMB = 'const hog = []\nwhile (true) hog.push(new Array(1e6).fill(1.5))'

/** Evaluates `expression` in the deck's page through CDP; works after a frame crash too. */
async function cdpEval<T>(cdp: CDPSession, expression: string): Promise<T> {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression,
    returnByValue: true,
    awaitPromise: true,
  })
  if (exceptionDetails) throw new Error(`in the page: ${exceptionDetails.text} ${expression}`)
  return result.value as T
}

const demoState = (cdp: CDPSession) =>
  cdpEval<{ status: string; lines: string[]; code: string }>(
    cdp,
    `(() => {
      const el = document.querySelector('${root(PG)}')
      return {
        status: el.getAttribute('data-status'),
        lines: [...el.querySelectorAll('[data-log]')].map((l) => l.getAttribute('data-level') + ': ' + l.textContent),
        code: el.querySelector('.live-demo-pre').textContent,
      }
    })()`,
  )

async function waitForEnd(cdp: CDPSession, timeoutMs: number) {
  const until = Date.now() + timeoutMs
  for (;;) {
    const state = await demoState(cdp)
    if (state.status !== 'running') return state
    if (Date.now() > until) throw new Error(`still running after ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/**
 * The built deck in a Chromium whose V8 heaps are 256 MB, not the default
 * 4 GB, so a memory bomb reaches the limit in well under the watchdog's 3 s:
 * its process then dies exactly as it would at 4 GB, and that is the path
 * these tests are about.
 */
async function withSmallHeaps(test: (browser: Browser, origin: string) => Promise<void>) {
  const server = serveDeck()
  const browser = await chromium.launch({
    executablePath: await ensureSystemDeps(),
    args: [...CHROMIUM_ARGS, '--js-flags=--max-old-space-size=256'],
    headless: true,
  })
  try {
    await test(browser, server.origin)
  } finally {
    await browser.close()
    await server.close()
  }
}

Deno.test('a memory bomb kills only its sandbox: the deck lives on, says so, keeps the code, and runs the next one', async () => {
  await withSmallHeaps(async (browser, origin) => {
    const { context, page } = await openPage(browser, origin)
    const cdp = await context.newCDPSession(page)
    await openDemo(page, shareLink(origin, pgSlide, PG, BOMB), PG)
    await page.locator(`${root(PG)} [data-action="run"]`).click()

    const crashed = await waitForEnd(cdp, 20_000)
    assertEquals(crashed.status, 'error')
    assertMatch(
      crashed.lines.join('\n'),
      /system: The program ran out of memory .*The deck is fine/,
    )
    assertEquals(crashed.code, BOMB, 'the code in the editor was lost')

    // The deck's own thread still runs tasks, and the slides still move.
    assertEquals(await cdpEval(cdp, 'new Promise((r) => setTimeout(() => r(42), 0))'), 42)
    const here = await cdpEval<string>(cdp, 'location.pathname')
    for (const type of ['mousePressed', 'mouseReleased'] as const) {
      await cdp.send('Input.dispatchMouseEvent', {
        type,
        x: 5,
        y: 5,
        button: 'left',
        clickCount: 1,
      })
    }
    await pressKey(cdp, 'ArrowDown', 40)
    await waitForCdp(cdp, `location.pathname !== ${JSON.stringify(here)}`)
    await pressKey(cdp, 'ArrowUp', 38)
    await waitForCdp(cdp, `location.pathname === ${JSON.stringify(here)}`)

    // The next Run gets a fresh sandbox frame, and works.
    await cdpEval(cdp, `document.querySelector('${root(PG)} [data-action="reset"]').click()`)
    await cdpEval(cdp, `document.querySelector('${root(PG)} [data-action="run"]').click()`)
    await waitForCdp(
      cdp,
      `document.querySelector('${root(PG)}').getAttribute('data-status') !== 'idle'`,
    )
    const next = await waitForEnd(cdp, 20_000)
    assertEquals(next.status, 'done', next.lines.join('\n'))
    assert(next.lines.length > 3, next.lines.join('\n'))
    assertEquals(
      await cdpEval(cdp, 'document.querySelectorAll("iframe[data-sandbox-frame]").length'),
      1,
    )
    await context.close()
  })
})

// ---- a starved sandbox is not a dead one ----

/**
 * Throttles the sandbox frame's process `rate` times, as a laptop that is
 * screen-sharing or recording starves it: its compiles and its answers to
 * the watchdog come that much later. Returns the frame's CDP session.
 */
async function starveSandbox(
  page: Page,
  context: BrowserContext,
  rate: number,
): Promise<CDPSession> {
  const element = await page.locator('iframe[data-sandbox-frame]').elementHandle({
    timeout: 15_000,
  })
  const frame = await element!.contentFrame()
  if (!frame) throw new Error('the sandbox frame has no content frame')
  // The frame gets a process (and a CDP session) of its own only once its
  // document has committed there; before, it is the parent's about:blank.
  await frame.waitForLoadState('load')
  const until = Date.now() + 15_000
  for (;;) {
    try {
      const cdp = await context.newCDPSession(frame)
      await cdp.send('Emulation.setCPUThrottlingRate', { rate })
      return cdp
    } catch (e) {
      if (!/separate CDP session/.test(String(e)) || Date.now() > until) throw e
      await new Promise((r) => setTimeout(r, 100))
    }
  }
}

const WORKER_ROUND_TRIP = await Deno.readTextFile(
  new URL('../../demos/06-worker-message.ts', import.meta.url),
)

Deno.test('a starved sandbox is not a dead one: live programs end as they should, and a memory bomb still ends as a crash', async () => {
  await withSmallHeaps(async (browser, origin) => {
    // Each program compiles in the starved frame (a nested worker's source
    // too), which is when the old watchdog took the silence for death.
    const programs: { code: string; status: string; says: RegExp }[] = [
      {
        code: "console.log('hello from a starved sandbox')",
        status: 'done',
        says: /log: hello from a starved sandbox/,
      },
      { code: "document.body.innerHTML = 'owned'", status: 'error', says: /error: .*document/ },
      { code: "await import('https://example.com/x.js')", status: 'error', says: /error: / },
      {
        code: WORKER_ROUND_TRIP,
        status: 'done',
        says: /main: the worker replied: 12 squared is 144/,
      },
    ]
    for (const p of programs) {
      const { context, page } = await openPage(browser, origin)
      await openDemo(page, shareLink(origin, pgSlide, PG, p.code), PG)
      await starveSandbox(page, context, 20)
      const run = await runToEnd(page, PG, 30_000)
      const said = run.lines.map((l) => `${l.level}: ${l.text}`).join('\n')
      assertEquals(run.status, p.status, said)
      assertMatch(said, p.says)
      assert(!/ran out of memory/.test(said), `a live program was called crashed:\n${said}`)
      await context.close()
    }

    // Death still reads as death through the same starvation.
    const { context, page } = await openPage(browser, origin)
    const cdp = await context.newCDPSession(page)
    await openDemo(page, shareLink(origin, pgSlide, PG, BOMB), PG)
    await starveSandbox(page, context, 20)
    await page.locator(`${root(PG)} [data-action="run"]`).click()
    const crashed = await waitForEnd(cdp, 30_000)
    assertEquals(crashed.status, 'error', crashed.lines.join('\n'))
    assertMatch(
      crashed.lines.join('\n'),
      /system: The program ran out of memory .*The deck is fine/,
    )
    await context.close()
  })
})

/** Presses and releases `key` in the deck's page through CDP. */
async function pressKey(cdp: CDPSession, key: string, keyCode: number) {
  for (const type of ['keyDown', 'keyUp'] as const) {
    await cdp.send('Input.dispatchKeyEvent', { type, key, code: key, windowsVirtualKeyCode: keyCode })
  }
}

async function waitForCdp(cdp: CDPSession, condition: string, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs
  while (!(await cdpEval<boolean>(cdp, condition))) {
    if (Date.now() > until) throw new Error(`not true after ${timeoutMs} ms: ${condition}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

// ---- long tasks ----

/** A task of the deck's own that holds its thread for more CPU time than this is long. */
const LONG_TASK_CPU_MS = 50

// Wall-clock long tasks count the moments a thread waited for a core, so on
// a shared machine they say as much about the load as about the deck: they
// are the bench's (`deno task bench`, beside the plain Slidev floor). What a
// test can hold on any machine is the CPU time each task of the deck got,
// which a Chromium trace records for every task.
Deno.test('opening any demo slide costs the deck no task over 50 ms of CPU time: jumped to, or loaded directly', async () => {
  const slides = (await sourceSlides()).filter((s) => /<LiveDemo/.test(s.raw))
  const chunks = slideChunks(DIST)
  await withDeck(async ({ browser, origin }) => {
    const failures: string[] = []
    /**
     * The deck's longest task (CPU ms) from `start` until every slide has
     * loaded and the runner has settled, and how each long one read.
     */
    const once = async (no: number, start: (page: Page) => Promise<void>) => {
      const { context, page } = await openPage(browser, origin)
      await start(page)
      await browser.startTracing(page, { categories: TRACE_CATEGORIES })
      const run = page.locator(`.slidev-page-${no} [data-action="run"]`)
      if (!(await run.isVisible())) {
        await jumpToSlide(page, no)
        await run.waitFor({ timeout: 15_000 })
      }
      // The runner loads and the sandbox frame starts in idle time after the
      // slide shows; the other slides load in idle moments after 3 s.
      await page.locator('iframe[data-sandbox-frame]').waitFor({
        state: 'attached',
        timeout: 15_000,
      })
      await afterAllSlidesLoaded(page, chunks)
      const tasks = await stopDeckTrace(browser, origin)
      await context.close()
      const longest = Math.max(0, ...tasks.map((t) => t.cpuMs))
      const said = tasks.filter((t) => t.cpuMs > LONG_TASK_CPU_MS).map((t) => `${t.cpuMs} ms of CPU (${t.ms} ms wall)`)
      return { longest, said }
    }
    /**
     * One task's CPU time still varies with what else the cores run (two
     * hardware threads share one core's caches and units: a busy sibling
     * made a 40-odd ms task read 53 and 78 ms). So an opening over the limit
     * is measured twice more, and it fails if the median of the three is.
     */
    const measure = async (label: string, no: number, start: (page: Page) => Promise<void>) => {
      const first = await once(no, start)
      if (first.longest <= LONG_TASK_CPU_MS) return
      const runs = [first, await once(no, start), await once(no, start)]
      const median = runs.map((r) => r.longest).sort((a, b) => a - b)[1]
      if (median > LONG_TASK_CPU_MS) {
        failures.push(`${label}: longest task's CPU ${runs.map((r) => r.longest).join(', ')} ms in three openings (${runs.flatMap((r) => r.said).join('; ')})`)
      }
    }
    for (const slide of slides) {
      // A speaker's jump, right after the deck has shown its first slide.
      await measure(`jump to slide ${slide.no}`, slide.no, async (page) => {
        await page.goto(`${origin}/1`)
        await page.locator('.slidev-page-1').waitFor()
      })
      // A deep link: the deck loads at the demo slide (its start-up, Slidev's
      // own, is not counted: the trace starts once the slide shows).
      await measure(`load at slide ${slide.no}`, slide.no, async (page) => {
        await page.goto(`${origin}/${slide.no}`)
        await page.locator(`.slidev-page-${slide.no} [data-action="run"]`).waitFor({
          timeout: 15_000,
        })
      })
    }
    assertEquals(failures, [])
  })
})

// How long the deck's tasks take during a flood is the bench's to measure
// (`deno task bench`: the longest task, from a trace). Asserted here is what
// does not depend on the machine's load: the console ends with the newest
// lines under one count of the rest, the deck's heap stays flat, and the deck
// keeps answering while the flood runs.
Deno.test('a flood of a million lines leaves the deck answering, its memory flat, its console bounded', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { context, page } = await openPage(browser, origin)
    const cdp = await context.newCDPSession(page)
    await openDemo(
      page,
      shareLink(origin, pgSlide, PG, "for (let i = 0; i < 1e6; i++) console.log('line', i, { i })"),
      PG,
    )
    await page.locator('iframe[data-sandbox-frame]').waitFor({ state: 'attached', timeout: 15_000 })
    await afterAllSlidesLoaded(page, slideChunks(DIST))
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage')
      return (await cdp.send('Runtime.getHeapUsage')).usedSize
    }
    const before = await heap()
    const running = runToEnd(page, PG, 25_000)
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.getAttribute('data-status') === 'running',
      root(PG),
    )
    // Mid-flood, the deck's thread still gets to a task of its own, again and
    // again (leaving the slide would stop the run, so no keys here).
    let answers = 0
    while ((await page.locator(root(PG)).getAttribute('data-status')) === 'running') {
      let timer: ReturnType<typeof setTimeout> | undefined
      await Promise.race([
        page.evaluate(() => new Promise((r) => setTimeout(r, 0))),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error('the deck did not answer in 2 s mid-flood')),
            2_000,
          )
        }),
      ]).finally(() => clearTimeout(timer))
      answers++
    }
    assert(answers > 0, 'the flood ended before the deck was asked anything')
    const run = await running
    assertEquals(run.status, 'done')
    assertEquals(run.lines.length, CONSOLE_LINES + 1)
    assertEquals(
      run.lines[0].text,
      `${(1e6 - CONSOLE_LINES).toLocaleString('en-US')} earlier lines dropped`,
    )
    assertEquals(run.lines.at(-1)?.text, 'line 999999 {i: 999999}')
    const growth = (await heap()) - before
    // The console keeps its last lines, not a million: a few MB at most.
    assert(growth < 8 * 2 ** 20, `the deck's heap grew by ${(growth / 2 ** 20).toFixed(1)} MB`)
    await context.close()
  })
})
