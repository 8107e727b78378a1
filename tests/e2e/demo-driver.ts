/**
 * Drives one live demo through the contract in ../shared/CONTRACT.md, and
 * nothing else: data-live-demo, data-status, data-action and data-log.
 */
import type { Page } from 'playwright-core'
import LZString from 'lz-string'
import { sourceSlides } from './deck-source.ts'

export type Status = 'idle' | 'running' | 'done' | 'error' | 'timeout' | 'stopped'
export interface Line {
  level: string
  text: string
}

/** The slide that holds demo `id`, from the deck's source. */
export async function demoSlide(id: string): Promise<number> {
  const slide = (await sourceSlides()).find((s) => s.raw.includes(`id="${id}"`))
  if (!slide) throw new Error(`no slide has a demo with id "${id}"`)
  return slide.no
}

export function shareLink(origin: string, slide: number, id: string, code: string): string {
  return `${origin}/${slide}?demo=${id}&code=${LZString.compressToEncodedURIComponent(code)}`
}

export const root = (id: string) => `[data-live-demo="${id}"]`

export async function status(page: Page, id: string): Promise<Status> {
  return (await page.locator(root(id)).getAttribute('data-status')) as Status
}

export async function lines(page: Page, id: string): Promise<Line[]> {
  return await page.locator(`${root(id)} [data-log]`).evaluateAll((els) =>
    els.map((el) => ({ level: el.getAttribute('data-level') ?? '', text: el.textContent ?? '' }))
  )
}

/** Opens the demo's slide (optionally by share link) and waits for its Run button. */
export async function openDemo(page: Page, url: string, id: string): Promise<void> {
  await page.goto(url)
  await page.locator(`${root(id)} [data-action="run"]`).waitFor({ timeout: 20_000 })
}

export type Action = 'run' | 'stop' | 'reset' | 'share' | 'zoom-in' | 'zoom-out' | 'zoom-reset'

export async function click(page: Page, id: string, action: Action) {
  await page.locator(`${root(id)} [data-action="${action}"]`).click()
}

/** Waits until the demo is no longer running and returns how it ended. */
export async function settle(page: Page, id: string, timeoutMs = 20_000): Promise<Status> {
  await page.waitForFunction(
    (sel) => {
      const s = document.querySelector(sel)?.getAttribute('data-status')
      return s && s !== 'running' && s !== 'idle'
    },
    root(id),
    { timeout: timeoutMs, polling: 100 },
  )
  return await status(page, id)
}

/** Runs the code already in the demo and returns how it ended and what it printed. */
export async function runToEnd(page: Page, id: string, timeoutMs = 20_000) {
  await click(page, id, 'run')
  await page.waitForFunction(
    (sel) => document.querySelector(sel)?.getAttribute('data-status') !== 'idle',
    root(id),
    // The first Run on a slide may still be loading the runner chunk.
    { timeout: 15_000, polling: 50 },
  )
  const end = await settle(page, id, timeoutMs)
  return { status: end, lines: await lines(page, id) }
}

/**
 * The deck still answers: the main thread runs a task promptly, and the
 * next-slide key still navigates (then comes back).
 */
export async function assertResponsive(page: Page): Promise<void> {
  const started = Date.now()
  await Promise.race([
    page.evaluate(() => new Promise((r) => setTimeout(r, 0))),
    new Promise((_, reject) => setTimeout(() => reject(new Error('main thread did not answer in 2 s')), 2_000)),
  ])
  const before = new URL(page.url()).pathname
  await page.locator('body').click({ position: { x: 5, y: 5 } }).catch(() => {})
  await page.keyboard.press('ArrowDown')
  await page.waitForFunction((p) => location.pathname !== p, before, { timeout: 10_000 })
  await page.keyboard.press('ArrowUp')
  await page.waitForFunction((p) => location.pathname === p, before, { timeout: 10_000 })
  if (Date.now() - started > 10_000) throw new Error('the deck took over 10 s to respond')
}

/**
 * Starts recording, in the page, whether a program line (`data-level="log"`)
 * showed while the demo was still `running`; the returned function reads it.
 */
export async function watchStreaming(page: Page, id: string): Promise<() => Promise<boolean>> {
  const key = `streamed:${id}`
  await page.evaluate(([sel, key]) => {
    const el = document.querySelector(sel)!
    const w = window as unknown as Record<string, boolean>
    w[key] = false
    new MutationObserver(() => {
      const running = el.getAttribute('data-status') === 'running'
      if (running && el.querySelector('[data-log][data-level="log"]')) w[key] = true
    }).observe(el, { subtree: true, childList: true, attributes: true, characterData: true })
  }, [root(id), key] as const)
  return () => page.evaluate((key) => (window as unknown as Record<string, boolean>)[key] === true, key)
}
