/**
 * The event-loop visualizer in the built deck, through the contract:
 * `data-visualizer` with `data-step`/`data-steps`, the regions
 * `[data-queue]` with their `[data-item]` entries, and the step buttons.
 */
import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { openPage, withDeck } from './harness.ts'
import { demoSlide, openDemo, root, runToEnd, shareLink } from './demo-driver.ts'
import { sourceSlides } from './deck-source.ts'

const viz = (id: string) => `${root(id)} [data-visualizer]`

async function state(page: Page, id: string) {
  return await page.locator(viz(id)).evaluate((el) => {
    const items = (q: string) => [...el.querySelectorAll(`[data-queue="${q}"] [data-item]`)].map((x) => x.textContent?.trim() ?? '')
    return {
      step: Number(el.getAttribute('data-step')),
      steps: Number(el.getAttribute('data-steps')),
      stack: items('stack'),
      host: items('host'),
      tasks: items('tasks'),
      microtasks: items('microtasks'),
      console: items('console'),
    }
  })
}

Deno.test('on stage the slide clicks step the loop-order run; the queues hold what they really held', async () => {
  const id = 'loop-order'
  const no = await demoSlide(id)
  const slide = (await sourceSlides()).find((s) => s.no === no)!
  const clicks = slide.clicks ?? NaN
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await openPage(browser, origin)
    await openDemo(page, `${origin}/${no}`, id)
    const run = await runToEnd(page, id)
    assertEquals(run.status, 'done')

    // Click 0 shows the whole run: its last step, with every console line.
    let s = await state(page, id)
    assertEquals(s.steps - 1, clicks, 'the slide\'s clicks no longer match the demo\'s steps: update its frontmatter')
    assertEquals(s.step, s.steps - 1)
    assertEquals(s.console, run.lines.map((l) => l.text))
    assertEquals(s.console.map((l) => l[0]).join(''), 'AEGCDFB')

    // The presenter's clicker (→) walks the steps; C prints while B waits as a task.
    let seenC = false
    for (let i = 1; i <= clicks; i++) {
      await page.keyboard.press('ArrowRight')
      await page.waitForFunction(([sel, n]) => document.querySelector(sel as string)?.getAttribute('data-step') === String(n), [viz(id), i] as const)
      s = await state(page, id)
      if (s.console.at(-1) === 'C then' && !seenC) {
        seenC = true
        assertEquals(s.tasks, ['setTimeout 0 ms, line 4'])
        assertEquals(s.microtasks, ['queueMicrotask callback, line 8', 'order() after await, line 12'])
        assertEquals(s.stack, ['then callback()'])
      }
    }
    assert(seenC, 'no step printed C')
    assertEquals(new URL(page.url()).pathname, `/${no}`, 'the clicks left the slide early')
    await page.keyboard.press('ArrowLeft')
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-step') === String(22), viz(id))
    // Step 0: before the first line, nothing anywhere.
    await page.locator(`${viz(id)} input[type=range]`).fill('0')
    s = await state(page, id)
    assertEquals([s.step, s.stack, s.tasks, s.microtasks, s.console], [0, [], [], [], []])
    await page.locator(`${viz(id)} [data-action="step-forward"]`).click()
    assertEquals((await state(page, id)).step, 1)
    await page.locator(`${viz(id)} [data-action="step-back"]`).click()
    assertEquals((await state(page, id)).step, 0)
    assertEquals(record.errors, [])
    await context.close()
  })
})

Deno.test('an edited run is stepped with the visualizer\'s own keys and play; the toggle hides it', async () => {
  const id = 'playground'
  const no = await demoSlide(id)
  const code = "setTimeout(() => console.log('timer'), 0)\nqueueMicrotask(() => console.log('micro'))\nconsole.log('sync')"
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await openPage(browser, origin, { colorScheme: 'dark' })
    await openDemo(page, shareLink(origin, no, id, code), id)
    const run = await runToEnd(page, id)
    assertEquals(run.lines.map((l) => l.text), ['sync', 'micro', 'timer'])
    let s = await state(page, id)
    const last = s.steps - 1
    await page.locator(viz(id)).focus()
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowLeft')
    s = await state(page, id)
    assertEquals(s.step, last - 2, 'the arrow keys did not step the focused visualizer')
    assertEquals(new URL(page.url()).pathname, `/${no}`, 'the arrow keys moved the slide')
    // At the step where "micro" prints, the timer's callback waits in the task queue.
    await page.locator(`${viz(id)} input[type=range]`).fill('0')
    await page.locator(viz(id)).focus()
    while ((await state(page, id)).console.at(-1) !== 'micro') await page.keyboard.press('ArrowRight')
    assertEquals((await state(page, id)).tasks, ['setTimeout 0 ms, line 1'])
    // Play runs to the end by itself.
    await page.locator(`${viz(id)} [data-action="play"]`).click()
    await page.waitForFunction(([sel, n]) => document.querySelector(sel as string)?.getAttribute('data-step') === String(n), [viz(id), last] as const, { timeout: 20_000 })
    // Without the visualizer, the demo runs untraced and prints the same.
    await page.locator(`${root(id)} [data-action="visualize"]`).click()
    assertEquals(await page.locator(viz(id)).count(), 0)
    const plain = await runToEnd(page, id)
    assertEquals(plain.lines.map((l) => l.text), run.lines.map((l) => l.text))
    assertEquals(record.errors, [])
    await context.close()
  })
})

Deno.test('the frame meter beside the freeze demo sees the block, and stops when its slide is left', async () => {
  const id = 'freeze'
  const no = await demoSlide(id)
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await openPage(browser, origin)
    await openDemo(page, `${origin}/${no}`, id)
    const meter = page.locator('[data-frame-meter]')
    await page.waitForFunction(() => document.querySelector('[data-frame-meter]')?.getAttribute('data-running') === 'yes')
    await page.locator('[data-frame-meter] button').click()
    const run = await runToEnd(page, id)
    assertEquals(run.status, 'done')
    // The demo blocks the thread for 2 s: no frame can come in that time.
    const longest = Number((await meter.locator('[data-longest-frame]').textContent())?.replace(/,/g, ''))
    assert(longest >= 1_500, `the meter's longest frame was ${longest} ms`)
    assert(Number(await meter.locator('[data-long-tasks]').textContent()) >= 1, 'no long task was counted')
    await page.keyboard.press('ArrowRight')
    await page.waitForFunction((n) => location.pathname.endsWith(`/${n + 1}`), no)
    await page.waitForFunction(() => document.querySelector('[data-frame-meter]')?.getAttribute('data-running') !== 'yes')
    assertEquals(record.errors, [])
    await context.close()
  })
})
