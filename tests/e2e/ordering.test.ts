/**
 * The visualizer never changes the order of anything, in Chromium: every
 * ordering puzzle (tests/ordering/puzzles.ts) runs in the playground of the
 * built deck with the visualizer on (traced) and off (untraced), and prints
 * the same lines in the same order. tests/ordering/ordering.test.ts does the
 * same in Deno.
 */
import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { openPage, withDeck } from './harness.ts'
import LZString from 'lz-string'
import { demoSlide, openDemo, root, runToEnd, shareLink } from './demo-driver.ts'
import { comparable, puzzles } from '../ordering/puzzles.ts'

const readCode = (link: string) => LZString.decompressFromEncodedURIComponent(new URL(link).searchParams.get('code') ?? '')

Deno.test(`all ${puzzles.length} ordering puzzles print the same with and without the visualizer in Chromium`, async () => {
  const id = 'playground'
  const no = await demoSlide(id)
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await openPage(browser, origin)
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin })
    const differ: string[] = []
    const sharedLink = async () => {
      await page.locator(`${root(id)} [data-action="share"]`).click()
      return await page.locator(`${root(id)} input[aria-label="Share link"]`).inputValue()
    }
    await openDemo(page, shareLink(origin, no, id, puzzles[0].source), id)
    // `data-editor` (static | loading | monaco) is the demo's own hook beside the contract.
    await page.locator(`${root(id)} [data-editor]`).click()
    await page.locator(`${root(id)} [data-editor="monaco"]`).waitFor({ timeout: 20_000 })
    for (const puzzle of puzzles) {
      // Pasted (a paste skips the editor's auto-indent and auto-closing), and
      // checked through the demo's share link, which carries the editor's exact text.
      await page.evaluate((text) => navigator.clipboard.writeText(text), puzzle.source)
      await page.locator(`${root(id)} [data-editor]`).click()
      await page.keyboard.press('Control+A')
      await page.keyboard.press('Control+V')
      assertEquals(readCode(await sharedLink()), puzzle.source, `${puzzle.name}: the editor does not hold the puzzle`)
      const traced = await runToEnd(page, id)
      assert(await page.locator(`${root(id)} [data-visualizer]`).count() === 1, 'the playground shows the visualizer by default')
      await page.locator(`${root(id)} [data-action="visualize"]`).click()
      const plain = await runToEnd(page, id)
      await page.locator(`${root(id)} [data-action="visualize"]`).click()
      assert(plain.lines.length > 0, `${puzzle.name}: printed nothing`)
      const a = comparable(traced.lines, puzzle.settled)
      const b = comparable(plain.lines, puzzle.settled)
      if (traced.status !== plain.status || JSON.stringify(a) !== JSON.stringify(b)) {
        differ.push(`${puzzle.name}:\n  traced ${traced.status}: ${a.join(' | ')}\n  plain  ${plain.status}: ${b.join(' | ')}`)
      }
    }
    assertEquals(differ, [])
    // Slidev asks for a screen wake lock on a user gesture; headless Chromium
    // denies it once permissions are set for the clipboard. Not the deck's error.
    assertEquals(record.errors.filter((e) => !e.includes('Wake Lock permission request denied')), [])
    await context.close()
  })
})
