/**
 * The talk on paper, both ways it is printed:
 * - the built site's PDF (dist/slidev-exported.pdf, its Download button,
 *   printed by `deno task build` from the built site), checked with poppler:
 *   one page per slide, every slide loaded, every sandboxed demo with the
 *   output of its run (the shared-memory one too, so the printing page was
 *   cross-origin isolated), and every section's title in the text. On each
 *   demo's page, every non-blank line of its source and the lines a real
 *   run of it prints; on each Go and Python slide, every line of the
 *   snippet and of its capture (./pdf-lines.ts);
 * - `deno task export --with-clicks`, with its own code, from the dev
 *   server: one page per click, each step of the event-loop demo's run and
 *   of each diagram's build, and that page isolated too.
 * The build's PDF is read, not made again: `deno task test` builds first.
 */
import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { exportPdf } from '../scripts/export.ts'
import { sectionTitles, sourceSlides } from './e2e/deck-source.ts'
import { BUILD_NAMES } from '../logic/builds.ts'
import { codeOnPages, outputOnPages } from './pdf-lines.ts'
import { builtWithGo, DIST } from './e2e/harness.ts'
import { PDF_NAME } from '../scripts/build.ts'

async function poppler(cmd: string, args: string[]): Promise<string> {
  const out = await new Deno.Command(cmd, { args, stderr: 'inherit' }).output()
  if (!out.success) throw new Error(`${cmd} ${args.join(' ')} failed`)
  return new TextDecoder().decode(out.stdout)
}


/** The newest file under `paths` (files or folders of the project), and when it changed. */
async function newestSource(paths: string[]): Promise<{ path: string; at: Date }> {
  let newest = { path: '', at: new Date(0) }
  const visit = async (url: URL, path: string) => {
    const info = await Deno.stat(url)
    if (info.isDirectory) {
      for await (const e of Deno.readDir(url)) await visit(new URL(e.name + (e.isDirectory ? '/' : ''), url), path + e.name)
    } else if (info.mtime && info.mtime > newest.at) newest = { path, at: info.mtime }
  }
  for (const p of paths) await visit(new URL(`../${p}`, import.meta.url), p)
  return newest
}

/** pdftotext breaks lines and may turn quotes typographic: compare loosely. */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[‘’“”"']/g, '').replace(/\s+/g, ' ')
}

Deno.test("the built site's PDF has one page per slide, every section title, every line of code and real output", async () => {
  const pdf = new URL(PDF_NAME, DIST).pathname
  const made = (await Deno.stat(pdf).catch(() => {
    throw new Error(`${pdf} is missing: run deno task build first (deno task test does)`)
  })).mtime!
  // Run alone, the test must not pass on a PDF built from older slides or demos.
  const newer = await newestSource(['slides.md', 'pages/', 'demos/', 'components/'])
  assert(newer.at <= made, `${pdf} is older than ${newer.path}: run deno task build first`)
  const slides = await sourceSlides()
  const info = await poppler('pdfinfo', [pdf])
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])
  assertEquals(pages, slides.length, 'page count differs from the slide count')

  const raw = await poppler('pdftotext', [pdf, '-'])
  // Printed before its slides had arrived, a page shows Slidev's placeholder.
  assert(!raw.includes('Loading slide'), 'the PDF was printed before every slide had loaded')
  // Every sandboxed demo printed the output of a real run.
  const sandboxed = slides.flatMap((s) => [...s.raw.matchAll(/<LiveDemo\b[^>]*>/g)])
    .filter((m) => !/main-thread/.test(m[0])).length
  assertEquals(raw.split('Output of a sandboxed run when this page was made.').length - 1, sandboxed)
  const text = normalise(raw)
  // The build prints from a server that sends the isolation headers (the
  // built site, or the dev server if port 12445 was taken): the shared-memory
  // demo really ran, with SharedArrayBuffer, instead of saying the page is
  // not isolated.
  assert(text.includes('atomics.add: 8,000,000'), 'the build\'s PDF was not printed cross-origin isolated')
  // The Python and Go demos ran too: CPython on Pyodide printed the race with
  // and without asyncio.Lock, and the js/wasm race.go printed all 8,000,000
  // beside the capture's runs (one of which got lucky) and the mutex slide's.
  assert(text.includes('with lock: [paid, refused] balance 20'), 'no Python run in the PDF')
  assert(text.includes('no lock: [paid, paid] balance -60'), 'no Python run in the PDF')
  if (await builtWithGo()) assert(text.split('counter: 8000000 of 8000000').length - 1 >= 3, 'no Go run in the PDF')
  const titles = await sectionTitles()
  assert(titles.length >= 8, `only ${titles.length} sections found under pages/`)
  const absent = titles.filter((t) => !text.includes(normalise(t)))
  assertEquals(absent, [], `section titles missing from the PDF text, which begins: ${text.slice(0, 400)}`)

  // Every line of code a slide shows is on its page: demos, snippets, captures.
  const code = await codeOnPages(pdf, slides)
  const demos = slides.flatMap((s) => [...s.raw.matchAll(/<LiveDemo\b/g)]).length
  assertEquals(code.filter((c) => c.what.startsWith('demos/')).length, demos, 'a demo\'s page was not checked')
  // Every snippet a slide includes (the Go and Python code and captures the slides show beside or instead of a live run).
  const included = slides.reduce((n, s) => n + [...s.raw.matchAll(/^<<< @\/snippets\//gm)].length, 0)
  assert(included >= 5, `only ${included} snippets on the slides`)
  assertEquals(code.filter((c) => c.what.startsWith('snippets/')).length, included, 'the Go and Python slides were not checked')
  const lost = code.filter((c) => c.missing.length)
  assertEquals(lost, [], 'lines of code missing from their slide\'s page in the PDF')
  // And each sandboxed demo's page shows what a real run of it prints.
  const output = await outputOnPages(pdf, slides)
  const typescript = slides.flatMap((s) => [...s.raw.matchAll(/<LiveDemo\b[^>]*>/g)])
    .filter((m) => !/main-thread/.test(m[0]) && /\bsrc="[^"]+\.ts"/.test(m[0])).length
  assertEquals(output.length, typescript)
  assertEquals(output.filter((c) => c.missing.length), [], 'printed lines missing from a demo\'s page in the PDF')
  const freeze = slides.find((s) => /<LiveDemo\b[^>]*main-thread/.test(s.raw))
  if (freeze) {
    const page = normalise(await poppler('pdftotext', ['-f', `${freeze.no}`, '-l', `${freeze.no}`, pdf, '-']))
    assert(page.includes('it runs live only'), 'the freeze demo\'s page does not say it runs live only')
  }
})

Deno.test('exported with clicks, the event-loop demo prints one page per step of its run, and each diagram one per step of its build', async () => {
  const dir = await Deno.makeTempDir()
  const pdf = `${dir}/steps.pdf`
  try {
    const slides = await sourceSlides()
    const slide = slides.find((s) => s.raw.includes('id="loop-order"'))
    assert(slide?.clicks, 'the loop-order slide sets no clicks')
    // (Slidev 53 ignores --range when exporting with clicks, so this is the whole deck.)
    await exportPdf(pdf, { withClicks: true })
    const info = await poppler('pdfinfo', [pdf])
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])
    assertEquals(pages, slides.reduce((n, s) => n + 1 + (s.clicks ?? 0), 0), 'one page per click of every slide')
    // The demo's pages: click 0 prints the whole run (its last step), click k prints step k.
    const first = slides.filter((s) => s.no < slide.no).reduce((n, s) => n + 1 + (s.clicks ?? 0), 0) + 1
    const shown: string[] = []
    for (let p = first; p <= first + slide.clicks; p++) {
      const text = await poppler('pdftotext', ['-f', String(p), '-l', String(p), pdf, '-'])
      assert(text.includes('Output of a sandboxed run'), `page ${p} was printed before its run had ended`)
      shown.push(/(\d+)\/(\d+)/.exec(text)?.[0] ?? '?')
    }
    // The dev server sends the isolation headers (vite.config.ts): the shared-memory demo really ran.
    assert(normalise(await poppler('pdftotext', [pdf, '-'])).includes('atomics.add: 8,000,000'), 'the export was not cross-origin isolated')
    const last = slide.clicks
    assertEquals(shown, [`${last}/${last}`, ...Array.from({ length: last }, (_, i) => `${i + 1}/${last}`)])
    // Each concept diagram (logic/builds.ts) prints one more step per page: its text grows click by click.
    for (const build of slides.filter((s) => BUILD_NAMES.some((n) => new RegExp(`<${n}\\b`).test(s.raw)))) {
      const at = slides.filter((s) => s.no < build.no).reduce((n, s) => n + 1 + (s.clicks ?? 0), 0) + 1
      const words: number[] = []
      for (let p = at; p <= at + (build.clicks ?? 0); p++) {
        words.push((await poppler('pdftotext', ['-f', String(p), '-l', String(p), pdf, '-'])).split(/\s+/).filter(Boolean).length)
      }
      assert(words.every((w, i) => i === 0 || w > words[i - 1]), `${build.title}: words per click ${words.join(', ')}`)
    }
  } finally {
    await Deno.remove(dir, { recursive: true })
  }
})
