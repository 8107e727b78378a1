/**
 * The same bad input as sync-fuzz.test.ts, through the dev server: a device
 * that leads (here this machine, which the server trusts) writes Slidev's
 * `demos` state, and a page of `deno task dev --remote <password>` receives
 * it over the HMR socket. The server refuses bad JSON, a body over 8 MB and
 * any `demos` state that does not read as the pages read it (422: wrong
 * types, a million lines or events, an unknown demo id, a revision or a run
 * from the future), so no page ever gets it; the page's own check is the
 * second line, tested in sync-fuzz.test.ts and logic/snapshotCheck.test.ts.
 * The page keeps the demo's code, says nothing, and still shows a real update
 * afterwards. HTML in a valid snapshot stays text.
 */
import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { launchChromium } from './harness.ts'
import { demoSlide, lines, root } from './demo-driver.ts'
import { recordLongTasks } from './long-tasks.ts'
import { startDevServer } from '../../bench/remote/server.ts'
import { runKey } from '../../logic/demoSync.ts'

const PG = 'playground'

Deno.test('the dev server refuses bad demo state before any page gets it; nothing lost, not locked', async () => {
  const no = await demoSlide(PG)
  const server = await startDevServer({ password: `pw-${crypto.randomUUID()}`, timeout: 180_000 })
  const browser = await launchChromium()
  try {
    const { origin } = server
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage()
    const longTasks = await recordLongTasks(page)
    const warnings: string[] = []
    const errors: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'warning' && m.text().includes('[demo sync]')) warnings.push(m.text())
      if (m.type() === 'error') errors.push(m.text())
    })
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${origin}/${no}`)
    await page.locator(`${root(PG)} [data-action="run"]`).waitFor({ timeout: 60_000 })
    const codeShown = () => page.locator(`${root(PG)} [data-editor]`).innerText()
    const original = await codeShown()

    const write = async (body: string) => {
      const res = await fetch(`${origin}/@server-reactive/demos`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
      await res.body?.cancel()
      return res.status
    }
    const state = (demos: unknown) => JSON.stringify({ source: 'fuzz', data: demos, timestamp: Date.now() })
    const run = { key: runKey('w9'), code: 'x', trace: false, status: 'done', lines: [], dropped: 0, events: [], diagnostics: [] }

    // Refused by the server: nothing reaches the page.
    assertEquals(await write('{"source":"fuzz","data":{'), 422)
    assertEquals(await write(state({ [PG]: { by: 'w9', rev: 1, code: 'x'.repeat(50 * 1024 * 1024) } })), 413)

    const cases: [string, unknown][] = [
      ['wrong types', { [PG]: { by: 'w9', rev: '3', code: 42 } }],
      ['a million console lines', { [PG]: { by: 'w9', rev: 4, code: 'x', run: { ...run, lines: new Array(1e6).fill(0) } } }],
      ['a million trace events', { [PG]: { by: 'w9', rev: 5, code: 'x', run: { ...run, events: new Array(1e6).fill(0) } } }],
      ['an unknown demo id', { 'not-a-demo': { by: 'w9', rev: 6, code: 'x' } }],
      ['a revision far in the future', { [PG]: { by: 'w9', rev: 1e300, code: 'future' } }],
      ['a run from the future', { [PG]: { by: 'w9', rev: 7, code: 'future', run: { ...run, key: runKey('w9', Date.now() + 24 * 3600_000) } } }],
    ]
    const measured: string[] = []
    for (const [what, demos] of cases) {
      const start = await longTasks.now()
      assertEquals(await write(state(demos)), 422, what)
      const tasks = await longTasks.since(start)
      measured.push(`${what}: ${tasks.length ? `long tasks ${tasks.join(', ')} ms` : 'no long task'}`)
    }
    console.log(measured.join('\n'))
    assertEquals(await codeShown(), original, 'the demo lost its code')
    assert(new URL(page.url()).pathname.endsWith(`/${no}`))

    // HTML in every text field of a valid snapshot: text.
    const html = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b data-injected>bold</b>`
    const evil = { ...run, key: runKey('w9'), code: html, lines: [{ level: 'log', text: html, t: 0, depth: 0 }], events: [{ k: 'log', level: 'log', text: html, t: 0 }] }
    assertEquals(await write(state({ [PG]: { by: 'w9', rev: 8, code: html, step: null, run: evil } })), 200)
    await page.waitForFunction((sel) => [...document.querySelectorAll(`${sel} [data-log]`)].some((l) => l.textContent?.includes('<b data-injected>')), root(PG), { timeout: 20_000, polling: 50 })
    assertEquals(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined)
    assertEquals(await page.locator(`${root(PG)} [data-injected], ${root(PG)} img[src="x"]`).count(), 0)
    assert((await lines(page, PG)).some((l) => l.text === html))

    // A real update still shows.
    assertEquals(await write(state({ [PG]: { by: 'w10', rev: 1, code: "console.log('a real update')", step: null } })), 200)
    await page.waitForFunction((sel) => document.querySelector(`${sel} [data-editor]`)?.textContent?.includes('a real update'), root(PG), { timeout: 20_000, polling: 50 })
    assertEquals(warnings, [], 'a page got what the server refused')
    assertEquals(errors, [], server.output().split('\n').filter((l) => l.includes('[remote guard]')).join('\n'))
  } finally {
    await browser.close()
    await server.close()
  }
})
