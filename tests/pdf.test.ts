/**
 * Exports the talk to PDF with `deno task export`'s own code, then checks it
 * with poppler: one page per slide, and every section's title in the text.
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

    const text = normalise(await poppler('pdftotext', [pdf, '-']))
    const titles = await sectionTitles()
    assert(titles.length >= 8, `only ${titles.length} sections found under pages/`)
    const absent = titles.filter((t) => !text.includes(normalise(t)))
    assertEquals(absent, [], `section titles missing from the PDF text, which begins: ${text.slice(0, 400)}`)
  } finally {
    await Deno.remove(dir, { recursive: true })
  }
})
