import { deepStrictEqual as assertEquals } from 'node:assert/strict'
import { CHAR_EM, codeColumnPx, codeFit, fitFontSize, fitLineHeight, lineLengths, lineMarkStyle, MIN_CODE_PX } from './codeFit.ts'

const program = (lines: number, width = 20) => Array.from({ length: lines }, () => width)
const fit = (over: Partial<Parameters<typeof codeFit>[0]>) =>
  codeFit({
    boxHeight: 415,
    boxWidth: 490,
    lineLengths: program(10),
    lineHeight: 17,
    fontSize: 12,
    screenScale: 1,
    ...over,
  })

Deno.test('counts the lines past the bottom of the box', () => {
  // A 415 px box with 17 px lines shows 23 lines of a 40-line program.
  assertEquals(fit({ lineLengths: program(40) }).hidden, 17)
  assertEquals(fit({ lineLengths: program(18), lineHeight: 23 }).hidden, 1)
  assertEquals(fit({ lineLengths: program(17), lineHeight: 23 }).hidden, 0)
  // Zoomed to twice the line height, the same program needs scrolling.
  assertEquals(fit({ lineLengths: program(17), lineHeight: 46, fontSize: 32 }).hidden, 9)
})

Deno.test('counts the lines wider than the box', () => {
  // At 15 px a character is 9 px; 490 px less the line numbers (2 digits and 16 px) leaves
  // 456 px: 50 characters, and a 51st would lose only 3 px of its 9.
  assertEquals(fit({ fontSize: 15, lineLengths: [50, 51, 52, 53, 10] }).cut, 2)
  assertEquals(fit({ fontSize: 14, lineLengths: [50, 51, 52, 53, 10] }).cut, 0)
  // A hundred lines need three digits of line numbers.
  assertEquals(fit({ fontSize: 15, lineLengths: [51, ...program(99, 1)] }).cut, 1)
})

Deno.test('says the text is too small when the slide is scaled far down', () => {
  // A 1024x768 tablet scales the 980 px canvas by 1.045: 12 px code stays readable.
  assertEquals(fit({ screenScale: 1.045 }).tooSmall, false)
  // A phone in landscape (740x360) scales it by 0.65: the same code is under 8 px.
  assertEquals(fit({ screenScale: 0.652 }).tooSmall, true)
  // Zoomed one and a half times, it is readable again.
  assertEquals(fit({ screenScale: 0.652, fontSize: 18, lineHeight: 26 }).tooSmall, false)
})

Deno.test('a line mark sits on its line at the height the code is shown at', () => {
  assertEquals(lineMarkStyle(1, 24), { top: '10px', height: '24px' })
  // Zoomed to twice the size, line 5 starts four doubled lines down.
  assertEquals(lineMarkStyle(5, 48), { top: `${10 + 4 * 48}px`, height: '48px' })
})

Deno.test('codeColumnPx: a box that cuts no line, a character short of cutting one', () => {
  for (const [longest, lines, fontSize] of [[61, 6, 12], [51, 17, 12], [64, 22, 13], [40, 120, 12]]) {
    const width = codeColumnPx(longest, lines, fontSize)
    const lengths = [longest, ...program(lines - 1, 5)]
    assertEquals(fit({ boxWidth: width, fontSize, lineLengths: lengths }).cut, 0, `${longest} chars at ${fontSize} px`)
    // codeFit lets half a character go out of view; this spares another half more.
    assertEquals(fit({ boxWidth: width - 1.1 * CHAR_EM * fontSize, fontSize, lineLengths: lengths }).cut, 1)
  }
})

Deno.test("a file's final newline is not a line of its own", () => {
  assertEquals(lineLengths('a\nbb\n'), [1, 2])
  assertEquals(lineLengths('a\n\n'), [1, 0])
})

Deno.test('a tab counts to the next tab stop, as the editor shows it', () => {
  assertEquals(lineLengths('\t\tx := 1\n', 2), [4 + 6])
  assertEquals(lineLengths('\t\tx := 1', 4), [8 + 6])
  assertEquals(lineLengths('ab\tc', 4), [5])
})

Deno.test('fitLineHeight: a short program at full size, a long one as large as the height allows, never under 17 px', () => {
  // 400 px high: 380 px for lines once the padding is off.
  assertEquals(fitLineHeight(400, 10), 23)
  assertEquals(fitLineHeight(400, 18), 21)
  assertEquals(fitLineHeight(400, 40), 17)
  // A slide with room for nothing still shows the code at its smallest size.
  assertEquals(fitLineHeight(20, 1), 17)
})

Deno.test('fitFontSize: the size by height, made smaller until the longest line fits the width, not under MIN_CODE_PX', () => {
  // 23 px lines: 16 px text (23 / 1.45), whatever the width while none is known.
  assertEquals(fitFontSize(23, 80, 10), 16)
  assertEquals(fitFontSize(23, 80, 10, codeColumnPx(80, 10, 16)), 16)
  // A column one px short of an 80-character line at 16 px takes 15 px text.
  assertEquals(fitFontSize(23, 80, 10, codeColumnPx(80, 10, 16) - 1), 15)
  assertEquals(fitFontSize(23, 80, 10, codeColumnPx(80, 10, 14)), 14)
  // A column too narrow for any size keeps Slidev's own code size (the line is cut, and says so).
  assertEquals(fitFontSize(23, 200, 10, 300), MIN_CODE_PX)
})
