/**
 * Python demos in the built deck: CPython 3.14 on Pyodide, in a module
 * worker inside the sandbox frame, driven through the contract only.
 * Everything waits for events (a line, a status); nothing asserts how long
 * a run took in wall-clock time on this machine. The gather demo's total is
 * what the program measured itself: the longest wait, not the sum.
 */
import { deepStrictEqual as assertEquals, match as assertMatch, ok as assert } from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { openPage, waitForSlide, withDeck } from './harness.ts'
import {
  assertResponsive,
  click,
  demoSlide,
  type Line,
  lines,
  openDemo,
  root,
  runToEnd,
  settle,
  shareLink,
  status,
  watchStreaming,
} from './demo-driver.ts'
import { sourceSlides } from './deck-source.ts'
import { CONSOLE_LINES } from '../../runtime/limits.ts'

const GATHER = 'asyncio-gather'
const RACE = 'asyncio-race'
const gatherSlide = await demoSlide(GATHER)
const raceSlide = await demoSlide(RACE)

const text = (ls: Line[]) => ls.map((l) => `${l.level}: ${l.text}`).join('\n')
const program = (ls: Line[]) => ls.filter((l) => l.level !== 'system').map((l) => l.text)

/** Runs `code` in the gather demo (opened by share link) until it ends. */
async function runCode(page: Page, origin: string, code: string, timeoutMs = 60_000) {
  await openDemo(page, shareLink(origin, gatherSlide, GATHER, code), GATHER)
  return await runToEnd(page, GATHER, timeoutMs)
}

Deno.test('Python: asyncio.gather runs live, streams its prints, and takes the longest wait, not the sum', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { page, record } = await openPage(browser, origin)
    await openDemo(page, `${origin}/${gatherSlide}`, GATHER)
    assertEquals(await page.locator(root(GATHER)).getAttribute('data-lang'), 'python')
    const streamed = await watchStreaming(page, GATHER)
    // The first Run on a slide opened directly loads Python: it may take seconds.
    const run = await runToEnd(page, GATHER, 90_000)
    assertEquals(run.status, 'done', text(run.lines))
    const out = program(run.lines)
    assertEquals(out.slice(0, 3).map((l) => l.split(' ')[0]), ['b', 'c', 'a'], text(run.lines))
    assertEquals(out[3], "['a after 0.3 s', 'b after 0.1 s', 'c after 0.2 s']")
    const total = Number(/^total: ([\d.]+) s$/.exec(out[4])?.[1])
    assert(total >= 0.3 && total < 0.6, `gathered waits overlap: ${out[4]}`)
    assert(await streamed(), 'the prints showed while the run was still going')
    // Chromium has WebAssembly JS Promise Integration: asyncio.run blocks as in CPython, no fallback.
    assert(!/JS Promise Integration/.test(text(run.lines)), text(run.lines))
    // A second Run uses the spare interpreter, and prints the same.
    const again = await runToEnd(page, GATHER, 90_000)
    assertEquals(again.status, 'done', text(again.lines))
    assertEquals(program(again.lines)[3], out[3])
    assertEquals(record.outside, [])
    assertEquals(record.failed, [])
  })
})

Deno.test('Python: the race loses money without asyncio.Lock and refuses with it', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { page, record } = await openPage(browser, origin)
    await openDemo(page, `${origin}/${raceSlide}`, RACE)
    const run = await runToEnd(page, RACE, 90_000)
    assertEquals(run.status, 'done', text(run.lines))
    assertEquals(program(run.lines), [
      "no lock:   ['paid', 'paid'] balance -60",
      "with Lock: ['paid', 'refused'] balance 20",
    ])
    assertEquals(record.outside, [])
  })
})

Deno.test('Python: a traceback names the editor\'s line; a thread attempt gets its clear line', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { page } = await openPage(browser, origin)
    const boom = await runCode(page, origin, 'print("one")\n\ndef f():\n    return 1 / 0\n\nf()\n')
    assertEquals(boom.status, 'error')
    const err = boom.lines.find((l) => l.level === 'error')?.text ?? ''
    assertMatch(err, /File "demo\.py", line 6, in <module>/)
    assertMatch(err, /File "demo\.py", line 4, in f/)
    assertMatch(err, /ZeroDivisionError: division by zero$/)
    assert(!err.includes('_pyodide'), `Pyodide's own frames are left out:\n${err}`)

    const threads = await runCode(page, origin, 'import threading\nthreading.Thread(target=print).start()\n')
    assertEquals(threads.status, 'error')
    assertMatch(text(threads.lines), /RuntimeError: can't start new thread/)
    assertMatch(text(threads.lines), /system: This Python runs on one thread, in WebAssembly.*native capture shows the real threads/)
  })
})

Deno.test('Python: Stop ends `while True: pass`, and so does the watchdog; the deck answers throughout', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { page } = await openPage(browser, origin)
    const SPIN = 'print("spinning")\nwhile True:\n    pass\n'
    await openDemo(page, shareLink(origin, gatherSlide, GATHER, SPIN), GATHER)
    await click(page, GATHER, 'run')
    await page.locator(`${root(GATHER)} [data-log][data-level="log"]`, { hasText: 'spinning' }).waitFor({ timeout: 90_000 })
    assertEquals(await status(page, GATHER), 'running')
    await assertResponsive(page)
    await click(page, GATHER, 'stop')
    assertEquals(await settle(page, GATHER), 'stopped')

    // Left alone, the watchdog ends it: the thread never comes back.
    const run = await runToEnd(page, GATHER, 90_000)
    assertEquals(run.status, 'timeout')
    assertMatch(text(run.lines), /system: Stopped: the code did not give its thread back for 3 s/)
    await assertResponsive(page)
  })
})

Deno.test('Python: a million prints end with the usual bounded console, and the deck answers', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { page } = await openPage(browser, origin)
    const flood = await runCode(page, origin, 'for i in range(1_000_000):\n    print(i)\n')
    // Done, or stopped by the watchdog if a million prints keep the thread past 3 s here.
    assert(['done', 'timeout'].includes(flood.status), text(flood.lines))
    assertMatch(flood.lines[0].text, /^[\d,]+ earlier lines dropped$/)
    assert(flood.lines.length <= CONSOLE_LINES + 2, `${flood.lines.length} lines in the console`)
    await assertResponsive(page)
  })
})

Deno.test('Python: a memory bomb ends only its sandbox, with its clear line; the deck answers and keeps the code', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { page } = await openPage(browser, origin)
    const bomb = await runCode(page, origin, 'hog = []\nwhile True:\n    hog.append(bytearray(500_000_000))\n')
    // However it ends (Python's MemoryError at WebAssembly's 4 GB, the frame's
    // process dying, or the watchdog if growing takes seconds), it ends with its clear line.
    assert(['error', 'timeout'].includes(bomb.status), text(bomb.lines))
    assertMatch(text(bomb.lines), /MemoryError|ran out of memory|did not give its thread back/)
    await assertResponsive(page)
    assertEquals(await page.locator(`${root(GATHER)} .live-demo-pre`).textContent(), 'hog = []\nwhile True:\n    hog.append(bytearray(500_000_000))\n', 'the code stays')
  })
})

Deno.test('Python loads only near a Python slide: the title slide fetches none of it; the slide before starts it', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { page, record } = await openPage(browser, origin)
    const pyodide: string[] = []
    page.on('request', (r) => r.url().includes('/pyodide/') && pyodide.push(r.url()))
    await page.goto(`${origin}/1`)
    await waitForSlide(page, 1)
    // Every slide is mounted a few seconds after the deck opens, its Python demos too: wait for all of them.
    const demos = (await sourceSlides()).reduce((n, sl) => n + [...sl.raw.matchAll(/<LiveDemo\b/g)].length, 0)
    await page.waitForFunction((n) => document.querySelectorAll('[data-live-demo]').length >= n, demos, {
      timeout: 90_000,
      polling: 250,
    })
    await page.waitForLoadState('networkidle')
    assertEquals(pyodide, [], 'nothing of Python loads on the title slide')

    await page.goto(`${origin}/${gatherSlide - 1}`)
    await waitForSlide(page, gatherSlide - 1)
    // The slide before the first Python demo fetches Pyodide's files.
    await page.waitForResponse((r) => r.url().endsWith('/pyodide/pyodide.asm.wasm'), { timeout: 30_000 })
    assertEquals(record.outside, [])
  })
})

Deno.test('Python: the presenter runs it once, and the audience window replays the same lines', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { context, page: audience } = await openPage(browser, origin)
    await openDemo(audience, `${origin}/${raceSlide}`, RACE)
    const presenter = await context.newPage()
    await openDemo(presenter, `${origin}/presenter/${raceSlide}`, RACE)
    const run = await runToEnd(presenter, RACE, 90_000)
    assertEquals(run.status, 'done', text(run.lines))
    // The audience's window shows the same end and the same program lines, without running it.
    assertEquals(await settle(audience, RACE, 20_000), 'done')
    assertEquals(program(await lines(audience, RACE)), program(run.lines))
    assertEquals(await audience.locator(root(RACE)).getAttribute('data-runs-here'), '0')
  })
})

Deno.test('Python runs where the deck is served without isolation headers and without a service worker', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { page, record } = await openPage(browser, origin, { serviceWorkers: 'block' })
    await openDemo(page, `${origin}/${raceSlide}`, RACE)
    assertEquals(await page.evaluate(() => crossOriginIsolated), false)
    const run = await runToEnd(page, RACE, 90_000)
    assertEquals(run.status, 'done', text(run.lines))
    assertEquals(program(run.lines).length, 2)
    assertEquals(record.outside, [])
  }, { isolation: false })
})
