/**
 * What the deck's source says it contains: the slides, their titles and
 * notes, read with Slidev's own parser so tests compare the built deck
 * against the markdown rather than against numbers written in a test.
 */
import { load } from '@slidev/parser/fs'

export interface SourceSlide {
  no: number
  title: string
  layout: string
  note: string
  /** The file the slide is written in, relative to the project root. */
  file: string
  /** The slide's markdown. */
  raw: string
  /** Its frontmatter's `clicks`, when set (the visualizer's steps on stage). */
  clicks?: number
}

export async function sourceSlides(): Promise<SourceSlide[]> {
  const root = new URL('../../', import.meta.url).pathname
  const data = await load({ roots: [root], userRoot: root }, `${root}slides.md`)
  return data.slides
    .filter((s) => !s.frontmatter.disabled && !s.frontmatter.hide)
    .map((s, i) => ({
      no: i + 1,
      title: s.title ?? '',
      layout: String(s.frontmatter.layout ?? 'default'),
      note: (s.note ?? '').trim(),
      file: (s.source?.filepath ?? '').replace(root, ''),
      raw: s.source?.raw ?? s.content ?? '',
      clicks: typeof s.frontmatter.clicks === 'number' ? s.frontmatter.clicks : undefined,
    }))
}

/** The title of each section: the first slide of every `pages/*.md` file. */
export async function sectionTitles(): Promise<string[]> {
  const seen = new Set<string>()
  const titles: string[] = []
  for (const slide of await sourceSlides()) {
    if (!slide.file.startsWith('pages/') || seen.has(slide.file)) continue
    seen.add(slide.file)
    titles.push(slide.title)
  }
  return titles
}
