/**
 * What "fits" means on a given screen, checked in the page: the slide lies
 * inside the window, reading mode's notes don't cover it, nothing on the
 * slide reaches past its edges (content inside a scrolling or clipping box
 * is that box's business), and each demo whose code runs past its box says
 * so (`[data-fit-note]`: `data-hidden-lines` below it, `data-cut-lines` wider
 * than it). Returns the problems found,
 * as sentences; an empty list means the slide fits.
 */
import type { Page } from 'playwright-core'
import { CHAR_EM } from '../../logic/codeFit.ts'

export async function layoutProblems(page: Page, no: number): Promise<string[]> {
  // A demo takes its height once its slide has shown (a frame later, or
  // later still when the slide's chunk arrives late on a busy machine):
  // judge the slide once every demo on it has it (`data-fitted`).
  await page.waitForFunction(
    (n) => [...document.querySelectorAll(`.slidev-page-${n} [data-live-demo]`)].every((d) => d.hasAttribute('data-fitted')),
    no,
    { timeout: 15_000, polling: 'raf' },
  )
  return await page.evaluate(([n, charEm]) => {
    const problems: string[] = []
    const canvas = document.querySelector<HTMLElement>('#slide-content')
    const slide = document.querySelector<HTMLElement>(`.slidev-page-${n}`)
    if (!canvas || !slide) return [`slide ${n} is not shown`]
    const box = canvas.getBoundingClientRect()
    const name = (el: Element) =>
      `<${el.tagName.toLowerCase()}> "${
        (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)
      }"`

    if (
      box.left < -1 || box.top < -1 || box.right > innerWidth + 1 || box.bottom > innerHeight + 1
    ) {
      problems.push(
        `the slide (${Math.round(box.width)}x${Math.round(box.height)}) runs off the window`,
      )
    }
    const notes = document.querySelector('[data-reading-notes]')
    if (notes) {
      const r = notes.getBoundingClientRect()
      const overlap = Math.max(0, Math.min(r.right, box.right) - Math.max(r.left, box.left)) *
        Math.max(0, Math.min(r.bottom, box.bottom) - Math.max(r.top, box.top))
      if (overlap > 1) problems.push(`the notes cover ${Math.round(overlap)} px² of the slide`)
      if (r.right > innerWidth + 1 || r.bottom > innerHeight + 1) {
        problems.push('the notes run off the window')
      }
    }

    // Everything drawn unclipped on the slide stays within the slide.
    const walk = (el: Element) => {
      const r = el.getBoundingClientRect()
      if (
        r.width && r.height &&
        (r.left < box.left - 1 || r.top < box.top - 1 || r.right > box.right + 1 ||
          r.bottom > box.bottom + 1)
      ) {
        problems.push(`${name(el)} reaches past the slide's edge`)
        return
      }
      const style = getComputedStyle(el)
      if (style.overflowX !== 'visible' || style.overflowY !== 'visible') return
      for (const child of el.children) walk(child)
    }
    for (const child of slide.children) walk(child)

    // A demo whose code runs past its box says how many lines are below.
    for (const demo of slide.querySelectorAll<HTMLElement>('[data-live-demo]')) {
      const scroller = demo.querySelector<HTMLElement>('[data-editor="static"] > :first-child')
      if (!scroller) continue
      // Lines whose bottom lies below the code view's visible area, as laid
      // out: the numbered lines from the text's top, the view's bottom less
      // its padding, the line height.
      const texts = [...scroller.querySelectorAll('pre')]
      if (!texts.length) continue
      const view = scroller.getBoundingClientRect()
      const scale = view.height / scroller.offsetHeight
      const style = getComputedStyle(scroller)
      const line = parseFloat(style.lineHeight)
      const top = texts[0].getBoundingClientRect().top + scroller.scrollTop * scale
      const lines = (texts[0].textContent ?? '').split('\n').length
      const fits = Math.floor(
        (view.bottom - parseFloat(style.paddingBottom) * scale - top) / (line * scale) + 0.01,
      )
      const below = Math.max(0, lines - fits)
      const note = demo.querySelector('[data-fit-note]')
      const said = Number(note?.getAttribute('data-hidden-lines') ?? 0)
      if (below !== said) {
        problems.push(
          `demo ${demo.dataset.liveDemo} has ${below} lines below its box but says ${said}`,
        )
      }
      // Sideways the note counts a line once half a character is out of view: a
      // whole character out must be said, and a cut claimed only if something is.
      const overflow = scroller.scrollWidth - scroller.clientWidth
      const char = charEm * parseFloat(getComputedStyle(scroller).fontSize)
      const cut = Number(note?.getAttribute('data-cut-lines') ?? 0)
      if (overflow > char && cut === 0) {
        problems.push(
          `demo ${demo.dataset.liveDemo} is ${overflow} px too wide and does not say so`,
        )
      }
      if (overflow === 0 && cut > 0) {
        problems.push(`demo ${demo.dataset.liveDemo} says ${cut} lines are cut, but all fit`)
      }
    }
    return problems
  }, [no, CHAR_EM] as const)
}
