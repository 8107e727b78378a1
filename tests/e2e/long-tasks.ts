/**
 * Long tasks (over 50 ms) on a page's main thread, as the browser's Long
 * Tasks API reports them (wall time: the bench's), the deck's tasks with
 * their CPU time from a Chromium trace (what a test may check on a busy
 * machine), and the in-app jump to a slide that a speaker's `g 12` makes.
 * Used by the e2e checks and by the bench.
 */
import type { Browser, Page } from 'playwright-core'

export interface LongTaskRecorder {
  /** The page's clock now. */
  now(): Promise<number>
  /** Durations (ms, rounded) of the long tasks that started at or after `t`. */
  since(t: number): Promise<number[]>
}

/** Call before `page.goto`: records every long task from the page's first script on. */
export async function recordLongTasks(page: Page): Promise<LongTaskRecorder> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[][] }
    w.__longTasks = []
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push([e.startTime, e.duration])
    }).observe({ type: 'longtask', buffered: true })
  })
  return {
    now: () => page.evaluate(() => performance.now()),
    since: (t: number) =>
      page.evaluate(
        (t) =>
          (window as unknown as { __longTasks: number[][] }).__longTasks
            .filter(([s]) => s >= t)
            .map(([, d]) => Math.round(d)),
        t,
      ),
  }
}

/** How many slide chunks (`md-*.js`) a built deck has. */
export function slideChunks(dist: URL): number {
  return [...Deno.readDirSync(new URL('assets/', dist))].filter((e) => /^md-.*\.js$/.test(e.name)).length
}

/**
 * Every slide's chunk is loaded a few seconds after the deck starts (by
 * setup/root.ts in idle moments; a plain Slidev deck does it in one task 3 s
 * after start). Waits until all `chunks` have loaded.
 */
export async function afterAllSlidesLoaded(page: Page, chunks: number): Promise<void> {
  await page.waitForFunction(
    (n) => performance.getEntriesByType('resource').filter((e) => /\/md-[^/]*\.js/.test(e.name)).length >= n,
    chunks,
    { timeout: 20_000, polling: 200 },
  )
  await page.waitForTimeout(300)
}

/** Jumps to slide `no` within the running app, as the speaker's `g` does. */
export async function jumpToSlide(page: Page, no: number): Promise<void> {
  await page.evaluate((no) => {
    const base = location.pathname.replace(/\/\d*$/, '')
    history.pushState(history.state, '', `${base}/${no}`)
    dispatchEvent(new PopStateEvent('popstate', { state: history.state }))
  }, no)
}

// ---- tasks from a Chromium trace ----

/** The trace categories that record every task with its wall and CPU time. */
export const TRACE_CATEGORIES = ['disabled-by-default-devtools.timeline', 'devtools.timeline']

export interface TraceEvent {
  name: string
  pid: number
  tid: number
  /** Wall time, µs. */
  dur?: number
  /** CPU time the thread got, µs. */
  tdur?: number
  args?: {
    name?: string
    data?: { url?: string; frames?: { processId?: number; url?: string; isOutermostMainFrame?: boolean }[] }
  }
}

/** One task of the deck's main thread: its wall time and the CPU time it got, in ms. */
export interface TaskTime {
  ms: number
  cpuMs: number
}

/**
 * Every task on the main thread of the renderer that runs the deck (the
 * traced page's main frame, at `origin`), from a Chromium trace. Wall time
 * counts the moments the thread waited for a core on a busy machine; CPU
 * time does not.
 */
export function deckTasks(events: TraceEvent[], origin: string): TaskTime[] {
  const frames = events.filter((e) => e.name === 'TracingStartedInBrowser').flatMap((e) => e.args?.data?.frames ?? [])
  const pid = frames.find((f) => f.isOutermostMainFrame && f.url?.startsWith(origin))?.processId
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === pid)
  if (!main) throw new Error(`no main thread of the deck (${origin}) in the trace`)
  return events
    .filter((e) => e.name === 'RunTask' && e.pid === main.pid && e.tid === main.tid)
    .map((e) => ({ ms: Math.round((e.dur ?? 0) / 1000), cpuMs: Math.round((e.tdur ?? 0) / 1000) }))
}

/**
 * Ends the trace `browser.startTracing(page, { categories: TRACE_CATEGORIES })`
 * began, and reads the deck's tasks from it (deckTasks).
 */
export async function stopDeckTrace(browser: Browser, origin: string): Promise<TaskTime[]> {
  const trace = JSON.parse(new TextDecoder().decode(await browser.stopTracing())) as { traceEvents: TraceEvent[] }
  return deckTasks(trace.traceEvents, origin)
}
