/**
 * The concept diagrams build with the speaker's clicks (logic/builds.ts):
 * on stage each → shows the next step and only that, the → after the last
 * step leaves the slide, and ← comes back to the finished picture. In reading
 * mode a diagram shows finished, and one → or ← moves a whole slide. The
 * print page (what the plain PDF prints) shows every diagram finished.
 */
import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { openPage, waitForSlide, withDeck } from './harness.ts'
import { sourceSlides } from './deck-source.ts'
import { BUILD_NAMES, type BuildName, BUILDS } from '../../logic/builds.ts'

const slides = await sourceSlides()
const builds = slides.flatMap((s) => {
  const name = BUILD_NAMES.find((n) => new RegExp(`<${n}\\b`).test(s.raw))
  return name ? [{ no: s.no, name: name as BuildName, steps: BUILDS[name].length }] : []
})

const diagram = (no: number) => `.slidev-page-${no} [data-build]`

async function atStep(page: Page, no: number, step: number): Promise<void> {
  await page.waitForFunction(
    ([sel, k]) =>
      document.querySelector(sel as string)?.getAttribute('data-build-step') === String(k),
    [diagram(no), step],
    { timeout: 5_000 },
  )
}

/** The steps whose elements show, and whether every element of a step agrees. */
async function shownSteps(page: Page, no: number): Promise<{ shown: number[]; mixed: number[] }> {
  return await page.locator(`${diagram(no)} [data-step]`).evaluateAll((els) => {
    const byStep = new Map<number, boolean[]>()
    for (const el of els) {
      const k = Number(el.getAttribute('data-step'))
      byStep.set(k, [...(byStep.get(k) ?? []), !el.classList.contains('is-hidden')])
    }
    const steps = [...byStep].sort(([a], [b]) => a - b)
    return {
      shown: steps.filter(([, v]) => v.every(Boolean)).map(([k]) => k),
      mixed: steps.filter(([, v]) => v.some(Boolean) && !v.every(Boolean)).map(([k]) => k),
    }
  })
}

Deno.test('every concept diagram builds one step per click, in order, and the click after the last leaves the slide', async () => {
  assert(builds.length >= 5, `only ${builds.length} diagrams build`)
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await openPage(browser, origin)
    for (const { no, name, steps } of builds) {
      await page.goto(`${origin}/${no}`)
      await waitForSlide(page, no)
      await atStep(page, no, 0)
      assertEquals(
        await shownSteps(page, no),
        { shown: [], mixed: [] },
        `${name}: something shows before the first click`,
      )
      for (let k = 1; k <= steps; k++) {
        await page.keyboard.press('ArrowRight')
        await atStep(page, no, k)
        const expected = Array.from({ length: k }, (_, i) => i + 1)
        assertEquals(
          await shownSteps(page, no),
          { shown: expected, mixed: [] },
          `${name} at click ${k}`,
        )
      }
      await page.keyboard.press('ArrowRight')
      await waitForSlide(page, no + 1)
      await page.keyboard.press('ArrowLeft')
      await waitForSlide(page, no)
      await atStep(page, no, steps)
    }
    assertEquals(record.errors, [])
    await context.close()
  })
})

Deno.test('in reading mode a diagram shows finished, and one key press moves a whole slide', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await openPage(browser, origin)
    const { no, name, steps } = builds[0]
    await page.goto(`${origin}/${no - 1}`)
    await waitForSlide(page, no - 1)
    await page.keyboard.press('n')
    await page.locator('[data-reading-notes]').waitFor()
    await page.keyboard.press('ArrowRight')
    await waitForSlide(page, no)
    await atStep(page, no, steps)
    assertEquals(
      (await shownSteps(page, no)).shown.length,
      steps,
      `${name} is not finished in reading mode`,
    )
    // The reader's keys move whole slides; the slide's own clicks stay where they were.
    assertEquals(new URL(page.url()).searchParams.get('clicks'), null)
    await page.keyboard.press('ArrowRight')
    await waitForSlide(page, no + 1)
    await page.keyboard.press('ArrowLeft')
    await waitForSlide(page, no)
    await atStep(page, no, steps)
    await page.keyboard.press('ArrowLeft')
    await waitForSlide(page, no - 1)
    // With reading mode off again, the same slide builds with the clicks.
    await page.keyboard.press('n')
    await page.locator('[data-reading-notes]').waitFor({ state: 'detached' })
    await page.keyboard.press('ArrowRight')
    await waitForSlide(page, no)
    await atStep(page, no, 0)
    await page.keyboard.press('ArrowRight')
    await atStep(page, no, 1)
    assertEquals(record.errors, [])
    await context.close()
  })
})

Deno.test('the print page, which the plain PDF prints, shows every diagram finished', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { context, page } = await openPage(browser, origin)
    await page.goto(`${origin}/print?print=true`) // as slidev export opens it
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-build]').length === n,
      builds.length,
      { timeout: 30_000 },
    )
    const shown = await page.locator('[data-build]').evaluateAll((els) =>
      els.map((el) => ({
        name: el.getAttribute('data-build'),
        step: Number(el.getAttribute('data-build-step')),
        hidden: el.querySelectorAll('.is-hidden').length,
      }))
    )
    assertEquals(shown, builds.map(({ name, steps }) => ({ name, step: steps, hidden: 0 })))
    await context.close()
  })
})
