/**
 * The built deck's windows keep their demos in step over a BroadcastChannel
 * (composables/useDemoSync.ts). Any page of the deck's origin can post on it,
 * so a window treats what arrives as untrusted. A second page of the origin
 * posts bad input at a window showing the playground:
 *
 * malformed JSON, wrong types, a 50 MB string, a million console lines and a
 * million trace events (as JSON text and as objects), an unknown demo id,
 * a revision and a run from the future.
 *
 * Each is refused with one console warning; the demo keeps its code and the
 * deck its slide; and a real update from another window still shows
 * afterwards. HTML and `<script>` in every text field of a valid snapshot
 * show as text, never as elements.
 *
 * No task of the window's own takes over 200 ms of CPU time while it reads
 * and refuses them, the 50 MB ones included: the window hears the channel
 * through a gate worker (logic/syncGate.worker.ts), so the browser copies a
 * message into that worker's thread, not the window's. CPU time, from a
 * Chromium trace of the window's main thread: a wall-clock long task on a
 * busy machine is mostly the wait for a core. The sender builds and posts
 * each message from a worker of its own, so its work is on no page's main
 * thread either (two pages of one origin may share a process).
 */
import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import type { Page } from 'playwright-core'
import LZString from 'lz-string'
import { openPage, withDeck } from './harness.ts'
import { demoSlide, lines, openDemo, root } from './demo-driver.ts'
import { stopDeckTrace, TRACE_CATEGORIES } from './long-tasks.ts'
import { runKey } from '../../logic/demoSync.ts'

const PG = 'playground'
const CHANNEL = 'async-vs-concurrency:demos'

async function codeIn(page: Page): Promise<string> {
  await page.locator(`${root(PG)} [data-action="share"]`).click()
  const link = await page.locator(`${root(PG)} input[aria-label="Share link"]`).inputValue()
  await page.keyboard.press('Escape')
  return LZString.decompressFromEncodedURIComponent(new URL(link).searchParams.get('code') ?? '')
}

/** What the sender page posts: each builds its message in the page (a million lines never crosses the test's pipe). */
const BAD: [string, string][] = [
  ['malformed JSON', `'{"type":"snapshot","id":"playground",'`],
  ['wrong types', `JSON.stringify({ type: 'snapshot', id: 'playground', snap: { by: 'w9', rev: '3', code: 42, run: 'yes' } })`],
  ['a 50 MB string', `'x'.repeat(50 * 1024 * 1024)`],
  ['a 50 MB code field', `JSON.stringify({ type: 'snapshot', id: 'playground', snap: { by: 'w9', rev: 1, code: 'x'.repeat(50 * 1024 * 1024) } })`],
  ['a million console lines', `JSON.stringify({ type: 'snapshot', id: 'playground', snap: { by: 'w9', rev: 2, code: 'x', run: { ...RUN, lines: new Array(1e6).fill(0) } } })`],
  ['a million trace events', `JSON.stringify({ type: 'snapshot', id: 'playground', snap: { by: 'w9', rev: 3, code: 'x', run: { ...RUN, events: new Array(1e6).fill(0) } } })`],
  ['a million console lines, as objects', `({ type: 'snapshot', id: 'playground', snap: { by: 'w9', rev: 4, code: 'x', run: { ...RUN, lines: new Array(1e6).fill({ level: 'log', text: 'spam', t: 0, depth: 0 }) } } })`],
  ['a million trace events, as objects', `({ type: 'snapshot', id: 'playground', snap: { by: 'w9', rev: 5, code: 'x', run: { ...RUN, events: new Array(1e6).fill({ k: 'exit', f: 1, t: 0 }) } } })`],
  ['an unknown demo id', `JSON.stringify({ type: 'snapshot', id: 'not-a-demo', snap: { by: 'w9', rev: 6, code: 'x' } })`],
  ['a revision far in the future', `JSON.stringify({ type: 'snapshot', id: 'playground', snap: { by: 'w9', rev: 1e300, code: 'future' } })`],
  ['a run from the future', `JSON.stringify({ type: 'snapshot', id: 'playground', snap: { by: 'w9', rev: 7, code: 'future', run: { ...RUN, key: FUTURE_KEY } } })`],
]

Deno.test('a window refuses bad input on the sync channel: one warning each, no freeze, nothing lost, not locked', async () => {
  const no = await demoSlide(PG)
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await openPage(browser, origin)
    const warnings: string[] = []
    let onWarning = () => {}
    page.on('console', (m) => {
      if (m.type() === 'warning' && m.text().includes('[demo sync]')) {
        warnings.push(m.text())
        onWarning()
      }
    })
    await openDemo(page, `${origin}/${no}`, PG)
    const original = await codeIn(page)
    const sender = await context.newPage()
    // Any document of the deck's origin: a static file, so no deck runs in it.
    await sender.goto(`${origin}/isolation-sw.js`)
    const run = { key: runKey('w9'), code: 'x', trace: false, status: 'done', lines: [], dropped: 0, events: [], diagnostics: [] }
    // Built and posted in a worker of the sender's (a million lines never crosses the test's pipe).
    const post = (expr: string) =>
      sender.evaluate(
        ([ch, e, r, future]) =>
          new Promise<void>((resolve, reject) => {
            const source = `const RUN = ${JSON.stringify(r)}; const FUTURE_KEY = ${JSON.stringify(future)};
              new BroadcastChannel(${JSON.stringify(ch)}).postMessage(${e}); postMessage('sent')`
            const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })))
            worker.onmessage = () => {
              worker.terminate()
              resolve()
            }
            worker.onerror = (err) => reject(new Error(err.message))
          }),
        [CHANNEL, expr, run, runKey('w9', Date.now() + 24 * 3600_000)] as const,
      )
    const long: string[] = []
    for (const [what, expr] of BAD) {
      const before = warnings.length
      let timer: ReturnType<typeof setTimeout> | undefined
      const warned = new Promise<void>((resolve, reject) => {
        onWarning = () => warnings.length > before && resolve()
        timer = setTimeout(() => reject(new Error(`${what}: no warning within 30 s`)), 30_000)
      })
      await browser.startTracing(page, { categories: TRACE_CATEGORIES })
      await post(expr)
      await warned.finally(() => clearTimeout(timer))
      const tasks = await stopDeckTrace(browser, origin)
      assertEquals(warnings.length, before + 1, `${what}: ${warnings.slice(before).join(' | ')}`)
      const over = tasks.filter((t) => t.cpuMs > 200)
      if (over.length) long.push(`${what}: ${over.map((t) => `${t.cpuMs} ms of CPU (${t.ms} ms wall)`).join(', ')}`)
    }
    assertEquals(long, [], 'the window held its thread')
    assertEquals(await codeIn(page), original, 'the demo lost its code')
    assert(new URL(page.url()).pathname.endsWith(`/${no}`), 'the deck left its slide')

    // HTML and <script> in every text field of a valid snapshot: text, never elements.
    const html = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b data-injected>bold</b>`
    const evil = { ...run, key: runKey('w9'), code: html, lines: [{ level: 'log', text: html, t: 0, depth: 0 }], events: [{ k: 'log', level: 'log', text: html, t: 0 }] }
    await sender.evaluate(([ch, m]) => new BroadcastChannel(ch).postMessage(m), [CHANNEL, JSON.stringify({ type: 'snapshot', id: PG, snap: { by: 'w9', rev: 8, code: html, step: null, run: evil } })] as const)
    await page.waitForFunction((sel) => [...document.querySelectorAll(`${sel} [data-log]`)].some((l) => l.textContent?.includes('<b data-injected>')), root(PG), { timeout: 10_000, polling: 50 })
    assertEquals(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined)
    assertEquals(await page.locator(`${root(PG)} [data-injected], ${root(PG)} img[src="x"]`).count(), 0)
    assert((await lines(page, PG)).some((l) => l.text === html))

    // A real update from another window still shows: nothing locked the demo.
    const later = "console.log('a real update')"
    await sender.evaluate(([ch, m]) => new BroadcastChannel(ch).postMessage(m), [CHANNEL, JSON.stringify({ type: 'snapshot', id: PG, snap: { by: 'w10', rev: 1, code: later, step: null } })] as const)
    await page.waitForFunction((sel) => document.querySelector(`${sel} [data-editor]`)?.textContent?.includes('a real update'), root(PG), { timeout: 10_000, polling: 50 })
    assertEquals(await codeIn(page), later)
    assertEquals(warnings.length, BAD.length, warnings.join('\n'))
    assertEquals(record.errors, [])
  })
})
