/**
 * Cross-origin isolation on the built deck, served three ways:
 * - with the isolation headers, as Netlify, Cloudflare Pages and Vercel
 *   serve it (public/_headers, public/vercel.json);
 * - without them, as GitHub Pages serves it: the service worker
 *   (public/isolation-sw.js) isolates the page after one reload;
 * - without them and with service workers blocked: not isolated, and the
 *   shared-memory demo says why instead of running.
 * Also checks that isolation breaks nothing else: fonts, Monaco and its
 * workers, share links, and no request leaving the machine; and that a
 * Python demo (Pyodide, in its worker in the sandbox frame) runs in all
 * three ways, saying whether its own worker is isolated.
 */
import { deepStrictEqual as assertEquals, match as assertMatch, ok as assert } from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { openPage, type PageRecord, withDeck } from './harness.ts'
import {
  assertResponsive,
  demoSlide,
  type Line,
  openDemo,
  root,
  runToEnd,
  shareLink,
} from './demo-driver.ts'

const ID = 'shared-counter'
const slide = await demoSlide(ID)
const SOURCE = await Deno.readTextFile(new URL('../../demos/11-shared-counter.ts', import.meta.url))

const text = (ls: Line[]) => ls.map((l) => `${l.level}: ${l.text}`).join('\n')

/**
 * Runs the race demo and checks what must hold on every run: the expected
 * total, two plain rounds and one Atomics round, Atomics.add exact. Returns
 * how many updates the plain rounds lost.
 */
async function raceOnce(page: Page, workers = 8): Promise<{ lost: number; lines: Line[] }> {
  const run = await runToEnd(page, ID, 30_000)
  const why = text(run.lines)
  assertEquals(run.status, 'done', why)
  const printed = run.lines.filter((l) => l.level !== 'system').map((l) => l.text)
  const total = workers * 1_000_000
  assertEquals(printed[0], `expected:    ${total.toLocaleString('en')}`, why)
  const rounds = printed.slice(1).map((l) => /^(plain \+\+|Atomics\.add): +([\d,]+)$/.exec(l))
  assertEquals(rounds.map((m) => m?.[1]), ['plain ++', 'plain ++', 'Atomics.add'], why)
  const [first, second, atomic] = rounds.map((m) => Number(m![2].replaceAll(',', '')))
  for (const got of [first, second]) assert(got > 0 && got <= total, why)
  assertEquals(atomic, total, `Atomics.add lost updates:\n${why}`)
  return { lost: 2 * total - first - second, lines: run.lines }
}

/**
 * The race loses updates. Whether one run does depends on how the threads
 * were scheduled (on two busy cores, now and then a round's loops don't
 * interleave; see demos/11-shared-counter.test.ts for the figures), so a
 * run where neither plain round lost anything is run once more.
 */
async function assertRaceLoses(page: Page, workers = 8): Promise<number> {
  let run = await raceOnce(page, workers)
  if (run.lost === 0) {
    console.log('  both plain rounds lost nothing this time; running the race again')
    run = await raceOnce(page, workers)
  }
  assert(run.lost > 0, `plain ++ lost nothing, twice:\n${text(run.lines)}`)
  return run.lost
}

/** Whether the page and the demo sandbox's frame (once its document has loaded) are isolated. */
async function isolation(page: Page) {
  const element = await page.waitForSelector('[data-sandbox-frame]', { state: 'attached' })
  const frame = await element.contentFrame()
  assert(frame, 'the sandbox frame has no document')
  await frame.waitForFunction(() => location.href === 'about:srcdoc' && document.readyState === 'complete')
  return {
    page: await page.evaluate(() => crossOriginIsolated),
    frame: await frame.evaluate(() => crossOriginIsolated),
  }
}

/** Calls `fn` on every request for the page's own document (a load or a reload). */
function onDocument(page: Page, fn: () => void) {
  page.on('request', (r) => {
    if (r.isNavigationRequest() && r.frame() === page.mainFrame()) fn()
  })
}

function assertClean(record: PageRecord, what: string) {
  assertEquals(record.outside, [], `${what}: requests left the machine`)
  assertEquals(record.failed, [], `${what}: requests failed`)
  assertEquals(record.errors, [], `${what}: console errors`)
}

Deno.test('with the isolation headers: page and sandbox are isolated; plain ++ loses updates, Atomics.add none', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await openPage(browser, origin)
    await openDemo(page, `${origin}/${slide}`, ID)
    assertEquals(await isolation(page), { page: true, frame: true })
    const lost = await assertRaceLoses(page)
    console.log(`  plain ++ lost ${lost.toLocaleString('en')} of 16,000,000 updates in two rounds`)
    assertEquals(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length)), 0, 'no service worker where the headers isolate')
    assertClean(record, 'with headers')
    await context.close()
  })
})

Deno.test('without headers, on a host like GitHub Pages: the service worker isolates the page after one reload', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await openPage(browser, origin)
    // Count document loads by their requests: the reload may come before
    // the first load event, and the deck's own route changes load nothing.
    let loads = 0
    const reloaded = new Promise<void>((resolve) => onDocument(page, () => ++loads === 2 && resolve()))
    await page.goto(`${origin}/${slide}`)
    // The first visit registers the worker, which takes the page; the page reloads once.
    let timer: ReturnType<typeof setTimeout> | undefined
    await Promise.race([
      reloaded,
      new Promise((_, reject) => timer = setTimeout(() => reject(new Error('the page never reloaded')), 20_000)),
    ]).finally(() => clearTimeout(timer))
    await page.locator(`${root(ID)} [data-action="run"]`).waitFor({ timeout: 20_000 })
    // Time enough for a second reload, were there a loop.
    await page.waitForTimeout(1_500)
    assertEquals(loads, 2, 'one load, then exactly one reload')
    assertEquals(await page.evaluate(() => navigator.serviceWorker.controller !== null), true)
    assertEquals(await isolation(page), { page: true, frame: true })
    await assertRaceLoses(page)
    // The reload cut off requests of the first load; those are the only failures allowed.
    assert(record.failed.every((f) => f.endsWith('net::ERR_ABORTED')), record.failed.join('\n'))
    assertEquals(record.outside, [])
    assertEquals(record.errors, [])

    // A second visit is controlled, so isolated from the start: no reload.
    const second = await context.newPage()
    let secondLoads = 0
    onDocument(second, () => secondLoads++)
    await openDemo(second, `${origin}/${slide}`, ID)
    assertEquals(await second.evaluate(() => crossOriginIsolated), true)
    await second.waitForTimeout(1_000)
    assertEquals(secondLoads, 1, 'a controlled page must not reload')
    await context.close()
  }, { isolation: false })
})

Deno.test('without headers and without a service worker: the demo says why and how to fix it, and nothing breaks', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await openPage(browser, origin, { serviceWorkers: 'block' })
    let loads = 0
    onDocument(page, () => loads++)
    await openDemo(page, `${origin}/${slide}`, ID)
    assertEquals(await isolation(page), { page: false, frame: false })
    const run = await runToEnd(page, ID)
    assertEquals(run.status, 'done', text(run.lines))
    const warnings = run.lines.filter((l) => l.level === 'warn').map((l) => l.text).join('\n')
    assertMatch(warnings, /No SharedArrayBuffer: this page is not cross-origin isolated\./)
    assertMatch(warnings, /Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp/)
    assertEquals(run.lines.filter((l) => l.level === 'log'), [], 'no counts without shared memory')
    await assertResponsive(page)
    assertEquals(loads, 1, 'no reload when no service worker can help')
    assertClean(record, 'without isolation')
    await context.close()
  }, { isolation: false })
})

Deno.test('isolation breaks nothing: fonts, Monaco and its workers, share links, no outside request', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await openPage(browser, origin)
    // A share link with edited code: three workers instead of eight.
    const edited = SOURCE.replace('WORKERS = 8', 'WORKERS = 3')
    assert(edited !== SOURCE)
    await openDemo(page, shareLink(origin, slide, ID, edited), ID)
    assertEquals(await page.evaluate(() => crossOriginIsolated), true)
    await assertRaceLoses(page, 3)

    // The self-hosted fonts load (a COEP-blocked font would fail here).
    const fonts = await page.evaluate(async () => {
      const loaded = await Promise.all(['16px "Nunito Sans"', '16px "Fira Code"'].map((f) => document.fonts.load(f)))
      return {
        loaded: loaded.map((faces) => faces.length),
        failed: [...document.fonts].filter((f) => f.status === 'error').map((f) => f.family),
      }
    })
    assert(fonts.loaded.every((n) => n > 0), `fonts did not load: ${JSON.stringify(fonts)}`)
    assertEquals(fonts.failed, [])

    // Monaco loads on a click, and its workers (same-origin scripts, so they
    // need the headers too) start and are isolated.
    const workers = new Set<string>()
    page.on('worker', (w) => workers.add(w.url()))
    await page.locator(`${root(ID)} [data-editor]`).click()
    await page.locator(`${root(ID)} [data-editor="monaco"]`).waitFor({ timeout: 20_000 })
    const monacoWorkers = () => page.workers().filter((w) => /editor\.worker|ts\.worker/.test(w.url()))
    for (let i = 0; i < 100 && monacoWorkers().length === 0; i++) await page.waitForTimeout(100)
    assert(monacoWorkers().length > 0, `no Monaco worker started; workers seen: ${[...workers].join(', ')}`)
    for (const w of monacoWorkers()) assertEquals(await w.evaluate(() => crossOriginIsolated), true, w.url())
    assertClean(record, 'isolated deck')
    await context.close()
  })
})

/** Python, run in the sandbox frame's Python worker: whether that worker is isolated, then asyncio at work. */
const PY_ID = 'asyncio-gather'
const PY_PROBE = [
  'import asyncio, js',
  'print("worker crossOriginIsolated:", js.crossOriginIsolated, "· SharedArrayBuffer:", hasattr(js, "SharedArrayBuffer"))',
  'async def main():',
  '    print(await asyncio.gather(asyncio.sleep(0.2, "slow"), asyncio.sleep(0.1, "fast")))',
  'asyncio.run(main())',
  '',
].join('\n')

/** Runs the probe and checks it ran; returns what the worker said about its isolation. */
async function pythonRuns(page: Page): Promise<string> {
  const run = await runToEnd(page, PY_ID, 120_000)
  const printed = run.lines.filter((l) => l.level === 'log').map((l) => l.text)
  assertEquals(run.status, 'done', text(run.lines))
  assertMatch(printed[0] ?? '', /^worker crossOriginIsolated: (True|False) · SharedArrayBuffer: (True|False)$/, text(run.lines))
  assertEquals(printed[1], "['slow', 'fast']", text(run.lines))
  return printed[0]
}

Deno.test('Python runs in all three: with the headers, isolated by the service worker, and not isolated', async () => {
  const pySlide = await demoSlide(PY_ID)
  const said: string[] = []
  // With the headers.
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await openPage(browser, origin)
    await openDemo(page, shareLink(origin, pySlide, PY_ID, PY_PROBE), PY_ID)
    const iso = await isolation(page)
    said.push(`headers (page ${iso.page}, frame ${iso.frame}): ${await pythonRuns(page)}`)
    assertClean(record, 'Python with headers')
    await context.close()
  })
  // Without headers: the service worker isolates the page after one reload.
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await openPage(browser, origin)
    let loads = 0
    const reloaded = new Promise<void>((resolve) => onDocument(page, () => ++loads === 2 && resolve()))
    await page.goto(shareLink(origin, pySlide, PY_ID, PY_PROBE))
    let timer: ReturnType<typeof setTimeout> | undefined
    await Promise.race([
      reloaded,
      new Promise((_, reject) => timer = setTimeout(() => reject(new Error('the page never reloaded')), 20_000)),
    ]).finally(() => clearTimeout(timer))
    await page.locator(`${root(PY_ID)} [data-action="run"]`).waitFor({ timeout: 20_000 })
    const iso = await isolation(page)
    assertEquals(iso.page, true)
    said.push(`service worker (page ${iso.page}, frame ${iso.frame}): ${await pythonRuns(page)}`)
    assert(record.failed.every((f) => f.endsWith('net::ERR_ABORTED')), record.failed.join('\n'))
    assertEquals(record.outside, [])
    assertEquals(record.errors, [])
    await context.close()
  }, { isolation: false })
  // Without headers and without a service worker.
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await openPage(browser, origin, { serviceWorkers: 'block' })
    await openDemo(page, shareLink(origin, pySlide, PY_ID, PY_PROBE), PY_ID)
    const iso = await isolation(page)
    assertEquals(iso, { page: false, frame: false })
    said.push(`no isolation (page ${iso.page}, frame ${iso.frame}): ${await pythonRuns(page)}`)
    assertClean(record, 'Python without isolation')
    await context.close()
  }, { isolation: false })
  console.log(said.map((l) => `  ${l}`).join('\n'))
})
