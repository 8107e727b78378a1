/**
 * Every demo's code is on screen at its default size: walks every slide of
 * the built deck at 1920×1080 and 1280×720, in light and dark, and fails if
 * any demo shows a hidden-lines or cut-lines note (`[data-fit-note]`), if its
 * code's lines lie below or beyond its box as laid out, or if its code text
 * is smaller than Slidev's own code blocks (12 px in the 980 px canvas).
 * It prints, per demo, the lines hidden and the code's size on screen.
 * In print (the page `deno task export` prints), every demo and every Go
 * and Python code block shows all its lines, uncut, inside its slide.
 */
import { deepStrictEqual as assertEquals } from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { openPage, waitForSlide, withDeck } from './harness.ts'
import { sourceSlides } from './deck-source.ts'

/** Slidev's code blocks: `--slidev-code-font-size` of the default theme, in canvas px. */
const SLIDEV_CODE_PX = 12
const SCREENS = [{ width: 1920, height: 1080 }, { width: 1280, height: 720 }]
const SCHEMES = ['light', 'dark'] as const

const demoSlides = (await sourceSlides())
  .map((s) => ({ no: s.no, ids: [...s.raw.matchAll(/<LiveDemo\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]) }))
  .filter((s) => s.ids.length > 0)

interface DemoFitReport {
  id: string
  lines: number
  /** Lines whose bottom lies below the code view, as laid out. */
  hidden: number
  /** Lines wider than the code view, as laid out. */
  cut: number
  /** The code's font size in the slide's canvas px, and on screen. */
  canvasPx: number
  screenPx: number
  /** What the demo's own note says, or null when it shows none. */
  note: string | null
}

/** Measures one demo's static code view (the view every demo shows until Monaco loads). */
function measure(page: Page, id: string): Promise<DemoFitReport | null> {
  return page.evaluate((id) => {
    const demo = document.querySelector<HTMLElement>(`[data-live-demo="${id}"]`)
    const scroller = demo?.querySelector<HTMLElement>('.live-demo-static')
    const pre = scroller?.querySelector<HTMLElement>('.live-demo-pre')
    if (!demo || !scroller || !pre || !scroller.offsetHeight) return null
    // A file's final newline shows no line of its own.
    const text = (pre.textContent ?? '').replace(/\n$/, '').split('\n')
    const view = scroller.getBoundingClientRect()
    const scale = view.height / scroller.offsetHeight
    const style = getComputedStyle(pre)
    const fontPx = parseFloat(style.fontSize)
    const line = parseFloat(getComputedStyle(scroller).lineHeight) * scale
    const top = pre.getBoundingClientRect().top + scroller.scrollTop * scale
    const bottom = view.bottom - parseFloat(getComputedStyle(scroller).paddingBottom) * scale
    const fits = Math.floor((bottom - top) / line + 0.01)
    // Each line's width, from the font's real advance (Fira Code: monospace).
    const ctx = document.createElement('canvas').getContext('2d')!
    ctx.font = `${style.fontSize} ${style.fontFamily}`
    const char = ctx.measureText('0'.repeat(100)).width / 100 * scale
    const left = pre.getBoundingClientRect().left + scroller.scrollLeft * scale
    const right = scroller.getBoundingClientRect().left + scroller.clientWidth * scale
    const cut = text.filter((l) => left + l.length * char > right + char / 2).length
    const note = demo.querySelector('[data-fit-note]')
    return {
      id,
      lines: text.length,
      hidden: Math.max(0, text.length - fits),
      cut,
      canvasPx: fontPx,
      screenPx: Math.round(fontPx * scale * 10) / 10,
      note: note ? (note.textContent ?? '').trim().replace(/\s+/g, ' ') : null,
    }
  }, id)
}

Deno.test('every demo shows all its code, uncut, at least as large as Slidev code blocks, at 1920×1080 and 1280×720', async () => {
  await withDeck(async ({ browser, origin }) => {
    const problems: string[] = []
    const table: string[] = []
    for (const scheme of SCHEMES) {
      const { context, page, record } = await openPage(browser, origin, { colorScheme: scheme })
      for (const screen of SCREENS) {
        await page.setViewportSize(screen)
        const size = `${screen.width}x${screen.height} ${scheme}`
        for (const { no, ids } of demoSlides) {
          await page.goto(`${origin}/${no}`)
          await waitForSlide(page, no)
          for (const id of ids) {
            // The demo sizes itself in a frame after it shows, and its note
            // follows a ResizeObserver: wait for its code and fonts.
            await page.waitForFunction((id) => {
              const demo = document.querySelector<HTMLElement>(`[data-live-demo="${id}"]`)
              const scroller = demo?.querySelector<HTMLElement>('.live-demo-static')
              if (!demo || !scroller || !scroller.offsetHeight) return false
              const pre = scroller.querySelector('.live-demo-pre')
              return pre !== null && document.fonts.status === 'loaded'
            }, id, { timeout: 15_000 })
            // Then judge once two frames in a row measure the same.
            let m = await measure(page, id)
            for (let frames = 0; frames < 60; frames++) {
              await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
              const again = await measure(page, id)
              if (JSON.stringify(again) === JSON.stringify(m)) break
              m = again
            }
            if (!m) {
              problems.push(`${size} slide ${no}: demo ${id} shows no code`)
              continue
            }
            table.push(
              `${size.padEnd(16)} ${String(no).padStart(2)} ${id.padEnd(18)} ${m.lines} lines, ` +
                `${m.hidden} hidden, ${m.cut} cut, ${m.canvasPx} px (${m.screenPx} px on screen)`,
            )
            if (m.hidden) problems.push(`${size} slide ${no}: demo ${id} hides ${m.hidden} of ${m.lines} lines`)
            if (m.cut) problems.push(`${size} slide ${no}: demo ${id} cuts ${m.cut} long lines`)
            if (m.note) problems.push(`${size} slide ${no}: demo ${id} says "${m.note}"`)
            if (m.canvasPx < SLIDEV_CODE_PX) {
              problems.push(`${size} slide ${no}: demo ${id}'s code is ${m.canvasPx} px, under ${SLIDEV_CODE_PX}`)
            }
          }
        }
      }
      assertEquals(record.errors, [], `${scheme}: errors on the page`)
      await context.close()
    }
    console.log(table.join('\n'))
    assertEquals(problems, [])
  })
})

Deno.test('in print, every demo and every code block shows all its lines, uncut, inside its slide', async () => {
  await withDeck(async ({ browser, origin }) => {
    // As `slidev export` prints: the print page at 1920x1080, screen media.
    const { context, page } = await openPage(browser, origin)
    await page.setViewportSize({ width: 1920, height: 1080 })
    await page.goto(`${origin}/print?print=true`)
    const demos = demoSlides.reduce((n, s) => n + s.ids.length, 0)
    // Every demo has printed (its run ended, or it said it runs live only), and the fonts are in.
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-print-ready]').length === n && document.fonts.status === 'loaded',
      demos,
      { timeout: 120_000 },
    )
    const problems: string[] = []
    for (const { no, ids } of demoSlides) {
      for (const id of ids) {
        const m = await measure(page, id)
        if (!m) problems.push(`slide ${no}: demo ${id} shows no code in print`)
        else if (m.hidden || m.cut || m.note || m.canvasPx < SLIDEV_CODE_PX) {
          problems.push(`slide ${no}: demo ${id} in print: ${JSON.stringify(m)}`)
        }
      }
    }
    problems.push(
      ...await page.evaluate(() => {
        const found: string[] = []
        for (const code of document.querySelectorAll<HTMLElement>('.slidev-page .slidev-code')) {
          const slide = code.closest<HTMLElement>('.slidev-page')!
          const box = slide.getBoundingClientRect(), r = code.getBoundingClientRect()
          const scale = r.height / code.offsetHeight || 1
          const name = `${slide.className.match(/slidev-page-\d+/)?.[0]} "${(code.textContent ?? '').trim().slice(0, 30)}"`
          if (code.scrollHeight > code.clientHeight + 1) found.push(`${name}: ${Math.round(code.scrollHeight - code.clientHeight)} px of lines below its box`)
          if (code.scrollWidth > code.clientWidth + 1) found.push(`${name}: ${Math.round(code.scrollWidth - code.clientWidth)} px of lines cut on the right`)
          if (r.bottom > box.bottom + scale || r.right > box.right + scale) found.push(`${name}: runs past its slide`)
        }
        return found
      }),
    )
    await context.close()
    assertEquals(problems, [])
  })
})
