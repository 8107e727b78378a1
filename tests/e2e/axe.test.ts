/**
 * Accessibility: axe-core (the npm package pinned in package.json, its
 * source injected into the page) finds no WCAG 2 A or AA violation on any
 * slide of the built deck, in the light scheme and in the dark. A slide
 * whose diagram builds with clicks is checked twice: before its first click
 * and as the finished picture.
 */
import { deepStrictEqual as assertEquals } from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { openPage, waitForSlide, withDeck } from './harness.ts'
import { sourceSlides } from './deck-source.ts'
import { BUILD_NAMES } from '../../logic/builds.ts'

const AXE = await Deno.readTextFile(
  new URL('../../node_modules/axe-core/axe.min.js', import.meta.url),
)
const slides = await sourceSlides()
const builds = new Set(
  slides.filter((s) => BUILD_NAMES.some((n) => s.raw.includes(`<${n}`))).map((s) => s.no),
)

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[]
}

/** Waits until slide `no` has its text, its demo's buttons, its fonts, and no transition under way. */
async function settled(page: Page, no: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      (document.querySelector<HTMLElement>(`.slidev-page-${n}`)?.innerText ?? '').trim().length > 0,
    no,
  )
  if (slides[no - 1].raw.includes('<LiveDemo')) {
    await page.locator(`.slidev-page-${no} [data-live-demo] [data-action="run"]`).first().waitFor()
  }
  await page.waitForFunction(() =>
    document.fonts.status === 'loaded' &&
    !document.getAnimations().some((a) => a instanceof CSSTransition)
  )
}

/**
 * Slidev 53's own navigation menus (internals/MenuButton.vue: "More
 * Options", "Change sync settings") put its icon button inside a second
 * <button>, which axe rightly reports as nested-interactive on every slide.
 * That markup is Slidev's, not the deck's: those two menus, and only
 * buttons of exactly that shape, are left out of the check.
 */
async function violations(page: Page, where: string): Promise<string[]> {
  const result = await page.evaluate(() => {
    const slidevMenus = [...document.querySelectorAll('button')]
      .filter((b) =>
        b.children.length === 1 && b.firstElementChild?.matches('button.slidev-icon-btn')
      )
    return (globalThis as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<AxeResult> } })
      .axe.run(
        { include: [document], exclude: slidevMenus },
        { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] },
      )
  }) as AxeResult
  return result.violations.map((v) =>
    `${where}: ${v.id} (${v.impact}) ${v.help}: ${
      v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(', ')
    }`
  )
}

for (const colorScheme of ['light', 'dark'] as const) {
  Deno.test(`axe finds no WCAG 2 A/AA violation on any slide (${colorScheme})`, async () => {
    await withDeck(async ({ browser, origin }) => {
      const { context, page } = await openPage(browser, origin, { colorScheme })
      await page.goto(`${origin}/1`)
      await waitForSlide(page, 1)
      // A single-page app: the script stays loaded from slide to slide.
      await page.addScriptTag({ content: AXE })
      const found: string[] = []
      for (const slide of slides) {
        if (slide.no > 1) {
          await page.keyboard.press('ArrowDown')
          await waitForSlide(page, slide.no)
        }
        await settled(page, slide.no)
        const where = `slide ${slide.no} (${slide.title})`
        found.push(...await violations(page, where))
        if (!builds.has(slide.no)) continue
        // The finished picture: every step of the build shown.
        for (let k = 1; k <= (slide.clicks ?? 0); k++) {
          await page.keyboard.press('ArrowRight')
          await page.waitForFunction(
            ([n, step]) =>
              document.querySelector(`.slidev-page-${n} [data-build]`)?.getAttribute(
                'data-build-step',
              ) === String(step),
            [slide.no, k],
          )
        }
        await settled(page, slide.no)
        found.push(...await violations(page, `${where}, built`))
      }
      assertEquals(found, [], `${colorScheme}: axe violations`)
      await context.close()
    })
  })
}
