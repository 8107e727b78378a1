/**
 * Whether a demo's code fits where it is shown. Slidev lays a slide out at a
 * fixed canvas size and scales the canvas to the window, so three things can
 * go wrong, and a demo says so rather than hiding it:
 * - the program has more lines than its box shows (a long demo, or a zoomed
 *   one): the rest is a scroll away;
 * - some lines are wider than the box: their ends are a sideways scroll away;
 * - the window is so small that the code, scaled down with the slide, is
 *   under MIN_LEGIBLE_PX on screen; zooming the demo is the remedy.
 */

/** Smallest code text, in CSS px on screen, that we call readable. */
export const MIN_LEGIBLE_PX = 10
/** Slidev's own code blocks' size in its canvas px: no demo's code is smaller. */
export const MIN_CODE_PX = 12
/** The line height that goes with MIN_CODE_PX (Math.round(17 / 1.45) is 12). */
export const MIN_LINE_PX = 17
/** The code view's padding above and below the lines (both the plain view and Monaco). */
export const CODE_PADDING_PX = 20
/** Fira Code's advance width, in em: every character is this wide (ligatures are off). */
export const CHAR_EM = 0.6
/**
 * Where a mark over line `line` (1-based) of the plain code view sits: under
 * the view's top padding, one line high, at the line height the code is
 * shown at (the zoomed one: every mark takes the same).
 */
export function lineMarkStyle(line: number, lineHeight: number): { top: string; height: string } {
  return { top: `${CODE_PADDING_PX / 2 + (line - 1) * lineHeight}px`, height: `${lineHeight}px` }
}

/** The line numbers' padding, beside their digits. */
const GUTTER_PADDING_PX = 16

export interface CodeFitInput {
  /** The code box's size in the slide's own px (before Slidev's scale). */
  boxHeight: number
  boxWidth: number
  /** Each line's length in characters. */
  lineLengths: readonly number[]
  lineHeight: number
  fontSize: number
  /** Slidev's current scale of the slide on screen. */
  screenScale: number
}

export interface CodeFit {
  /** Lines past the box's bottom. */
  hidden: number
  /** Lines wider than the box. */
  cut: number
  /** The code's size on screen, in CSS px. */
  screenFontPx: number
  tooSmall: boolean
}

/**
 * The width a code box needs to show `longest` characters uncut at
 * `fontSize`, beside the numbers of `lines` lines: the inverse of the cut
 * test in codeFit, with half a character to spare.
 */
export function codeColumnPx(longest: number, lines: number, fontSize: number): number {
  const char = CHAR_EM * fontSize
  return (longest + Math.max(2, String(lines).length) + 0.5) * char + GUTTER_PADDING_PX
}

export function codeFit(i: CodeFitInput): CodeFit {
  const lines = i.lineLengths.length
  const shown = Math.max(1, Math.floor((i.boxHeight - CODE_PADDING_PX) / i.lineHeight))
  const char = CHAR_EM * i.fontSize
  // The line numbers take at least two digits' width.
  const text = i.boxWidth - Math.max(2, String(lines).length) * char - GUTTER_PADDING_PX
  const screenFontPx = i.fontSize * i.screenScale
  return {
    hidden: Math.max(0, lines - shown),
    // A line is cut when at least half a character of it is out of view.
    cut: i.lineLengths.filter((n) => n * char > text + char / 2).length,
    screenFontPx,
    tooSmall: screenFontPx < MIN_LEGIBLE_PX,
  }
}

/** Each line's length, for codeFit. A file's final newline starts no line of its own. */
/** The editor's tab width, in columns, for a demo's language (gofmt's Go is indented with tabs). */
export function tabSizeFor(lang: string): number {
  return lang === 'python' ? 4 : 2
}

/** Each line's width in columns, a tab reaching the next multiple of `tabSize`. */
export function lineLengths(code: string, tabSize = 2): number[] {
  return code.replace(/\n$/, '').split('\n').map((line) => {
    let col = 0
    for (const ch of line) col = ch === '\t' ? (Math.floor(col / tabSize) + 1) * tabSize : col + 1
    return col
  })
}
