/**
 * What the exported PDF must hold, read back with poppler's pdftotext: every
 * non-blank line of every demo's source, of every Go and Python snippet a
 * slide shows and of its capture, each on its slide's page and in order; and
 * on each sandboxed demo's page, the lines a real run of that demo prints.
 * Used by pdf.test.ts on the PDF it exports.
 */
import { runDemo } from './run-demo.ts'
import type { SourceSlide } from './e2e/deck-source.ts'

const root = new URL('../', import.meta.url)

/**
 * Whitespace and quote marks, as pdftotext gives them, say nothing about a
 * line: code and console lines compare without them (pdftotext breaks and
 * spaces lines as the layout draws them; consoles format strings with either
 * quote).
 */
export function squash(text: string): string {
  return text.replace(/[‘’“”"'`]/g, "'").replace(/\s+/g, '')
}

/**
 * The text of PDF page `page` (1-based): in `layout`, rows as drawn (code
 * lines stay whole and in order beside the console), otherwise in reading
 * order (a console line wrapped in its box stays in one piece).
 */
export async function pageText(pdf: string, page: number, layout = true): Promise<string> {
  const args = [...(layout ? ['-layout'] : []), '-f', `${page}`, '-l', `${page}`, pdf, '-']
  const out = await new Deno.Command('pdftotext', { args, stderr: 'inherit' })
    .output()
  if (!out.success) throw new Error(`pdftotext failed on page ${page}`)
  return new TextDecoder().decode(out.stdout)
}

/** The lines of `lines` not found in `text`, each searched after the previous one found. */
export function missingInOrder(lines: string[], text: string): string[] {
  const hay = squash(text)
  const missing: string[] = []
  let at = 0
  for (const line of lines) {
    const needle = squash(line)
    if (!needle) continue
    const found = hay.indexOf(needle, at)
    if (found === -1) missing.push(line.trim())
    else at = found + needle.length
  }
  return missing
}

/** A region `#name` of a snippet, as `<<< @/snippets/file#name` shows it (VS Code region markers). */
export function region(source: string, name?: string): string[] {
  const lines = source.split('\n')
  if (!name) return lines
  const start = lines.findIndex((l) => new RegExp(`#\\s*region ${name}\\b`).test(l))
  const end = lines.findIndex((l, i) => i > start && new RegExp(`#\\s*endregion ${name}\\b`).test(l))
  if (start === -1 || end === -1) throw new Error(`no region ${name}`)
  return lines.slice(start + 1, end)
}

export interface PageCheck {
  slide: number
  what: string
  missing: string[]
}

/** Every demo's and snippet's lines on its slide's page. */
export async function codeOnPages(pdf: string, slides: SourceSlide[]): Promise<PageCheck[]> {
  const checks: PageCheck[] = []
  for (const slide of slides) {
    const files: { what: string; lines: string[] }[] = []
    for (const m of slide.raw.matchAll(/<LiveDemo\b[^>]*\bsrc="([^"]+)"/g)) {
      files.push({ what: `demos/${m[1]}`, lines: (await Deno.readTextFile(new URL(`demos/${m[1]}`, root))).split('\n') })
    }
    for (const m of slide.raw.matchAll(/^<<< @\/(snippets\/[\w./]+?)(?:#(\w+))?(?: \w+)?$/gm)) {
      const source = await Deno.readTextFile(new URL(m[1], root))
      files.push({ what: m[1] + (m[2] ? `#${m[2]}` : ''), lines: region(source, m[2]) })
    }
    if (!files.length) continue
    const text = await pageText(pdf, slide.no)
    for (const f of files) checks.push({ slide: slide.no, what: f.what, missing: missingInOrder(f.lines, text) })
  }
  return checks
}

/**
 * A line a demo printed, as a pattern: its numbers may differ from run to
 * run (times, counts, cores), so each run of digits matches any.
 */
export function linePattern(line: string): RegExp {
  const escaped = squash(line).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(escaped.replace(/\d+(,\d{3})*/g, '[\\d,]+'))
}

/**
 * Each sandboxed TypeScript demo's page shows the output of a real run: the
 * lines a `deno run` of the same file prints, numbers aside, are all on its
 * page. (The Python and Go demos' printed runs are pdf.test.ts's own check.)
 */
export async function outputOnPages(pdf: string, slides: SourceSlide[]): Promise<PageCheck[]> {
  const checks: PageCheck[] = []
  for (const slide of slides) {
    for (const m of slide.raw.matchAll(/<LiveDemo\b[^>]*>/g)) {
      if (/\bmain-thread\b/.test(m[0])) continue
      const src = /\bsrc="([^"]+)"/.exec(m[0])?.[1]
      if (!src || !/\.ts$/.test(src)) continue
      const printed = await runDemo(src)
      const texts = [squash(await pageText(pdf, slide.no, false)), squash(await pageText(pdf, slide.no))]
      const missing = printed.filter((l) => !texts.some((text) => linePattern(l).test(text)))
      checks.push({ slide: slide.no, what: `output of ${src}`, missing })
    }
  }
  return checks
}
