/**
 * The live demos on the built deck, driven through the contract only:
 * run, output, Stop, the time limit, Reset, persistence, share links,
 * leaving the slide, and a table of bad inputs run through the playground.
 * After each bad input the deck must still answer.
 *
 * Over 300 lines: most of it is the bad-input table, one row per input with
 * its expected ending; the tests share one deck and its page helpers.
 */
import {
  deepStrictEqual as assertEquals,
  match as assertMatch,
  ok as assert,
} from 'node:assert/strict'
import type { Browser, Page } from 'playwright-core'
import { builtWithGo, openPage, withDeck } from './harness.ts'
import {
  assertResponsive,
  click,
  demoSlide,
  type Line,
  lines,
  openDemo,
  root,
  runToEnd,
  settle,
  shareLink,
  type Status,
  status,
} from './demo-driver.ts'

const PG = 'playground'
const pgSlide = await demoSlide(PG)

async function playground(browser: Browser, origin: string, code: string) {
  const opened = await openPage(browser, origin)
  await openDemo(opened.page, shareLink(origin, pgSlide, PG, code), PG)
  return opened
}

const text = (ls: Line[]) => ls.map((l) => `${l.level}: ${l.text}`).join('\n')

Deno.test('a run shows its output, stays running while work is pending, then ends done', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await playground(
      browser,
      origin,
      "import { sleep } from './toolkit.ts'\nconsole.log('before')\nawait sleep(1000)\nconsole.log('after', { n: 1 })",
    )
    assertEquals(await status(page, PG), 'idle', 'a share link must not run the code')
    await click(page, PG, 'run')
    await page.waitForSelector(`${root(PG)} [data-log]:text("before")`)
    assertEquals(await status(page, PG), 'running', 'running while the sleep is pending')
    const end = await settle(page, PG)
    assertEquals(end, 'done')
    const out = (await lines(page, PG)).filter((l) => l.level !== 'system')
    assertEquals(
      out.map((l) => l.text),
      ['before', 'after {n: 1}'],
      'objects print as DevTools shows them',
    )
    assertEquals(out[0].level, 'log')
    assertEquals(record.outside, [])
    assertEquals(record.errors, [])
    await context.close()
  })
})

Deno.test('Stop ends an endless interval at once; a new run replaces the old one', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { context, page } = await playground(
      browser,
      origin,
      "setInterval(() => console.log('tick'), 50)",
    )
    await click(page, PG, 'run')
    await page.waitForSelector(`${root(PG)} [data-log]:text("tick")`)
    await click(page, PG, 'stop')
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.getAttribute('data-status') === 'stopped',
      root(PG),
    )
    const count = (await lines(page, PG)).length
    await page.waitForTimeout(400)
    assertEquals((await lines(page, PG)).length, count, 'lines kept coming after Stop')
    const sys = (await lines(page, PG)).filter((l) => l.level === 'system')
    assert(sys.length > 0, 'Stop writes a system line')
    await context.close()
  })
})

Deno.test('the time limit ends a run that never finishes; the watchdog ends a blocked one in 3 s', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { context, page } = await playground(browser, origin, 'setInterval(() => {}, 50)')
    const waiting = await runToEnd(page, PG, 25_000)
    assertEquals(waiting.status, 'timeout')
    assertMatch(text(waiting.lines), /system: Stopped after 10 s: the time limit/)
    await assertResponsive(page)

    await openDemo(page, shareLink(origin, pgSlide, PG, 'while (true) {}'), PG)
    const blocked = await runToEnd(page, PG, 25_000)
    assertEquals(blocked.status, 'timeout')
    assertMatch(text(blocked.lines), /system: .*did not give its thread back for 3 s/)
    // The line's own time, on the deck's clock since Run: after the block
    // limit, and long before the time limit (how soon is the bench's to say).
    const ms = Number(await page.locator(`${root(PG)} .demo-console-time`).last().textContent().then((t) => t?.split(' ')[0]))
    assert(ms >= 3_000 && ms < 10_000, `the endless loop was stopped after ${ms} ms`)
    await assertResponsive(page)
    await context.close()
  })
})

Deno.test('edited code survives a reload, Reset brings back the original, share links round-trip', async () => {
  await withDeck(async ({ browser, origin }) => {
    const marker = `kept-${Date.now()}`
    const { context, page } = await playground(browser, origin, `console.log('${marker}')`)
    // A plain visit after the share link: the code was kept in this browser.
    await openDemo(page, `${origin}/${pgSlide}`, PG)
    let run = await runToEnd(page, PG)
    assert(run.lines.some((l) => l.text === marker), `reload lost the edit:\n${text(run.lines)}`)

    // Share: the link the button makes opens the same code in a new browser.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin })
    await click(page, PG, 'share')
    const link = await page.evaluate(() => navigator.clipboard.readText())
    assertMatch(link, new RegExp(`/${pgSlide}\\?demo=${PG}&code=`))
    const other = await openPage(browser, origin)
    await openDemo(other.page, link, PG)
    run = await runToEnd(other.page, PG)
    assert(
      run.lines.some((l) => l.text === marker),
      `the share link lost the code:\n${text(run.lines)}`,
    )
    await other.context.close()

    // Reset: the original program again, in this page and after a reload.
    await click(page, PG, 'reset')
    run = await runToEnd(page, PG)
    assert(!run.lines.some((l) => l.text === marker), 'Reset kept the edit')
    assert(run.lines.some((l) => l.level !== 'system'), 'the original program printed nothing')
    await openDemo(page, `${origin}/${pgSlide}`, PG)
    run = await runToEnd(page, PG)
    assert(!run.lines.some((l) => l.text === marker), 'Reset did not clear the kept code')
    await context.close()
  })
})

Deno.test('a share link whose code cannot be read says so and loses nothing', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await openPage(browser, origin)
    await openDemo(page, `${origin}/${pgSlide}?demo=${PG}&code=%%%not-lz`, PG)
    const out = await lines(page, PG)
    assert(out.some((l) => /could not be read/i.test(l.text)), `no message:\n${text(out)}`)
    const run = await runToEnd(page, PG)
    assertEquals(run.status, 'done', 'the original code still runs')
    assertEquals(record.errors, [])
    await context.close()
  })
})

Deno.test('leaving the slide stops a run', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { context, page } = await playground(
      browser,
      origin,
      "setInterval(() => console.log('tick'), 50)",
    )
    await click(page, PG, 'run')
    await page.waitForSelector(`${root(PG)} [data-log]:text("tick")`)
    await page.locator('body').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('ArrowUp')
    await page.waitForFunction((n) => !location.pathname.endsWith(`/${n}`), pgSlide)
    // The demo may stay mounted off screen; it must not be running either way.
    const demo = page.locator(root(PG))
    if (await demo.count()) {
      await page.waitForFunction(
        (sel) => document.querySelector(sel)?.getAttribute('data-status') !== 'running',
        root(PG),
      )
    }
    await page.keyboard.press('ArrowDown')
    await page.waitForFunction((n) => location.pathname.endsWith(`/${n}`), pgSlide)
    assert((await status(page, PG)) !== 'running', 'the run went on after leaving the slide')
    await context.close()
  })
})

/** Bad input: what the code is, how the run must end, and what it must say. */
interface BadInput {
  name: string
  code: string
  /** How the run must end; several where the platform may end it either way. */
  status: Status | Status[]
  says: RegExp
}

const BAD_INPUTS: BadInput[] = [
  { name: 'syntax error', code: 'const x = ;', status: 'error', says: /error: .*(line 1|1:)/i },
  { name: 'sync throw', code: "throw new Error('boom')", status: 'error', says: /error: .*boom/ },
  {
    name: 'throw in a timer',
    code: "setTimeout(() => { throw new TypeError('late boom') }, 10)",
    status: 'error',
    says: /error: .*late boom/,
  },
  {
    name: 'unhandled rejection',
    code: "Promise.resolve().then(() => Promise.reject(new Error('nobody caught me')))",
    status: 'error',
    says: /error: .*nobody caught me/,
  },
  {
    name: 'stack overflow',
    code: 'function f(): number { return f() + 1 }\nf()',
    status: 'error',
    says: /error: .*call stack/i,
  },
  {
    name: 'endless loop',
    code: 'while (true) {}',
    status: 'timeout',
    says: /system: .*did not give its thread back for 3 s/,
  },
  {
    name: 'endless microtasks',
    code: 'function spin(): void { Promise.resolve().then(spin) }\nspin()',
    status: 'timeout',
    says: /system: .*did not give its thread back for 3 s/,
  },
  {
    name: 'a long synchronous computation',
    code: "import { work } from './toolkit.ts'\nconsole.log('start')\nwork(60_000)",
    status: 'timeout',
    says: /log: start\nsystem: .*did not give its thread back/,
  },
  {
    name: 'endless interval',
    code: 'setInterval(() => {}, 1)',
    status: 'timeout',
    says: /system: .*time limit/,
  },
  {
    // Allocating without a break: the watchdog or the out-of-memory check ends it.
    name: 'memory exhaustion in one loop',
    code: 'const keep: number[][] = []\nwhile (true) keep.push(new Array(1e6).fill(1))',
    status: ['timeout', 'error'],
    says: /system: .*(did not give its thread back|ran out of memory)/i,
  },
  {
    name: 'a million logs',
    code: "for (let i = 0; i < 1e6; i++) console.log('line', i)",
    status: 'done',
    says: /^system: 999,800 earlier lines dropped\nlog: line 999800\n/,
  },
  {
    name: 'ten million logs',
    code: 'for (let i = 0; i < 1e7; i++) console.log(i)',
    status: ['done', 'timeout'],
    says: /^system: [\d,]+ earlier lines dropped\nlog: \d+\n/,
  },
  {
    name: 'a 10 MB string',
    code: "console.log('x'.repeat(10_000_000))",
    status: 'done',
    says: /log: x{100}.*\nsystem: That line was longer than 10,000 characters, so it was cut/,
  },
  {
    name: 'a deeply nested object',
    code: "let o: object = {}\nfor (let i = 0; i < 100_000; i++) o = { o }\nconsole.log(o)\nconsole.log('after')",
    status: 'done',
    says: /log: \{o: \{o: .*\}\nlog: after/,
  },
  {
    name: 'the DOM',
    code: "document.body.innerHTML = 'owned'",
    status: 'error',
    says: /error: .*document/,
  },
  {
    name: 'navigation',
    code: "location.href = 'https://example.com'",
    status: 'error',
    says: /error: .*/,
  },
  { name: 'storage', code: 'localStorage.clear()', status: 'error', says: /error: .*localStorage/ },
  {
    name: 'indexedDB',
    code: "indexedDB.open('x')",
    status: 'error',
    says: /error: .*not available/,
  },
  { name: 'dialogs', code: "alert('hi')", status: 'error', says: /error: .*alert/ },
  {
    name: 'fetch',
    code: "await fetch('https://example.com')",
    status: 'error',
    says: /error: .*offline/,
  },
  {
    name: 'XMLHttpRequest',
    code: 'new XMLHttpRequest()',
    status: 'error',
    says: /error: .*offline/,
  },
  {
    name: 'WebSocket',
    code: "new WebSocket('wss://example.com')",
    status: 'error',
    says: /error: .*offline/,
  },
  {
    name: 'dynamic import',
    code: "await import('https://example.com/x.js')",
    status: 'error',
    says: /error: .*offline/,
  },
  {
    name: 'importScripts',
    code: "importScripts('https://example.com/x.js')",
    status: 'error',
    says: /error: .*offline/,
  },
  {
    name: 'forged message to the deck',
    // Either refused, or posted to a worker port the deck never listens to.
    code:
      "postMessage({ type: 'status', status: 'done' })\nawait new Promise((r) => setTimeout(r, 300))\nconsole.log('still mine')",
    status: ['done', 'error'],
    says: /still mine|error: .*postMessage/,
  },
  {
    name: 'the presenter sync channel',
    code: "new BroadcastChannel('x').postMessage({ page: 99 })",
    status: 'error',
    says: /error: .*BroadcastChannel/,
  },
  {
    name: 'the parent page',
    code: 'parent.document.title',
    status: 'error',
    says: /error: .*parent/,
  },
  { name: 'closing the worker', code: 'close()', status: 'error', says: /error: .*not available/ },
  {
    name: 'HTML stays text',
    code: "console.log('<img src=x onerror=alert(1)><b>bold</b>')",
    status: 'done',
    says: /log: <img src=x onerror=alert\(1\)><b>bold<\/b>/,
  },
  {
    name: 'ANSI escapes',
    code: "console.log('\\u001b[31mred\\u001b[0m plain')",
    status: 'done',
    says: /log: red plain$/m,
  },
  {
    name: 'emoji',
    code: "console.log('🍜 order placed 🛵')",
    status: 'done',
    says: /log: 🍜 order placed 🛵/,
  },
  {
    name: 'debugger statement',
    code: "debugger\nconsole.log('after debugger')",
    status: 'done',
    says: /log: after debugger/,
  },
]

Deno.test('bad input gets a clear message and leaves the deck responsive', async () => {
  await withDeck(async ({ browser, origin }) => {
    const failures: string[] = []
    const { context, page } = await openPage(browser, origin)
    for (const bad of BAD_INPUTS) {
      await openDemo(page, shareLink(origin, pgSlide, PG, bad.code), PG)
      const run = await runToEnd(page, PG, 25_000).catch((error: Error) => {
        throw new Error(`${bad.name}: ${error.message}`)
      })
      const out = text(run.lines)
      const want = ([] as Status[]).concat(bad.status)
      if (!want.includes(run.status)) {
        failures.push(`${bad.name}: ended ${run.status}, want ${want}\n${out}`)
      } else if (!bad.says.test(out)) {
        failures.push(`${bad.name}: no line matching ${bad.says}\n${out.slice(0, 600)}`)
      }
      // Nothing rendered as markup, and the page is still ours.
      const injected = await page.locator(`${root(PG)} img, ${root(PG)} [data-log] b`).count()
      if (injected) failures.push(`${bad.name}: output became markup`)
      if (new URL(page.url()).origin !== origin) {
        failures.push(`${bad.name}: the page navigated away`)
      }
      try {
        await assertResponsive(page)
      } catch (error) {
        failures.push(`${bad.name}: deck not responsive: ${(error as Error).message}`)
      }
    }
    // The deck's own storage survived all of it.
    const kept = await page.evaluate(() => localStorage.length)
    assert(kept > 0, 'the deck lost its localStorage')
    assertEquals(failures, [])
    await context.close()
  })
})

Deno.test('every demo in the deck runs to done with output, and resets', async () => {
  const { sourceSlides } = await import('./deck-source.ts')
  const demos = (await sourceSlides()).flatMap((s) =>
    [...s.raw.matchAll(/<LiveDemo[^>]*\bid="([^"]+)"[^>]*>/g)].map((m) => ({
      id: m[1],
      no: s.no,
      mainThread: /main-thread/.test(m[0]),
      go: /\bsrc="[^"]+\.go"/.test(m[0]),
    }))
  )
  // A deck built without Go (a newcomer's laptop) has no Go binaries: its Go
  // demos end with the line that says why, and the rest run as anywhere.
  const goBuilt = await builtWithGo()
  assert(demos.length >= 8, `only ${demos.length} live demos in the deck`)
  assertEquals(new Set(demos.map((d) => d.id)).size, demos.length, 'demo ids must be unique')
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await openPage(browser, origin)
    const failures: string[] = []
    for (const demo of demos) {
      await openDemo(page, `${origin}/${demo.no}`, demo.id)
      const run = await runToEnd(page, demo.id, 25_000)
      const printed = run.lines.filter((l) => l.level !== 'system')
      if (demo.go && !goBuilt) {
        if (run.status !== 'error' || !/Go demos cannot run in this deck/.test(text(run.lines))) {
          failures.push(`${demo.id} (slide ${demo.no}), built without Go: ${run.status}\n${text(run.lines)}`)
        }
      } else if (run.status !== 'done' || printed.length === 0) {
        failures.push(`${demo.id} (slide ${demo.no}): ${run.status}\n${text(run.lines)}`)
      }
      await click(page, demo.id, 'reset')
    }
    assertEquals(failures, [])
    assertEquals(record.outside, [])
    assertEquals(record.errors, [])
    await context.close()
  })
})

Deno.test('typing in the editor never runs the code or moves the slide; Ctrl+Enter runs it', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await playground(browser, origin, "console.log('typed')")
    // `data-editor` (static | loading | monaco) is the demo's own hook beside the contract.
    const code = page.locator(`${root(PG)} [data-editor]`)
    await code.click()
    await page.locator(`${root(PG)} [data-editor="monaco"]`).waitFor({ timeout: 20_000 })
    const before = new URL(page.url()).pathname
    await page.keyboard.press('Control+End')
    // Letters such as o, f and d are slide shortcuts: they must reach the editor only.
    await page.keyboard.type("\nconsole.log('more of it')")
    await page.waitForTimeout(600)
    assertEquals(await status(page, PG), 'idle', 'editing ran the code')
    assertEquals((await lines(page, PG)).length, 0)
    assertEquals(new URL(page.url()).pathname, before, 'typing moved the slide')
    await page.keyboard.press('Control+Enter')
    assertEquals(await settle(page, PG), 'done')
    const out = (await lines(page, PG)).map((l) => l.text)
    assert(out.includes('typed') && out.includes('more of it'), `unexpected output: ${out}`)
    assertEquals(record.errors, [])
    await context.close()
  })
})

export type { Page }
