/**
 * `deno run -A bench/languages.ts [--write]`: the Python and Go demos' figures, on the
 * built deck (dist/, `deno task build` first), in the system Chromium:
 *
 * - cold: a fresh browser profile opens the gather demo's slide directly and
 *   clicks Run: ms to the program's first line (Pyodide downloaded, the
 *   interpreter started, the program run), and the interpreter's own start;
 * - reached in order: the slide before starts the load; once the download
 *   and the spare interpreter are done, Run on the Python slide: ms to the
 *   first line;
 * - warm: further Runs on the same slide, 15 s apart (each Run's end starts
 *   the next spare interpreter, which loads meanwhile): ms to the first
 *   line, for the demo (its first line comes 100 ms after it starts) and for
 *   `print("ready")`, which shows the runner's own cost;
 * - Pyodide's files as served (raw and gzip), and the title slide's bytes
 *   with no Python request before it shows;
 * - Go: Run to first line on the goroutines demo (its first job prints at
 *   about 100 ms by design, so the figure minus 100 ms is the cost of
 *   fetching, starting and instantiating the js/wasm binary), the first Run
 *   of a page and later ones, and the binaries' sizes.
 *
 * Medians over BENCH_RUNS cold loads (default 5) and BENCH_CLICKS warm runs
 * (default 9). `--write` puts the section into BENCHMARKS.md. `deno task
 * bench` (bench/main.ts) runs it too, on the deck it built, after its own
 * figures.
 */
import { gzip } from 'node:zlib'
import { promisify } from 'node:util'
import type { Page } from 'playwright-core'
import { DIST, launchChromium, openPage, serveDeck } from '../tests/e2e/harness.ts'
import { demoSlide, root, shareLink } from '../tests/e2e/demo-driver.ts'
import { firstSlide, median, watchFirstSlide } from './measure.ts'
import { PYODIDE_FILES } from '../scripts/pyodide-assets.ts'

const RUNS = Number(Deno.env.get('BENCH_RUNS') ?? 5)
const CLICKS = Number(Deno.env.get('BENCH_CLICKS') ?? 9)
const ID = 'asyncio-gather'
/** Time between warm Runs, so the spare interpreter the last Run started has loaded. */
const WARM_GAP_MS = 15_000

/** Clicks Run and resolves with ms until a new program line (level log) shows; the clock runs in the page. */
function runToFirstLine(page: Page, id = ID): Promise<number> {
  return page.evaluate((sel) => {
    const line = `${sel} [data-log][data-level="log"]`
    const old = new Set(document.querySelectorAll(line))
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no line within 120 s')), 120_000)
      const observer = new MutationObserver(() => {
        if (![...document.querySelectorAll(line)].some((el) => !old.has(el))) return
        observer.disconnect()
        clearTimeout(timer)
        resolve(performance.now() - t0)
      })
      observer.observe(document.body, { childList: true, subtree: true, characterData: true })
      const t0 = performance.now()
      document.querySelector<HTMLElement>(`${sel} [data-action="run"]`)!.click()
    })
  }, root(id))
}

async function settled(page: Page, id = ID) {
  await page.waitForFunction((sel) => {
    const s = document.querySelector(sel)?.getAttribute('data-status')
    return s !== 'running' && s !== 'idle'
  }, root(id), { timeout: 120_000, polling: 50 })
}

/** A cold run's system line, in ms: `Python 3.14.x started in 4.2 s` or `loaded 13.1 MB in 2.3 s`. */
async function systemSeconds(page: Page, pattern: RegExp): Promise<number | undefined> {
  const texts = await page.locator(`${root(ID)} [data-log][data-level="system"]`).allTextContents()
  const m = texts.map((t) => pattern.exec(t)).find(Boolean)
  return m ? Number(m[1]) * 1000 : undefined
}
const startLine = (page: Page) => systemSeconds(page, /started in ([\d.]+) s/)
const downloadLine = (page: Page) => systemSeconds(page, /^loaded [\d.]+ MB in ([\d.]+) s/)

/** Measures the built deck in `dist` and returns the BENCHMARKS.md sections (Python, then Go). */
export async function benchLanguages(dist: URL = DIST): Promise<string> {
  const loadAtStart = Deno.loadavg()[0]
  const slide = await demoSlide(ID)
  const server = serveDeck(dist)
  const browser = await launchChromium()
  const cold: number[] = []
  const starts: number[] = []
  const downloads: number[] = []
  const warmAtOnce: number[] = []
  const inOrder: number[] = []
  const warm: number[] = []
  const titleBytes: number[] = []
  let pythonBeforeTitle = 0
  const stops: number[] = []
  const goFirst: number[] = []
  const goWarm: number[] = []
  const goSlide = await demoSlide('go-goroutines')
  try {
    for (let i = 0; i < RUNS; i++) {
      // Cold, opened directly.
      {
        const { context, page } = await openPage(browser, server.origin)
        await page.goto(`${server.origin}/${slide}`)
        await page.locator(`${root(ID)} [data-action="run"]`).waitFor()
        cold.push(await runToFirstLine(page))
        await settled(page)
        const s = await startLine(page)
        if (s !== undefined) starts.push(s)
        const d = await downloadLine(page)
        if (d !== undefined) downloads.push(d)
        if (i === 0) {
          for (let k = 0; k < CLICKS; k++) {
            // A speaker's sentence between Runs: the spare each Run starts has loaded.
            await page.waitForTimeout(WARM_GAP_MS)
            warm.push(await runToFirstLine(page))
            await settled(page)
          }
        }
        await context.close()
      }
      // Warm, a program that prints at once: the runner's own cost, without the demo's 100 ms sleep.
      if (i === 0) {
        const { context, page } = await openPage(browser, server.origin)
        await page.goto(shareLink(server.origin, slide, ID, 'print("ready")\n'))
        await page.locator(`${root(ID)} [data-action="run"]`).waitFor()
        await runToFirstLine(page)
        await settled(page)
        for (let k = 0; k < CLICKS; k++) {
          await page.waitForTimeout(WARM_GAP_MS)
          warmAtOnce.push(await runToFirstLine(page))
          await settled(page)
        }
        await context.close()
      }
      // Stop on `while True: pass`: ms from the click until the demo says stopped.
      {
        const { context, page } = await openPage(browser, server.origin)
        await page.goto(shareLink(server.origin, slide, ID, 'print("spinning")\nwhile True:\n    pass\n'))
        await page.locator(`${root(ID)} [data-action="run"]`).click()
        await page.locator(`${root(ID)} [data-log][data-level="log"]`, { hasText: 'spinning' }).waitFor({ timeout: 120_000 })
        stops.push(await page.evaluate((sel) => {
          const el = document.querySelector(sel)!
          return new Promise<number>((resolve) => {
            const t0 = performance.now()
            new MutationObserver(() => {
              if (el.getAttribute('data-status') === 'stopped') resolve(performance.now() - t0)
            }).observe(el, { attributes: true })
            el.querySelector<HTMLElement>('[data-action="stop"]')!.click()
          })
        }, root(ID)))
        await context.close()
      }
      // Reached in order: the slide before loads it.
      {
        const { context, page } = await openPage(browser, server.origin)
        await page.goto(`${server.origin}/${slide - 1}`)
        await page.waitForResponse((r) => r.url().endsWith('/pyodide/pyodide.asm.wasm'), { timeout: 60_000 })
        // The spare starts once the files are here; give it what a speaker's sentence takes.
        await page.waitForTimeout(8_000)
        await page.keyboard.press('ArrowRight')
        await page.locator(`${root(ID)} [data-action="run"]`).waitFor()
        inOrder.push(await runToFirstLine(page))
        await settled(page)
        await context.close()
      }
      // Go: the first Run of a page fetches the binary; later ones reuse its bytes.
      {
        const { context, page } = await openPage(browser, server.origin)
        await page.goto(`${server.origin}/${goSlide}`)
        await page.locator(`${root('go-goroutines')} [data-action="run"]`).waitFor()
        goFirst.push(await runToFirstLine(page, 'go-goroutines'))
        await settled(page, 'go-goroutines')
        for (let k = 0; k < (i === 0 ? CLICKS : 0); k++) {
          goWarm.push(await runToFirstLine(page, 'go-goroutines'))
          await settled(page, 'go-goroutines')
        }
        await context.close()
      }
      // The title slide: its bytes, and whether anything of Python came before it showed.
      {
        const { context, page } = await openPage(browser, server.origin)
        const py: string[] = []
        page.on('request', (r) => r.url().includes('/pyodide/') && py.push(r.url()))
        await watchFirstSlide(page)
        await page.goto(`${server.origin}/1`)
        titleBytes.push((await firstSlide(page)).bytes)
        pythonBeforeTitle += py.length
        await context.close()
      }
    }
  } finally {
    await browser.close()
    await server.close()
  }
  const gz = promisify(gzip)
  const sizes = await Promise.all(PYODIDE_FILES.map(async (f) => {
    const bytes = await Deno.readFile(new URL(`pyodide/${f}`, dist))
    return { file: f, raw: bytes.byteLength, gzip: (await gz(bytes)).byteLength }
  }))
  const goSizes = [...Deno.readDirSync(new URL('go/', dist))].map((e) => e.name).sort().map((f) => ({
    file: f,
    raw: Deno.statSync(new URL(`go/${f}`, dist)).size,
  }))
  const total = sizes.reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip }), { raw: 0, gzip: 0 })
  const ms = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`
  const MB = (b: number) => `${(b / 1e6).toFixed(2)} MB`
  const lines = [
    '## Python (Pyodide)',
    '',
    `Measured by \`deno run -A bench/languages.ts\` on ${new Date().toISOString().slice(0, 10)}, ${navigator.hardwareConcurrency} cores, load average ${loadAtStart.toFixed(2)} at the start and ${Deno.loadavg()[0].toFixed(2)} at the end (\`uptime\`'s one-minute figure); medians of ${RUNS} cold loads and ${CLICKS} warm runs, gather demo, Run to its first printed line.`,
    '',
    'The gather demo prints its first line 0.1 s after it starts (its shortest `asyncio.sleep`), so every Run-to-first-line figure holds those 100 ms. "Reached in order" waits 8 s on the slide before, a speaker\'s sentence; on a loaded machine the spare may not be ready by then, and that Run then shows the cold start. The load average is the whole shared machine\'s.',
    '',
    '| | median | runs |',
    '| --- | ---: | ---: |',
    `| cold: slide opened directly, Run to first line | ${ms(median(cold))} | ${cold.length} |`,
    `| of which the download of Pyodide's files (\`loaded … in\`) | ${downloads.length ? ms(median(downloads)) : '—'} | ${downloads.length} |`,
    `| of which the interpreter's start in its worker (\`started in\`: loadPyodide and our setup) | ${starts.length ? ms(median(starts)) : '—'} | ${starts.length} |`,
    `| reached in order (loaded on the slide before), first Run | ${ms(median(inOrder))} | ${inOrder.length} |`,
    `| warm Run, 15 s after the last (spare interpreter) | ${ms(median(warm))} | ${warm.length} |`,
    `| warm Run of \`print("ready")\` (no sleep: the runner's own cost) | ${ms(median(warmAtOnce))} | ${warmAtOnce.length} |`,
    `| Stop on \`while True: pass\`, click to \`stopped\` | ${ms(median(stops))} | ${stops.length} |`,
    `| title slide bytes before it shows | ${median(titleBytes).toLocaleString('en-US')} B | ${titleBytes.length} |`,
    `| Pyodide requests before the title slide shows | ${pythonBeforeTitle} | ${titleBytes.length} |`,
    '',
    '| file | raw | gzip |',
    '| --- | ---: | ---: |',
    ...sizes.map((s) => `| pyodide/${s.file} | ${MB(s.raw)} | ${MB(s.gzip)} |`),
    `| total | ${MB(total.raw)} | ${MB(total.gzip)} |`,
    '',
    '## Go (js/wasm)',
    '',
    'Same run. The goroutines demo prints its first job at about 100 ms by design; the rest is fetching (first Run of a page only), starting a worker and instantiating the binary.',
    '',
    '| | median | runs |',
    '| --- | ---: | ---: |',
    `| first Run of a page, Run to first line | ${ms(median(goFirst))} | ${goFirst.length} |`,
    `| later Runs, Run to first line | ${ms(median(goWarm))} | ${goWarm.length} |`,
    '',
    '| file | size |',
    '| --- | ---: |',
    ...goSizes.map((s) => `| go/${s.file} | ${MB(s.raw)} |`),
    '',
  ]
  console.log(JSON.stringify({ cold, downloads, starts, inOrder, warm, warmAtOnce, stops, titleBytes, goFirst, goWarm }))
  return lines.join('\n')
}

/** Puts the Python and Go sections into BENCHMARKS.md, in place of the last ones. */
export async function writeLanguagesSection(md: string): Promise<void> {
  const file = new URL('../BENCHMARKS.md', import.meta.url)
  let text = await Deno.readTextFile(file)
  const start = text.indexOf('## Python (Pyodide)\n')
  if (start === -1) text = `${text.trimEnd()}\n\n${md}`
  else {
    // This script's two sections end where the next section after Go begins.
    const goAt = text.indexOf('## Go (js/wasm)\n', start)
    const next = text.indexOf('\n## ', goAt === -1 ? start + 1 : goAt + 1)
    text = text.slice(0, start) + md + (next === -1 ? '' : text.slice(next + 1))
  }
  await Deno.writeTextFile(file, text.trimEnd() + '\n')
}

if (import.meta.main) {
  const md = await benchLanguages()
  console.log(md)
  if (Deno.args.includes('--write')) await writeLanguagesSection(md)
}
