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
/** A code line's height over its font size. */
export const LINE_HEIGHT_RATIO = 1.45
/** The line height that goes with MIN_CODE_PX (Math.round(17 / LINE_HEIGHT_RATIO) is 12). */
export const MIN_LINE_PX = 17
/** The line height of a short demo, shown at full size. */
export const MAX_LINE_PX = 23
/** The code view's padding above the lines, and again below them (the plain view and Monaco alike). */
export const CODE_PAD_PX = 10
/** Both paddings: the height the code view takes besides its lines. */
export const CODE_PADDING_PX = 2 * CODE_PAD_PX
/** Fira Code's advance width, in em: every character is this wide (ligatures are off). */
export const CHAR_EM = 0.6
/**
 * Where a mark over line `line` (1-based) of the plain code view sits: under
 * the view's top padding, one line high, at the line height the code is
 * shown at (the zoomed one: every mark takes the same).
 */
export function lineMarkStyle(line: number, lineHeight: number): { top: string; height: string } {
  return { top: `${CODE_PAD_PX + (line - 1) * lineHeight}px`, height: `${lineHeight}px` }
}

/** The line numbers' padding: left of their digits, and between them and the code. */
const GUTTER_PAD_LEFT_PX = 6
const GUTTER_PAD_RIGHT_PX = 10
const GUTTER_PADDING_PX = GUTTER_PAD_LEFT_PX + GUTTER_PAD_RIGHT_PX

/** Those paddings as the custom properties the plain code view is laid out with (styles/live-demo.css). */
export const CODE_VIEW_VARS = {
  '--demo-code-pad': `${CODE_PAD_PX}px`,
  '--demo-gutter-pad': `0 ${GUTTER_PAD_RIGHT_PX}px 0 ${GUTTER_PAD_LEFT_PX}px`,
} as const

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

/** The editor's tab width, in columns, for a demo's language (gofmt's Go is indented with tabs). */
export function tabSizeFor(lang: string): number {
  return lang === 'python' ? 4 : 2
}

/**
 * Each line's width in columns, for codeFit, a tab reaching the next
 * multiple of `tabSize`. A file's final newline starts no line of its own.
 */
export function lineLengths(code: string, tabSize = 2): number[] {
  return code.replace(/\n$/, '').split('\n').map((line) => {
    let col = 0
    for (const ch of line) col = ch === '\t' ? (Math.floor(col / tabSize) + 1) * tabSize : col + 1
    return col
  })
}

/**
 * The line height that shows all `lines` lines in a view `height` px high
 * (its padding taken off): short programs at full size (MAX_LINE_PX), long
 * ones as large as the height allows, never under MIN_LINE_PX.
 */
export function fitLineHeight(height: number, lines: number): number {
  return Math.max(MIN_LINE_PX, Math.min(MAX_LINE_PX, Math.floor((height - CODE_PADDING_PX) / lines)))
}

/**
 * The font size that goes with `lineHeight`, made smaller (down to
 * MIN_CODE_PX at most) until a `longest`-character line fits a code column
 * `width` px wide; no width known yet: the size by height alone.
 */
export function fitFontSize(lineHeight: number, longest: number, lines: number, width?: number): number {
  let size = Math.round(lineHeight / LINE_HEIGHT_RATIO)
  if (!width) return size
  while (size > MIN_CODE_PX && codeColumnPx(longest, lines, size) > width) size--
  return size
}
