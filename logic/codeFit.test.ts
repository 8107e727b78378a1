import { deepStrictEqual as assertEquals } from 'node:assert/strict'
import { codeFit } from './codeFit.ts'

Deno.test('counts the lines past the bottom of the box', () => {
  // A 415 px box with 17 px lines shows 23 lines of a 40-line program.
  assertEquals(codeFit({ boxHeight: 415, lines: 40, lineHeight: 17, fontSize: 12, screenScale: 1 }).hidden, 17)
  assertEquals(codeFit({ boxHeight: 415, lines: 18, lineHeight: 23, fontSize: 16, screenScale: 1 }).hidden, 1)
  assertEquals(codeFit({ boxHeight: 415, lines: 17, lineHeight: 23, fontSize: 16, screenScale: 1 }).hidden, 0)
  // Zoomed to twice the line height, the same program needs scrolling.
  assertEquals(codeFit({ boxHeight: 415, lines: 17, lineHeight: 46, fontSize: 32, screenScale: 1 }).hidden, 9)
})

Deno.test('says the text is too small when the slide is scaled far down', () => {
  // A 1024x768 tablet scales the 980 px canvas by 1.045: 12 px code stays readable.
  assertEquals(codeFit({ boxHeight: 400, lines: 5, lineHeight: 17, fontSize: 12, screenScale: 1.045 }).tooSmall, false)
  // A phone in landscape (740x360) scales it by 0.65: the same code is under 8 px.
  assertEquals(codeFit({ boxHeight: 400, lines: 5, lineHeight: 17, fontSize: 12, screenScale: 0.652 }).tooSmall, true)
  // Zoomed one and a half times, it is readable again.
  assertEquals(codeFit({ boxHeight: 400, lines: 5, lineHeight: 26, fontSize: 18, screenScale: 0.652 }).tooSmall, false)
})
