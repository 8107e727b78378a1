/**
 * What the event-loop visualizer's trace (and the thread timeline's activity,
 * recorded with it) costs a run: every sandboxed demo of the deck, run with
 * both views off (untraced) and the visualizer on (traced),
 * alternately, timed on the deck's clock from the Run click to the end of
 * the run. The goal: no demo more than 2× slower traced.
 */
import type { Browser } from 'playwright-core'
import { openPage } from '../tests/e2e/harness.ts'
import { sourceSlides } from '../tests/e2e/deck-source.ts'
import { median } from './measure.ts'

export interface TraceCost {
  id: string
  plainMs: number
  tracedMs: number
}

/** `only`: these demo ids, not all of them. */
export async function traceOverhead(browser: Browser, origin: string, rounds = 3, only?: string[]): Promise<TraceCost[]> {
  const demos = (await sourceSlides()).flatMap((s) =>
    [...s.raw.matchAll(/<LiveDemo\b[^>]*\bid="([^"]+)"[^>]*>/g)]
      // Only TypeScript is traced: the Python and Go demos have no visualizer.
      .filter((m) => !/main-thread|\blang="|\bsrc="[^"]+\.(py|go)"/.test(m[0]) && (!only || only.includes(m[1])))
      .map((m) => ({ id: m[1], slide: s.no }))
  )
  const out: TraceCost[] = []
  for (const { id, slide } of demos) {
    const { context, page } = await openPage(browser, origin)
    const root = `[data-live-demo="${id}"]`
    await page.goto(`${origin}/${slide}`)
    await page.locator(`${root} [data-action="run"]`).waitFor()
    // A run is traced while the visualizer or the thread timeline shows (one at a time).
    const button = (view: string) => page.locator(`${root} [data-action="${view}"]`)
    const shown = async () => {
      for (const view of ['visualize', 'timeline']) {
        if ((await button(view).count()) && (await button(view).getAttribute('aria-pressed')) === 'true') return view
      }
    }
    const times: Record<'plain' | 'traced', number[]> = { plain: [], traced: [] }
    // A first run warms the sandbox and the runner's chunk.
    await timedRun(page, root)
    for (let i = 0; i < rounds; i++) {
      for (const mode of ['plain', 'traced'] as const) {
        const view = await shown()
        if (mode === 'plain' && view) await button(view).click()
        if (mode === 'traced' && !view) await button('visualize').click()
        times[mode].push(await timedRun(page, root))
      }
    }
    out.push({ id, plainMs: median(times.plain), tracedMs: median(times.traced) })
    await context.close()
  }
  return out
}

/** Clicks Run and returns the ms, on the page's clock, until the run is no longer running. */
function timedRun(page: import('playwright-core').Page, root: string): Promise<number> {
  return page.evaluate((sel) =>
    new Promise<number>((resolve) => {
      const el = document.querySelector(sel)!
      const start = performance.now()
      const seen = new MutationObserver(() => {
        const s = el.getAttribute('data-status')
        if (s !== 'running' && s !== 'idle') {
          seen.disconnect()
          resolve(performance.now() - start)
        }
      })
      seen.observe(el, { attributes: true, attributeFilter: ['data-status'] })
      el.querySelector<HTMLElement>('[data-action="run"]')!.click()
    }), root)
}
