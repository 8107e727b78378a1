/**
 * The presenter's window and the audience's, in one browser, show the same
 * demo: an edit, a run, a stop and a visualizer step in one appear in the
 * other; the code runs once, in the window where Run was pressed; a window
 * opened late catches up; two Runs at once end in agreement.
 * `data-runs-here` (runs this window started) is the demo's own hook beside
 * the contract.
 *
 * How fast the other window follows is a wall-clock figure: on a loaded
 * machine it is mostly the wait for a core, and clicking Run also measured
 * the presenter's own first-run start-up. So the tests wait for each state
 * to arrive and check the order the states came in; the latency from the
 * presenter's `running` to the audience's is printed, and the bench's
 * `deno task load-test` measures following under load.
 */
import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import type { Page } from 'playwright-core'
import LZString from 'lz-string'
import { openPage, withDeck } from './harness.ts'
import { demoSlide, lines, openDemo, root, settle, shareLink } from './demo-driver.ts'

const PG = 'playground'
/** Longest wait for a state to arrive: an event's wait, not a timing claim. */
const ARRIVES_MS = 15_000

const runsHere = async (page: Page) => Number(await page.locator(root(PG)).getAttribute('data-runs-here'))
const texts = async (page: Page) => (await lines(page, PG)).map((l) => l.text)
async function codeIn(page: Page): Promise<string> {
  await page.locator(`${root(PG)} [data-action="share"]`).click()
  const link = await page.locator(`${root(PG)} input[aria-label="Share link"]`).inputValue()
  return LZString.decompressFromEncodedURIComponent(new URL(link).searchParams.get('code') ?? '')
}
/** Waits until `page` shows `status`. */
const showsStatusOn = (page: Page, status: string) => showsStatus(page, status)
const showsStatus = (page: Page, status: string) =>
  page.waitForFunction(([sel, s]) => document.querySelector(sel)?.getAttribute('data-status') === s, [root(PG), status] as const, { timeout: ARRIVES_MS, polling: 50 })

/** Every status `page`'s demo takes from now on, with the time (epoch ms), however briefly. */
const recordStatuses = (page: Page) =>
  page.evaluate((sel) => {
    const w = window as unknown as { __statuses: [string, number][] }
    w.__statuses = []
    const el = document.querySelector(sel)!
    new MutationObserver(() => w.__statuses.push([el.getAttribute('data-status') ?? '', performance.timeOrigin + performance.now()]))
      .observe(el, { attributes: true, attributeFilter: ['data-status'] })
  }, root(PG))
/** The statuses recorded so far, once `last` is among them. */
const statusesUntil = async (page: Page, last: string) => {
  await page.waitForFunction((s) => (window as unknown as { __statuses: [string, number][] }).__statuses.some(([x]) => x === s), last, { timeout: ARRIVES_MS, polling: 50 })
  return await page.evaluate(() => (window as unknown as { __statuses: [string, number][] }).__statuses)
}
/** Waits until `page`'s demo holds `code`. */
const holds = (page: Page, code: string) =>
  page.waitForFunction(
    ([sel, c]) => document.querySelector(sel)?.textContent?.replace(/\u00a0/g, ' ').includes(c),
    [`${root(PG)} [data-editor]`, code.split('\n')[0]] as const,
    { timeout: ARRIVES_MS, polling: 50 },
  )
/** The lines of both windows, once they are the same (or the wait ran out). */
async function sameLines(a: Page, b: Page): Promise<[string[], string[]]> {
  const until = Date.now() + ARRIVES_MS
  for (;;) {
    const both: [string[], string[]] = [await texts(a), await texts(b)]
    if (JSON.stringify(both[0]) === JSON.stringify(both[1]) || Date.now() > until) return both
    await a.waitForTimeout(50)
  }
}

Deno.test('presenter and audience windows show the same demo, and the code runs once', async () => {
  const no = await demoSlide(PG)
  await withDeck(async ({ browser, origin }) => {
    const { context, page: audience, record } = await openPage(browser, origin)
    const code = "console.log('random', Math.random())\nsetTimeout(() => console.log('later'), 200)"
    await openDemo(audience, shareLink(origin, no, PG, code), PG)
    const presenter = await context.newPage()
    await openDemo(presenter, `${origin}/presenter/${no}`, PG)

    // An edit in the presenter's window shows in the audience's.
    await presenter.locator(`${root(PG)} [data-editor]`).click()
    await presenter.locator(`${root(PG)} [data-editor="monaco"]`).waitFor({ timeout: 20_000 })
    await presenter.keyboard.press('Control+End')
    await presenter.keyboard.type("\nconsole.log('edited on stage')")
    const edited = await codeIn(presenter)
    await holds(audience, "console.log('edited on stage')")
    assertEquals(await codeIn(audience), edited)

    // A run in the presenter's window: the audience's shows the same lines and status, and ran nothing.
    await Promise.all([recordStatuses(presenter), recordStatuses(audience)])
    await presenter.locator(`${root(PG)} [data-action="run"]`).click()
    assertEquals(await settle(presenter, PG), 'done')
    const [here, there] = [await statusesUntil(presenter, 'done'), await statusesUntil(audience, 'done')]
    assertEquals(there.map(([s]) => s), ['running', 'done'], 'the audience did not follow the run in order')
    console.log(`the audience showed running ${Math.round(there[0][1] - here.find(([s]) => s === 'running')![1])} ms after the presenter`)
    assertEquals(await texts(audience), await texts(presenter))
    assert((await texts(audience)).includes('edited on stage'))
    assertEquals([await runsHere(presenter), await runsHere(audience)], [1, 0])

    // A step of the visualizer in one shows in the other.
    await presenter.locator(`${root(PG)} [data-action="step-back"]`).click()
    const step = await presenter.locator(`${root(PG)} [data-visualizer]`).getAttribute('data-step')
    await audience.waitForFunction(([sel, s]) => document.querySelector(sel)?.getAttribute('data-step') === s, [`${root(PG)} [data-visualizer]`, step] as const, { timeout: ARRIVES_MS, polling: 50 })

    // A window opened late catches up with the run and the code.
    const late = await context.newPage()
    await openDemo(late, `${origin}/${no}`, PG)
    await showsStatus(late, 'done')
    assertEquals(await texts(late), await texts(presenter))
    assertEquals(await runsHere(late), 0)
    await late.close()

    // Stop pressed in the audience's window stops the run in the presenter's.
    await audience.locator(`${root(PG)} [data-action="reset"]`).click()
    await showsStatus(presenter, 'idle')
    const endless = "setInterval(() => console.log('tick'), 100)"
    await openDemo(audience, shareLink(origin, no, PG, endless), PG)
    await holds(presenter, endless)
    assertEquals(await codeIn(presenter), endless)
    await presenter.locator(`${root(PG)} [data-action="run"]`).click()
    await showsStatus(audience, 'running')
    await audience.locator(`${root(PG)} [data-action="stop"]`).click()
    await showsStatus(presenter, 'stopped')
    await showsStatus(audience, 'stopped')
    assertEquals(await runsHere(audience), 0)

    assertEquals(record.errors, [])
    await context.close()
  })
})

Deno.test('two windows pressing Run at once end up showing the same run', async () => {
  const no = await demoSlide(PG)
  await withDeck(async ({ browser, origin }) => {
    const { context, page: a, record } = await openPage(browser, origin)
    const code = "console.log('random', Math.random())"
    await openDemo(a, shareLink(origin, no, PG, code), PG)
    const b = await context.newPage()
    await openDemo(b, `${origin}/presenter/${no}`, PG)
    // The windows hear each other: the share link's code reached the presenter's.
    await holds(b, code)
    await Promise.all([a, b].map((p) => p.locator(`${root(PG)} [data-action="run"]`).click()))
    await settle(a, PG)
    await settle(b, PG)
    // Both settle on one run: the same lines in both.
    const [inA, inB] = await sameLines(a, b)
    assertEquals(inA, inB)

    // The presenter's "reset every demo" reaches the other window too.
    b.on('dialog', (d) => d.accept())
    await b.locator('[data-action="reset-demos"]').click()
    await showsStatusOn(a, 'idle')
    assertEquals(await texts(a), [])
    assertEquals(record.errors, [])
    await context.close()
  })
})
