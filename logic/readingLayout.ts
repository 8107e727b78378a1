/**
 * Where reading mode puts the speaker's notes: beside the slide or below it,
 * whichever leaves the slide larger, and how much room the notes get.
 *
 * Slidev scales its fixed-size canvas to fit the space it has, so notes
 * beside a slide on a 4:3 tablet would shrink the demo code to a size no one
 * can read, while notes below cost the slide almost nothing. On a wide
 * laptop the column beside is nicer to read, and costs little.
 */
export type ReadingLayout = 'beside' | 'below'

export interface Size {
  width: number
  height: number
}

export interface ReadingPlacement {
  layout: ReadingLayout
  /** The notes' width (beside) or height (below), in CSS px. */
  size: number
  /** The slide's scale once the notes take their room. */
  slideScale: number
}

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x))

/**
 * The column beside wins unless it makes the slide clearly smaller (by more
 * than a tenth) than the band below would. Whichever is chosen, the notes
 * also take what the slide could not use anyway (the letterbox).
 */
export function placeReadingNotes(viewport: Size, slide: Size): ReadingPlacement {
  const { width: w, height: h } = viewport
  const column = clamp(Math.round(w * 0.3), 300, 520)
  const band = clamp(Math.round(h * 0.3), 180, 320)
  const besideScale = Math.min((w - column) / slide.width, h / slide.height)
  const belowScale = Math.min(w / slide.width, (h - band) / slide.height)
  if (besideScale >= 0.9 * Math.min(1, belowScale)) {
    return {
      layout: 'beside',
      size: Math.round(w - besideScale * slide.width),
      slideScale: besideScale,
    }
  }
  return {
    layout: 'below',
    size: Math.round(h - belowScale * slide.height),
    slideScale: belowScale,
  }
}
