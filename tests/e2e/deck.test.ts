/**
 * Walks the built deck slide by slide in headless Chromium and fails on a
 * console error, a failed request, or any request that leaves the machine.
 * Also checks the slide count, the speaker notes, and that the title slide
 * loads none of the editor, the runner or the speaker's notes.
 */
import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { openPage, waitForSlide, withDeck } from './harness.ts'
import { sourceSlides } from './deck-source.ts'

const slides = await sourceSlides()

/** Chunks that belong to demos and must not load before a demo slide. */
const HEAVY =
  /monaco|editor\.(main|api)|ts\.worker|editor\.worker|sucrase|acorn|sandbox|typescript|\/run-[^/]*\.js/i

Deno.test('the title slide loads under 1 MB and none of Monaco, the transpiler or the runner', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await openPage(browser, origin)
    const loaded: { url: string; bytes: number }[] = []
    page.on('requestfinished', async (req) => {
      const sizes = await req.sizes().catch(() => null)
      loaded.push({ url: req.url(), bytes: sizes?.responseBodySize ?? 0 })
    })
    await page.goto(`${origin}/1`, { waitUntil: 'load' })
    await waitForSlide(page, 1)
    // The title slide's own bytes: what loaded until it showed. Half a second
    // later the deck starts loading the other slides in idle time (setup/root.ts),
    // their components included; that is not the title slide's cost.
    const total = loaded.reduce((sum, r) => sum + r.bytes, 0)
    assert(total < 1_000_000, `title slide downloaded ${total} bytes (budget 1,000,000)`)
    // Not even that idle loading may fetch the demo machinery.
    await page.waitForLoadState('networkidle')
    const heavy = loaded.filter((r) => HEAVY.test(new URL(r.url).pathname))
    assertEquals(heavy.map((r) => r.url), [], 'demo machinery loaded on the title slide')
    // Nor the speaker's notes: they load after it, in a chunk of their own (scripts/deck-notes.ts).
    const entry = await page.evaluate(() => document.querySelector<HTMLScriptElement>('script[type=module][src]')?.src)
    assert(entry, 'the page has its entry script')
    const main = await (await page.request.get(entry)).text()
    const firstWords = slides[0].note.split(/\s+/).slice(0, 8).join(' ')
    assert(firstWords.split(' ').length === 8, "the title slide's notes in slides.md")
    assert(!main.includes(firstWords), `the main chunk holds the title slide's notes ("${firstWords}")`)
    assertEquals(record.outside, [])
    await context.close()
  })
})

Deno.test('every slide shows, with no console error, failed request or outside request', async () => {
  await withDeck(async ({ browser, origin }) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { context, page, record } = await openPage(browser, origin, { colorScheme })
      await page.goto(`${origin}/1`)
      await waitForSlide(page, 1)
      for (let no = 2; no <= slides.length; no++) {
        await page.keyboard.press('ArrowDown')
        await waitForSlide(page, no)
        // A slide may be mounted a moment before it is shown: wait for its text.
        const shown = await page.waitForFunction(
          (n) => (document.querySelector<HTMLElement>(`.slidev-page-${n}`)?.innerText ?? '').trim().length > 0,
          no,
          { timeout: 5_000 },
        ).then(() => true, () => false)
        assert(shown, `slide ${no} (${slides[no - 1].title}) is empty`)
      }
      // One more step must not find a slide beyond the source's last.
      await page.keyboard.press('ArrowDown')
      await page.waitForTimeout(300)
      assert(
        new URL(page.url()).pathname.endsWith(`/${slides.length}`),
        `the deck has more slides than the source's ${slides.length}`,
      )
      await page.waitForLoadState('networkidle')
      assertEquals(record.outside, [], `${colorScheme}: requests left the machine`)
      assertEquals(record.failed, [], `${colorScheme}: requests failed`)
      assertEquals(record.errors, [], `${colorScheme}: console errors`)
      await context.close()
    }
  })
})

Deno.test('the deck has at least 30 slides and every content slide has speaker notes', async () => {
  assert(slides.length >= 30, `only ${slides.length} slides`)
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await openPage(browser, origin)
    const missing: string[] = []
    await page.goto(`${origin}/presenter/1`)
    // The notes arrive after the first slide shows (scripts/deck-notes.ts).
    await page.waitForFunction(() => document.querySelector('.slidev-note')?.textContent?.trim())
    for (const slide of slides) {
      if (slide.no > 1) {
        await page.keyboard.press('ArrowDown')
      }
      await page.waitForFunction((n) => location.pathname.endsWith(`/presenter/${n}`), slide.no)
      const note = page.locator('.slidev-note')
      const text = (await note.count()) ? (await note.first().innerText()).trim() : ''
      // A content slide's notes are what the speaker says: full sentences.
      if (slide.layout !== 'end' && text.split(/\s+/).length < 12) {
        missing.push(`${slide.no} ${slide.title}`)
      }
    }
    assertEquals(missing, [], 'slides without speaker notes')
    assertEquals(record.outside, [])
    await context.close()
  })
})
