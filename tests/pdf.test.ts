/**
 * Exports the talk to PDF with `deno task export`'s own code, then checks it
 * with poppler: one page per slide, every slide loaded, every sandboxed demo
 * with the output of its run (the shared-memory one too, so the exporting
 * page was cross-origin isolated), and every section's title in the text.
 */
import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { exportPdf } from '../scripts/export.ts'
import { sectionTitles, sourceSlides } from './e2e/deck-source.ts'

async function poppler(cmd: string, args: string[]): Promise<string> {
  const out = await new Deno.Command(cmd, { args, stderr: 'inherit' }).output()
  if (!out.success) throw new Error(`${cmd} ${args.join(' ')} failed`)
  return new TextDecoder().decode(out.stdout)
}

/** pdftotext breaks lines and may turn quotes typographic: compare loosely. */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[‘’“”"']/g, '').replace(/\s+/g, ' ')
}

Deno.test('the PDF has one page per slide and every section title', async () => {
  const dir = await Deno.makeTempDir()
  const pdf = `${dir}/talk.pdf`
  try {
    await exportPdf(pdf)
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
    // slidev export prints from the dev server, which sends the isolation
    // headers (vite.config.ts): the shared-memory demo really ran, with
    // SharedArrayBuffer, instead of saying the page is not isolated.
    assert(text.includes('atomics.add: 8,000,000'), 'the export was not cross-origin isolated')
    const titles = await sectionTitles()
    assert(titles.length >= 8, `only ${titles.length} sections found under pages/`)
    const absent = titles.filter((t) => !text.includes(normalise(t)))
    assertEquals(absent, [], `section titles missing from the PDF text, which begins: ${text.slice(0, 400)}`)
  } finally {
    await Deno.remove(dir, { recursive: true })
  }
})
