/**
 * Whether a demo's code fits where it is shown. Slidev lays a slide out at a
 * fixed canvas size and scales the canvas to the window, so two things can
 * go wrong, and a demo says so rather than hiding it:
 * - the program has more lines than its box shows (a long demo, or a zoomed
 *   one): the rest is a scroll away;
 * - the window is so small that the code, scaled down with the slide, is
 *   under MIN_LEGIBLE_PX on screen; zooming the demo is the remedy.
 */

/** Smallest code text, in CSS px on screen, that we call readable. */
export const MIN_LEGIBLE_PX = 10
/** The code view's padding above and below the lines (both the plain view and Monaco). */
export const CODE_PADDING_PX = 20

export interface CodeFitInput {
  /** The code box's height in the slide's own px (before Slidev's scale). */
  boxHeight: number
  lines: number
  lineHeight: number
  fontSize: number
  /** Slidev's current scale of the slide on screen. */
  screenScale: number
}

export interface CodeFit {
  /** Lines the box shows at once. */
  shown: number
  /** Lines past the box's bottom. */
  hidden: number
  /** The code's size on screen, in CSS px. */
  screenFontPx: number
  tooSmall: boolean
}

export function codeFit(i: CodeFitInput): CodeFit {
  const shown = Math.max(1, Math.floor((i.boxHeight - CODE_PADDING_PX) / i.lineHeight))
  const screenFontPx = i.fontSize * i.screenScale
  return {
    shown: Math.min(shown, i.lines),
    hidden: Math.max(0, i.lines - shown),
    screenFontPx,
    tooSmall: screenFontPx < MIN_LEGIBLE_PX,
  }
}
