/**
 * What the bench measures inside the page, so the numbers come from the
 * browser's own clock rather than from the round trips of driving it.
 */
import type { Page } from 'playwright-core'

export interface FirstSlide {
  /** ms from navigation start until slide 1 has text on screen, one frame later. */
  visibleMs: number
  /** Bytes transferred (headers and bodies) before that moment. */
  bytes: number
  /** Requests finished before that moment, the document included. */
  requests: number
}

/** Call before `page.goto`: records when slide 1 first shows text. */
export async function watchFirstSlide(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __firstSlideVisible?: number }
    const check = () => {
      const el = document.querySelector<HTMLElement>('.slidev-page-1')
      const box = el?.getBoundingClientRect()
      if (el && box && box.width > 0 && el.innerText.trim().length > 0) {
        // The frame after the DOM has it is the one that paints it.
        requestAnimationFrame(() => (w.__firstSlideVisible = performance.now()))
        return
      }
      requestAnimationFrame(check)
    }
    requestAnimationFrame(check)
  })
}

export async function firstSlide(page: Page): Promise<FirstSlide> {
  await page.waitForFunction(() => '__firstSlideVisible' in window)
  return await page.evaluate(() => {
    const visibleMs = (window as unknown as { __firstSlideVisible: number }).__firstSlideVisible
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
    const before = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((r) => r.responseEnd <= visibleMs)
    const bytes = before.reduce((sum, r) => sum + (r.transferSize || r.encodedBodySize), 0) +
      (nav.transferSize || nav.encodedBodySize)
    return { visibleMs, bytes, requests: before.length + 1 }
  })
}

/**
 * Clicks `button` and resolves with the ms until a new element matching
 * `line` whose text includes `expect` is in the DOM. The click and the clock
 * both happen inside the page.
 */
export function clickToLine(
  page: Page,
  sel: { button: string; line: string; expect: string },
): Promise<number> {
  return page.evaluate(({ button, line, expect }) => {
    const old = new Set(document.querySelectorAll(line))
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no '${expect}' line within 10 s`)), 10_000)
      let t0 = 0
      const found = () => {
        for (const el of document.querySelectorAll(line)) {
          if (!old.has(el) && (el.textContent ?? '').includes(expect)) return true
        }
        return false
      }
      const observer = new MutationObserver(() => {
        if (!found()) return
        const ms = performance.now() - t0
        observer.disconnect()
        clearTimeout(timer)
        resolve(ms)
      })
      observer.observe(document.body, { childList: true, subtree: true, characterData: true })
      const el = document.querySelector<HTMLElement>(button)
      if (!el) return reject(new Error(`no ${button} on the page`))
      t0 = performance.now()
      el.click()
    })
  }, sel)
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
