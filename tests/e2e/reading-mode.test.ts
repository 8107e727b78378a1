/**
 * Reading mode on the built deck: the `n` key and the navigation bar's
 * button show each slide's own speaker notes beside or below it, for a
 * visitor without a speaker; the choice survives a reload; the presenter
 * view and print never show it. Walks every slide on a laptop (notes beside)
 * and a tablet in landscape (notes below), and checks that nothing covers or
 * leaves the slide and that demos say what does not fit their box.
 */
import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { openPage, waitForSlide, withDeck } from './harness.ts'
import { sourceSlides } from './deck-source.ts'
import { layoutProblems } from './layout-check.ts'

const slides = await sourceSlides()

/** The words of a text, so the markdown source and its rendering compare. */
function words(text: string): string[] {
  return (text
    .replace(/\]\([^)]*\)/g, ']') // a link's address is not shown
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(lt|gt|amp|quot|#39);/g, ' ')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [])
}

const panel = (no?: number) => `[data-reading-notes]${no ? `[data-slide="${no}"]` : ''}`
const isOn = (page: Page) => page.locator(panel()).count().then((n) => n > 0)

// A laptop gets the notes in a column beside the slide, a 4:3 tablet in landscape a band below.
const SCREENS = [
  { width: 1280, height: 800, layout: 'beside' },
  { width: 1024, height: 768, layout: 'below' },
]

Deno.test("reading mode shows every slide's own notes, and nothing covers or leaves the slide", async () => {
  await withDeck(async ({ browser, origin }) => {
    for (const screen of SCREENS) {
      const size = `${screen.width}x${screen.height}`
      const { context, page, record } = await openPage(browser, origin)
      await page.setViewportSize(screen)
      await page.goto(`${origin}/1`)
      await waitForSlide(page, 1)
      assertEquals(await isOn(page), false, 'reading mode is on before anyone asked')
      await page.keyboard.press('n')
      const wrong: string[] = []
      const layout: string[] = []
      for (const slide of slides) {
        if (slide.no > 1) {
          await page.keyboard.press('ArrowDown')
          await waitForSlide(page, slide.no)
        }
        const notes = page.locator(panel(slide.no))
        await notes.waitFor({ timeout: 5_000 })
        // The notes arrive after the first slide shows (scripts/deck-notes.ts); until then the panel says so.
        await notes.locator('.reading-notes-text, .reading-notes-none:not(:has-text("Loading"))').first().waitFor()
        const shown = words(await notes.innerText()).join(' ')
        // A diagram's [click] markers (logic/builds.ts) are for the presenter, not words.
        const source = words(slide.note.replace(/\[click(?::\d+)?\]/gi, ' ')).join(' ')
        const content = slide.layout !== 'end'
        if (content && source.split(' ').length < 12) {
          wrong.push(`${slide.no}: the source has no notes`)
        } else if (!shown.includes(source)) {
          wrong.push(
            `${slide.no} ${slide.title}: shows "${shown.slice(0, 80)}…" for "${
              source.slice(0, 80)
            }…"`,
          )
        }
        // Let the slide lay itself out (a demo measures its height in a frame).
        await page.evaluate(() =>
          new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
        )
        layout.push(...(await layoutProblems(page, slide.no)).map((p) => `${slide.no}: ${p}`))
      }
      assertEquals(wrong, [], `${size}: slides whose notes reading mode does not show`)
      assertEquals(layout, [], `${size}: slides that do not fit with the notes ${screen.layout}`)
      assertEquals(await page.locator(panel()).getAttribute('data-layout'), screen.layout)
      assertEquals(record.outside, [])
      assertEquals(record.errors, [])
      await context.close()
    }
  })
})

Deno.test('reading mode is kept across reloads, has a button, and is off in the presenter view and print', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await openPage(browser, origin)
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto(`${origin}/3`)
    await waitForSlide(page, 3)
    // The button sits in Slidev's navigation bar, which shows on hover.
    const button = page.locator('[data-action="reading-mode"]')
    await page.mouse.move(20, 780)
    await button.click()
    await page.locator(panel(3)).waitFor()
    assertEquals(await button.getAttribute('aria-pressed'), 'true')
    assertEquals(await page.locator(panel(3)).getAttribute('data-layout'), 'beside')
    assertEquals(await layoutProblems(page, 3), [])
    // The panel turns the pages too (slides 3 and 4 have no click steps: one press, one slide).
    await page.locator(panel(3)).getByRole('button', { name: 'Next', exact: true }).click()
    await waitForSlide(page, 4)
    await page.locator(panel(4)).getByRole('button', { name: 'Previous', exact: true }).click()
    await waitForSlide(page, 3)
    await page.locator(panel(3)).waitFor()

    await page.reload()
    await waitForSlide(page, 3)
    await page.locator(panel(3)).waitFor({ timeout: 5_000 })

    // The presenter view has the notes already: no panel, no button, and `n` changes nothing.
    await page.goto(`${origin}/presenter/3`)
    await page.waitForFunction(() => location.pathname.endsWith('/presenter/3'))
    await page.locator('.slidev-note').first().waitFor()
    await page.keyboard.press('n')
    await page.waitForTimeout(300)
    assertEquals(await isOn(page), false, 'reading mode showed in the presenter view')
    assertEquals(await page.locator('[data-action="reading-mode"]').count(), 0)
    assertEquals(await page.evaluate(() => document.documentElement.dataset.readingMode), undefined)

    // Print lays out every slide for paper, as a page to look at and as the
    // exporter loads it: no panel there either.
    for (const print of ['print', 'print?print=true']) {
      await page.goto(`${origin}/${print}`)
      await page.locator(`.slidev-page-${slides.length}`).waitFor({ timeout: 15_000 })
      assertEquals(await isOn(page), false, `reading mode showed in /${print}`)
    }

    // Still on for the plain deck; `n` turns it off, and off is kept too.
    await page.goto(`${origin}/3`)
    await waitForSlide(page, 3)
    await page.locator(panel(3)).waitFor({ timeout: 5_000 })
    await page.keyboard.press('n')
    await page.locator(panel()).waitFor({ state: 'detached' })
    await page.reload()
    await waitForSlide(page, 3)
    await page.waitForTimeout(500)
    assertEquals(await isOn(page), false, 'reading mode came back after it was turned off')
    assert(await page.evaluate(() => document.documentElement.dataset.readingMode === undefined))
    assertEquals(record.outside, [])
    assertEquals(record.errors, [])
    await context.close()
  })
})
