/**
 * The deck deployed under a sub-path: builds it once with
 * `deno task build --base /talks/async/ --out dist-sub` (the PDF included),
 * serves it only under /talks/async/, and checks what a visitor reaches by
 * a link: a slide, the presenter view, a share link to edited code (and the
 * link the Share button makes), a Python and a Go demo (their files fetched
 * from under the base), and the PDF behind the Download button.
 */
import {
  deepStrictEqual as assertEquals,
  match as assertMatch,
  ok as assert,
} from 'node:assert/strict'
import { buildDeck, PDF_NAME } from '../../scripts/build.ts'
import { builtWithGo, launchChromium, openPage, serveDeck, waitForSlide } from './harness.ts'
import { click, demoSlide, lines, openDemo, runToEnd, shareLink } from './demo-driver.ts'
import { sourceSlides } from './deck-source.ts'

const BASE = '/talks/async/'
const OUT = 'dist-sub'
const PG = 'playground'

Deno.test('under a sub-path, deep links, share links and the PDF download work', async (t) => {
  await buildDeck(['--base', BASE, '--out', OUT])
  const server = serveDeck(new URL(`../../${OUT}/`, import.meta.url), { base: BASE })
  const browser = await launchChromium()
  const slides = await sourceSlides()
  const pgSlide = await demoSlide(PG)
  // `origin` is the deck's address: http://127.0.0.1:<port>/talks/async
  const { origin } = server
  try {
    await t.step(
      'a link to a slide opens that slide, and the next one stays under the base',
      async () => {
        const { context, page, record } = await openPage(browser, origin)
        const no = 14
        await page.goto(`${origin}/${no}`)
        await waitForSlide(page, no)
        const heading = await page.locator(`.slidev-page-${no} h1`).first().innerText()
        assertEquals(heading.trim(), slides[no - 1].title.replace(/`/g, ''))
        await page.keyboard.press('ArrowDown')
        await waitForSlide(page, no + 1)
        assertEquals(new URL(page.url()).pathname, `${BASE}${no + 1}`)
        // Let this page's requests (the favicon among them) finish before leaving it.
        await page.waitForLoadState('networkidle')
        await page.goto(`${origin}/presenter/${no}`)
        await page.waitForFunction((p) => location.pathname === p, `${BASE}presenter/${no}`)
        await page.locator('.slidev-note').first().waitFor({ timeout: 15_000 })
        await page.waitForLoadState('networkidle')
        // Every request stayed under the base: the harness counts anything else as outside.
        assertEquals(record.outside, [])
        assertEquals(record.failed, [])
        assertEquals(record.errors, [])
        await context.close()
      },
    )

    await t.step(
      'a share link fills the demo, runs, and the Share button makes a link under the base',
      async () => {
        const { context, page, record } = await openPage(browser, origin)
        const marker = `from ${BASE}`
        await openDemo(
          page,
          shareLink(origin, pgSlide, PG, `console.log(${JSON.stringify(marker)})`),
          PG,
        )
        const run = await runToEnd(page, PG)
        assertEquals(run.status, 'done')
        assert(
          run.lines.some((l) => l.text === marker),
          `the shared code did not run: ${JSON.stringify(run.lines)}`,
        )
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
          origin: new URL(origin).origin,
        })
        await click(page, PG, 'share')
        const link = await page.evaluate(() => navigator.clipboard.readText())
        assertMatch(
          link,
          new RegExp(`^${origin.replace(/[.]/g, '\\.')}/${pgSlide}\\?demo=${PG}&code=`),
        )
        const other = await openPage(browser, origin)
        await openDemo(other.page, link, PG)
        await runToEnd(other.page, PG)
        assert(
          (await lines(other.page, PG)).some((l) => l.text === marker),
          'the Share link lost the code',
        )
        assertEquals([...record.outside, ...other.record.outside], [])
        assertEquals([...record.errors, ...other.record.errors], [])
        await other.context.close()
        await context.close()
      },
    )

    await t.step('a Python demo and a Go demo run, their files fetched from under the base', async () => {
      const { context, page, record } = await openPage(browser, origin)
      const files: string[] = []
      page.on('request', (r) => /\/(pyodide|go)\//.test(r.url()) && files.push(new URL(r.url()).pathname))
      const py = 'asyncio-gather'
      await openDemo(page, `${origin}/${await demoSlide(py)}`, py)
      const run = await runToEnd(page, py, 120_000)
      const said = run.lines.map((l) => `${l.level}: ${l.text}`).join('\n')
      assertEquals(run.status, 'done', said)
      assert(run.lines.some((l) => l.level === 'log' && /^total: \d\.\d\d s$/.test(l.text)), said)
      const built = await builtWithGo(new URL(`../../${OUT}/`, import.meta.url))
      if (built) {
        const go = 'go-goroutines'
        await openDemo(page, `${origin}/${await demoSlide(go)}`, go)
        const goRun = await runToEnd(page, go)
        assertEquals(goRun.status, 'done', goRun.lines.map((l) => l.text).join('\n'))
        assertEquals(goRun.lines.filter((l) => /job done/.test(l.text)).length, 3)
      }
      assert(files.length > 0 && files.every((f) => f.startsWith(`${BASE}pyodide/`) || f.startsWith(`${BASE}go/`)), files.join('\n'))
      assertEquals(record.outside, [])
      assertEquals(record.failed, [])
      assertEquals(record.errors, [])
      await context.close()
    })

    await t.step('the Download button saves the PDF from the site itself', async () => {
      const { context, page, record } = await openPage(browser, origin)
      await page.goto(`${origin}/2`)
      await waitForSlide(page, 2)
      // Slidev's navigation bar shows on hover, bottom left.
      await page.mouse.move(20, 700)
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download as PDF' }).click(),
      ])
      assertEquals(download.url(), `${origin}/${PDF_NAME}`)
      assertMatch(download.suggestedFilename(), /\.pdf$/)
      const file = await download.path()
      const head = new TextDecoder().decode((await Deno.readFile(file)).slice(0, 5))
      assertEquals(head, '%PDF-')
      const info = await new Deno.Command('pdfinfo', { args: [file] }).output()
      const pages = Number(/^Pages:\s+(\d+)/m.exec(new TextDecoder().decode(info.stdout))?.[1])
      assertEquals(pages, slides.length, 'the PDF has not one page per slide')
      // Printed once every slide had loaded, each sandboxed demo with its run's
      // output: the build's own export waits as `deno task export` does.
      const text = new TextDecoder().decode(
        (await new Deno.Command('pdftotext', { args: [file, '-'] }).output()).stdout,
      )
      assert(!text.includes('Loading slide'), 'the PDF was printed before every slide had loaded')
      assert(
        text.includes('Output of a sandboxed run when this page was made.'),
        'no demo output in the PDF',
      )
      assertEquals(record.outside, [])
      assertEquals(record.errors, [])
      await context.close()
    })
  } finally {
    await browser.close()
    await server.close()
  }
})
