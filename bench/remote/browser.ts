/**
 * Real Chromium windows on the dev server, to check the simulated viewers
 * against what a browser does: a presenter page driven by the keyboard and
 * an audience page on a host that is not in Slidev's trusted list (as a
 * phone's is). A script added before the page's own records, on the page's
 * clock, every sync message its HMR socket gets, every route it goes to,
 * every key pressed and every state POST it sends.
 */
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { CHROMIUM_ARGS, ensureSystemDeps } from '../../scripts/chromium.ts'
import { SYNC_EVENT } from './protocol.ts'

/**
 * The audience page's host: a loopback name that Vite accepts and Slidev does
 * not trust, so the page only follows, like a phone on the network.
 */
export const PHONE_HOST = 'phone.localhost'

export function launchBrowser(): Promise<Browser> {
  return ensureSystemDeps().then((executablePath) =>
    chromium.launch({
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${PHONE_HOST} 127.0.0.1`],
    })
  )
}

/** What a page recorded. Times are `performance.timeOrigin + now()`. */
export interface PageLog {
  /** HMR messages carrying a sync broadcast, raw, with their arrival. */
  sync: { at: number; data: string }[]
  /** Other HMR message types (`connected`, `full-reload`, …). */
  others: string[]
  /** Each route the app went to: path and query. */
  routes: { at: number; path: string }[]
  keys: { at: number; key: string }[]
  /** Each POST to `/@server-reactive/…`. */
  posts: { at: number; url: string; body: string }[]
  /** Whether the HMR socket is open. */
  socketOpen: boolean
}

/** The page's global object, with the log on it. */
type Recorded = typeof globalThis & { __syncLog: PageLog }

/** Runs in the page before its scripts. Keep it self-contained. */
function recorder(event: string) {
  const now = () => performance.timeOrigin + performance.now()
  const log: PageLog = { sync: [], others: [], routes: [], keys: [], posts: [], socketOpen: false }
  const g = globalThis as Recorded
  g.__syncLog = log
  const Native = g.WebSocket
  g.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      this.addEventListener('open', () => (log.socketOpen = true))
      this.addEventListener('close', () => (log.socketOpen = false))
      this.addEventListener('message', (e: MessageEvent) => {
        const at = now()
        if (typeof e.data !== 'string') return
        if (e.data.includes(`"${event}"`)) log.sync.push({ at, data: e.data })
        else log.others.push(String(JSON.parse(e.data).type))
      })
    }
  }
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = history[name]
    history[name] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args)
      log.routes.push({ at: now(), path: location.pathname + location.search })
      return result
    }
  }
  addEventListener('keydown', (e) => log.keys.push({ at: now(), key: e.key }), true)
  const nativeFetch = g.fetch
  g.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
    const url = input instanceof Request ? input.url : String(input)
    if (init?.method === 'POST' && url.includes('/@server-reactive/')) {
      log.posts.push({ at: now(), url, body: String(init.body) })
    }
    return nativeFetch.call(this, input, init)
  }
}

export interface RecordedPage {
  context: BrowserContext
  page: Page
  /** console errors and uncaught errors in the page. */
  errors: string[]
}

/** A fresh context and page with the recorder in place. */
export async function recordedPage(browser: Browser): Promise<RecordedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  await context.addInitScript(recorder, SYNC_EVENT)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()))
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`))
  return { context, page, errors }
}

/**
 * Opens `url` and waits until the app settled on `path` with its HMR socket
 * open. The first load on a fresh dev server can take a while: Vite bundles
 * the dependencies and may reload the page once.
 */
export async function openSettled(page: Page, url: string, path: RegExp): Promise<void> {
  await page.goto(url, { waitUntil: 'load', timeout: 180_000 })
  await page.waitForLoadState('networkidle', { timeout: 180_000 })
  await page.waitForFunction(
    (source) =>
      new RegExp(source).test(location.pathname) && (globalThis as Recorded).__syncLog?.socketOpen,
    path.source,
    { timeout: 180_000 },
  )
}

export function readLog(page: Page): Promise<PageLog> {
  return page.evaluate(() => structuredClone((globalThis as Recorded).__syncLog))
}

export function clearLog(page: Page): Promise<void> {
  return page.evaluate(() => {
    const log = (globalThis as Recorded).__syncLog
    for (const list of [log.sync, log.others, log.routes, log.keys, log.posts]) list.length = 0
  })
}

/** `/3?clicks=1` or `/presenter/3?clicks=1` as a page and click. */
export function routeStep(path: string): { page: number; clicks: number } | undefined {
  const match = path.match(/^(?:.*\/)?(\d+)(?:\?(.*))?$/)
  if (!match) return undefined
  const clicks = Number(new URLSearchParams(match[2] ?? '').get('clicks') ?? 0)
  return { page: Number(match[1]), clicks }
}
