/**
 * The end-to-end harness: serves the BUILT deck (dist/) on loopback with the
 * SPA fallback and the cross-origin isolation headers a static host gives
 * (public/_headers), or without those headers, drives it in the system
 * Chromium through playwright-core, and records every request and console
 * error so a test can fail on anything that leaves the machine.
 */
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { CHROMIUM_ARGS, ensureSystemDeps } from '../../scripts/chromium.ts'
import { ISOLATION_HEADERS } from '../../logic/isolationHeaders.ts'

const ROOT = new URL('../../', import.meta.url)
export const DIST = new URL('dist/', ROOT)

/** Whether a built deck (dist/ unless given) has its Go binaries: the machine that built it had Go. */
export function builtWithGo(dist: URL = DIST): Promise<boolean> {
  return Deno.stat(new URL('go/wasm_exec.js', dist)).then(() => true, () => false)
}

const MIME: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  wasm: 'application/wasm',
  txt: 'text/plain; charset=utf-8',
  map: 'application/json',
  pdf: 'application/pdf',
}

export interface DeckServer {
  origin: string
  close(): Promise<void>
}

export interface ServeOptions {
  /**
   * Send the cross-origin isolation headers with every response, as the
   * deck's `_headers` and `vercel.json` make static hosts do. Default true;
   * false serves it like GitHub Pages, where only the service worker
   * (public/isolation-sw.js) can isolate the page.
   */
  isolation?: boolean
  /**
   * The path the deck was built for (`--base /talks/async/`): it is served
   * there only, as a host that deploys it in a sub-folder would, and
   * `origin` then includes it, without its last slash. Default `/`.
   */
  base?: string
}

/** Serves a built deck on 127.0.0.1 with a random port. */
export function serveDeck(dir: URL = DIST, { isolation = true, base = '/' }: ServeOptions = {}): DeckServer {
  try {
    Deno.statSync(new URL('index.html', dir))
  } catch {
    throw new Error(`No built deck at ${dir.pathname}: run 'deno task build' first.`)
  }
  const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen() {} }, async (req) => {
    const full = decodeURIComponent(new URL(req.url).pathname)
    if (!full.startsWith(base) && full !== base.replace(/\/$/, '')) {
      return new Response('not under the deck\'s base', { status: 404 })
    }
    const path = '/' + full.slice(base.length)
    const file = new URL('.' + (path.endsWith('/') ? path + 'index.html' : path), dir)
    let body: Uint8Array
    let type = MIME[path.split('.').pop() ?? ''] ?? 'application/octet-stream'
    try {
      body = await Deno.readFile(file)
    } catch {
      // Deep links such as /12?demo=x are routes of the single-page app.
      body = await Deno.readFile(new URL('index.html', dir))
      type = MIME.html
    }
    const headers = { 'content-type': type, ...(isolation ? ISOLATION_HEADERS : {}) }
    return new Response(body as Uint8Array<ArrayBuffer>, { headers })
  })
  const { port } = server.addr as Deno.NetAddr
  const origin = `http://127.0.0.1:${port}${base.replace(/\/$/, '')}`
  return { origin, close: () => server.shutdown() }
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = await ensureSystemDeps()
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true })
}

/** What a page did that a test may want to fail on. */
export interface PageRecord {
  /** Requests to anything but the deck's own origin (data: and blob: are local). */
  outside: string[]
  /** Requests that failed, with the reason. */
  failed: string[]
  /** console.error messages and uncaught page errors. */
  errors: string[]
}

/**
 * A new context and page on the deck, at 1280×720, with every request
 * recorded. Requests that would leave the machine are aborted, so a test can
 * never reach the network even when it fails.
 */
export async function openPage(
  browser: Browser,
  origin: string,
  options: { colorScheme?: 'light' | 'dark'; serviceWorkers?: 'allow' | 'block' } = {},
): Promise<{ context: BrowserContext; page: Page; record: PageRecord }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 720 },
    colorScheme: options.colorScheme ?? 'light',
    serviceWorkers: options.serviceWorkers ?? 'allow',
  })
  const record: PageRecord = { outside: [], failed: [], errors: [] }
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (isLocal(url, origin)) return route.continue()
    record.outside.push(url)
    return route.abort('blockedbyclient')
  })
  const page = await context.newPage()
  page.on('requestfailed', (req) => {
    if (isLocal(req.url(), origin)) record.failed.push(`${req.url()}: ${req.failure()?.errorText}`)
  })
  page.on('response', (res) => {
    if (res.status() >= 400) record.failed.push(`${res.url()}: HTTP ${res.status()}`)
  })
  page.on('console', (msg) => {
    if (msg.type() === 'error') record.errors.push(msg.text())
  })
  page.on('pageerror', (err) => record.errors.push(`uncaught: ${err.message}`))
  return { context, page, record }
}

function isLocal(url: string, origin: string): boolean {
  return url.startsWith(origin + '/') || url === origin ||
    url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank'
}

/** Waits until slide `no` is the one shown in play mode. */
export async function waitForSlide(page: Page, no: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      location.pathname.replace(/\/$/, '').endsWith(`/${n}`) &&
      document.querySelector(`.slidev-page-${n}`) !== null,
    no,
    { timeout: 15_000 },
  )
}

/**
 * Runs `fn` with a served deck and a browser, and always cleans both up.
 * Keeps Deno's leak checks quiet about the server and the browser process.
 */
export async function withDeck(
  fn: (ctx: { browser: Browser; origin: string }) => Promise<void>,
  options: ServeOptions = {},
): Promise<void> {
  const server = serveDeck(DIST, options)
  const browser = await launchChromium()
  try {
    await fn({ browser, origin: server.origin })
  } finally {
    await browser.close()
    await server.close()
  }
}
