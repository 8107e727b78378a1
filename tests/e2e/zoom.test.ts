/**
 * A demo's zoom on the built deck: Ctrl/Cmd+plus, minus and 0 while focus is
 * in the demo, and its buttons, size that demo's editor and console; each
 * demo keeps its own size across reloads; the root shows it as `data-zoom`.
 * On a window too small to read the code, the demo says so until zoomed.
 */
import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { openPage, waitForSlide, withDeck } from './harness.ts'
import { click, demoSlide, openDemo, root, runToEnd } from './demo-driver.ts'

const ID = 'loop-order'
const OTHER = 'three-ways'
const slide = await demoSlide(ID)

const zoomOf = (page: Page, id = ID) => page.locator(root(id)).getAttribute('data-zoom')

/** The text size of the demo's code (plain view or Monaco's text box) and console, in CSS px. */
function sizes(page: Page, id = ID) {
  return page.locator(root(id)).evaluate((demo) => {
    const code = demo.querySelector('[data-editor="monaco"] [role="textbox"]') ??
      demo.querySelector('[data-editor] pre')!
    const line = demo.querySelector('[data-log]')!
    return {
      code: parseFloat(getComputedStyle(code).fontSize),
      console: parseFloat(getComputedStyle(line).fontSize),
    }
  })
}

/**
 * Waits until the demo shows zoom `level` and its text has that size: the
 * editor's is the fitted size times the level, rounded to a px; the console's
 * is the fitted size times the level. Monaco applies a new size when it next
 * renders, so the sizes are waited for, never read right after a key.
 */
async function waitForZoom(page: Page, fitted: { code: number; console: number }, level: number) {
  await page.waitForFunction(
    ({ sel, level, code, console }) => {
      const demo = document.querySelector(sel)
      if (demo?.getAttribute('data-zoom') !== String(level)) return false
      const editor = demo.querySelector('[data-editor="monaco"] [role="textbox"]') ??
        demo.querySelector('[data-editor] pre')!
      const line = demo.querySelector('[data-log]')!
      return parseFloat(getComputedStyle(editor).fontSize) === code &&
        Math.abs(parseFloat(getComputedStyle(line).fontSize) - console) < 0.05
    },
    {
      sel: root(ID),
      level,
      code: Math.round(fitted.code * level),
      console: fitted.console * level,
    },
    { timeout: 5_000 },
  ).catch(async () => {
    throw new Error(
      `zoom ${level} not shown: data-zoom ${await zoomOf(page)}, sizes ${
        JSON.stringify(await sizes(page))
      }, fitted ${JSON.stringify(fitted)}`,
    )
  })
}

/** Whether the last keydown that reached the window had its default (the page zoom) held back. */
async function watchPrevented(page: Page) {
  await page.evaluate(() => {
    addEventListener('keydown', (e) => {
      ;(globalThis as { lastKeyPrevented?: boolean }).lastKeyPrevented = e.defaultPrevented
    })
  })
  return () => page.evaluate(() => (globalThis as { lastKeyPrevented?: boolean }).lastKeyPrevented)
}

Deno.test('Ctrl/Cmd+plus and minus and the buttons size one demo, which keeps its size across reloads', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await openPage(browser, origin)
    await openDemo(page, `${origin}/${slide}`, ID)
    await runToEnd(page, ID)
    assertEquals(await zoomOf(page), '1')
    const fitted = await sizes(page)
    const prevented = await watchPrevented(page)

    // Outside a demo, Ctrl+plus is the browser's own page zoom.
    await page.locator('body').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('Control+Equal')
    assertEquals(await prevented(), false)
    assertEquals(await zoomOf(page), '1')

    // In the editor (Monaco loads when the code is clicked).
    await page.locator(`${root(ID)} [data-editor]`).click()
    await page.locator(`${root(ID)} [data-editor="monaco"]`).waitFor({ timeout: 20_000 })
    await page.keyboard.press('Control+Equal')
    assertEquals(await prevented(), true, 'the page zoomed as well as the demo')
    await page.keyboard.press('Control+Equal')
    await waitForZoom(page, fitted, 1.25)
    await page.keyboard.press('Meta+Minus')
    await waitForZoom(page, fitted, 1.1)
    await page.keyboard.press('Control+0')
    await waitForZoom(page, fitted, 1)

    // The buttons do the same.
    await click(page, ID, 'zoom-in')
    await click(page, ID, 'zoom-in')
    await click(page, ID, 'zoom-in')
    await waitForZoom(page, fitted, 1.5)
    await click(page, ID, 'zoom-out')
    await waitForZoom(page, fitted, 1.25)
    // A mouse click leaves no focus on the button, so the presenter's clicker keeps turning slides.
    assertEquals(await page.evaluate(() => document.activeElement?.getAttribute('data-action') ?? null), null)

    // Kept across a reload, for this demo only.
    await openDemo(page, `${origin}/${slide}`, ID)
    await runToEnd(page, ID)
    await waitForZoom(page, fitted, 1.25)
    const otherSlide = await demoSlide(OTHER)
    await page.goto(`${origin}/${otherSlide}`)
    await waitForSlide(page, otherSlide)
    assertEquals(await zoomOf(page, OTHER), '1')
    // Reset to the fitted size keeps nothing behind.
    await openDemo(page, `${origin}/${slide}`, ID)
    await click(page, ID, 'zoom-reset')
    assertEquals(
      await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('zoom'))),
      [],
    )
    assertEquals(record.errors, [])
    await context.close()
  })
})

Deno.test('on a window too small to read it, a demo says so until it is zoomed', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await openPage(browser, origin)
    const tooSmall = page.locator(`${root(ID)} [data-fit-note][data-too-small]`)
    // A laptop and a tablet in landscape read it as it is.
    for (const [width, height] of [[1280, 800], [1024, 768]]) {
      await page.setViewportSize({ width, height })
      await openDemo(page, `${origin}/${slide}`, ID)
      await page.waitForTimeout(300)
      assertEquals(await tooSmall.count(), 0, `${width}x${height} called the code too small`)
    }
    // A phone in landscape: the slide is scaled to about two thirds.
    await page.setViewportSize({ width: 740, height: 360 })
    await tooSmall.waitFor({ timeout: 5_000 })
    // Zoom in one step at a time, as far as it goes, until the note leaves.
    let readable = false
    while (!readable && !(await page.locator(`${root(ID)} [data-action="zoom-in"]`).isDisabled())) {
      await click(page, ID, 'zoom-in')
      readable = await tooSmall.waitFor({ state: 'detached', timeout: 1_000 }).then(
        () => true,
        () => false,
      )
    }
    assert(readable, `zoomed to ${await zoomOf(page)}, the code is still too small to read`)
    assert(Number(await zoomOf(page)) > 1)
    assertEquals(record.errors, [])
    await context.close()
  })
})
