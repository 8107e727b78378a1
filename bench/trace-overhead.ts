/**
 * What the event-loop visualizer's trace costs a run: every sandboxed demo
 * of the deck, run with the visualizer off (untraced) and on (traced),
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

export async function traceOverhead(browser: Browser, origin: string, rounds = 3): Promise<TraceCost[]> {
  const demos = (await sourceSlides()).flatMap((s) =>
    [...s.raw.matchAll(/<LiveDemo\b[^>]*\bid="([^"]+)"[^>]*>/g)]
      .filter((m) => !/main-thread/.test(m[0]))
      .map((m) => ({ id: m[1], slide: s.no }))
  )
  const out: TraceCost[] = []
  for (const { id, slide } of demos) {
    const { context, page } = await openPage(browser, origin)
    const root = `[data-live-demo="${id}"]`
    await page.goto(`${origin}/${slide}`)
    await page.locator(`${root} [data-action="run"]`).waitFor()
    const isOn = async () => (await page.locator(`${root} [data-action="visualize"]`).getAttribute('aria-pressed')) === 'true'
    const times: Record<'plain' | 'traced', number[]> = { plain: [], traced: [] }
    // A first run warms the sandbox and the runner's chunk.
    await timedRun(page, root)
    for (let i = 0; i < rounds; i++) {
      for (const mode of ['plain', 'traced'] as const) {
        if ((mode === 'traced') !== (await isOn())) await page.locator(`${root} [data-action="visualize"]`).click()
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
