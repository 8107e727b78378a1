/**
 * The thread timeline in the built deck, through the contract: its root
 * `data-timeline`, one `[data-lane]` per thread (and `host` for the main
 * thread's waits), `[data-span]` bars with `data-start`/`data-end` in ms,
 * and `[data-message]` arrows with `data-from`/`data-to`.
 */
import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { openPage, withDeck } from './harness.ts'
import { demoSlide, openDemo, root, runToEnd } from './demo-driver.ts'

interface Span {
  kind: string
  start: number
  end: number
  label: string
}

async function timeline(page: Page, id: string) {
  return await page.locator(`${root(id)} [data-timeline]`).evaluate((el) => ({
    lanes: [...el.querySelectorAll('[data-lane]')].map((lane) => ({
      id: lane.getAttribute('data-lane') ?? '',
      spans: [...lane.querySelectorAll('[data-span]')].map((s) => ({
        kind: s.getAttribute('data-span') ?? '',
        start: Number(s.getAttribute('data-start')),
        end: Number(s.getAttribute('data-end')),
        label: s.getAttribute('data-label') ?? '',
      })),
    })),
    messages: [...el.querySelectorAll('[data-message]')].map((m) => ({
      from: m.getAttribute('data-from'),
      to: m.getAttribute('data-to'),
    })),
  }))
}

const pressed = async (page: Page, id: string, action: string) =>
  await page.locator(`${root(id)} [data-action="${action}"]`).getAttribute('aria-pressed')

Deno.test('the worker pool: a lane for main and one per worker, each worker started, busy and messaging main', async () => {
  const id = 'worker-pool'
  const no = await demoSlide(id)
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await openPage(browser, origin)
    await openDemo(page, `${origin}/${no}`, id)
    assertEquals(await pressed(page, id, 'timeline'), 'true', 'the pool shows its threads')
    const run = await runToEnd(page, id, 60_000)
    assertEquals(run.status, 'done')
    // How many workers the demo started, as it says itself: the size of each pool it ran ("N=2:", or "2 workers:").
    const sizes = run.lines.map((l) => Number(/^(?:N=(\d+)|(\d+) workers?):/.exec(l.text)?.slice(1).find(Boolean))).filter((n) => n > 0)
    assert(sizes.length, `the demo did not say how many workers it used: ${run.lines.map((l) => l.text).join(' | ')}`)
    const workers = Array.from({ length: sizes.reduce((a, b) => a + b) }, (_, i) => `worker-${i + 1}`)

    const t = await timeline(page, id)
    assertEquals(t.lanes.map((l) => l.id), ['main', ...workers])
    assertEquals(t.lanes[0].spans[0].kind, 'script')
    for (const lane of t.lanes.slice(1)) {
      assertEquals(lane.spans[0].kind, 'startup', `${lane.id} shows its start-up first`)
      assert(lane.spans.some((s) => s.kind === 'message'), `${lane.id} never handled a message`)
      // The warm-up and at least one chunk went out, and each came back.
      const out = t.messages.filter((m) => m.from === 'main' && m.to === lane.id).length
      assert(out >= 2, `${lane.id} got ${out} messages`)
      assertEquals(t.messages.filter((m) => m.from === lane.id && m.to === 'main').length, out)
    }
    // One thread does one thing at a time.
    for (const lane of t.lanes) {
      for (let i = 1; i < lane.spans.length; i++) assert(lane.spans[i - 1].end <= lane.spans[i].start, `${lane.id} overlaps itself`)
    }
    assertEquals(record.errors, [])
    await context.close()
  })
})

Deno.test('the delivery demo: one by one, the requests follow each other; with Promise.all they overlap; the audience sees it too', async () => {
  const id = 'delivery'
  const no = await demoSlide(id)
  await withDeck(async ({ browser, origin }) => {
    const { context, page: audience, record } = await openPage(browser, origin)
    await openDemo(audience, `${origin}/${no}`, id)
    const page = await context.newPage()
    await openDemo(page, `${origin}/presenter/${no}`, id)
    const run = await runToEnd(page, id)
    assertEquals(run.status, 'done')
    const t = await timeline(page, id)
    // The audience's window draws the same timeline from the run's stream.
    await audience.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-status') === 'done', root(id))
    assertEquals(await timeline(audience, id), t)
    assertEquals(t.lanes.map((l) => l.id), ['main', 'host'])
    const requests: Span[] = t.lanes[1].spans
    assertEquals(requests.map((s) => s.label), ['request 500 ms', 'request 400 ms', 'request 300 ms', 'request 500 ms', 'request 400 ms', 'request 300 ms'])
    const [a, b, c, ...together] = requests
    assert(a.end <= b.start && b.end <= c.start, `one by one overlapped: ${JSON.stringify([a, b, c])}`)
    assert(Math.max(...together.map((s) => s.start)) < Math.min(...together.map((s) => s.end)), `Promise.all did not overlap: ${JSON.stringify(together)}`)

    // One view at a time: the event loop replaces the threads, for the same run.
    await page.locator(`${root(id)} [data-action="visualize"]`).click()
    assertEquals([await pressed(page, id, 'visualize'), await pressed(page, id, 'timeline')], ['true', 'false'])
    assertEquals(await page.locator(`${root(id)} [data-timeline]`).count(), 0)
    assert(Number(await page.locator(`${root(id)} [data-visualizer]`).getAttribute('data-steps')) > 1)
    assertEquals(record.errors, [])
    await context.close()
  })
})
