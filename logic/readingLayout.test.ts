import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { placeReadingNotes } from './readingLayout.ts'

// The deck's canvas (Slidev's default 980 wide at 16:9).
const SLIDE = { width: 980, height: 552 }

Deno.test('a laptop gets a column beside, a 4:3 tablet a band below', () => {
  assertEquals(placeReadingNotes({ width: 1280, height: 800 }, SLIDE).layout, 'beside')
  assertEquals(placeReadingNotes({ width: 1920, height: 1080 }, SLIDE).layout, 'beside')
  assertEquals(placeReadingNotes({ width: 1366, height: 768 }, SLIDE).layout, 'beside')
  assertEquals(placeReadingNotes({ width: 1024, height: 768 }, SLIDE).layout, 'below')
  assertEquals(placeReadingNotes({ width: 768, height: 1024 }, SLIDE).layout, 'below')
})

Deno.test('on any screen from 800x600 up, the slide keeps 70% of its size and the notes 180 px', () => {
  for (const width of [800, 1024, 1280, 1366, 1440, 1680, 1920, 2560]) {
    for (const height of [600, 768, 800, 900, 1080, 1440]) {
      const p = placeReadingNotes({ width, height }, SLIDE)
      // The slide plus the notes fill the viewport along the split, never more.
      const along = p.layout === 'beside' ? width : height
      const slideSide = p.layout === 'beside' ? SLIDE.width : SLIDE.height
      assert(Math.abs(p.slideScale * slideSide + p.size - along) <= 1, `${width}x${height}`)
      assert(p.size >= 180, `${width}x${height}: notes get only ${p.size} px`)
      assert(
        p.slideScale >= 0.7,
        `${width}x${height}: ${p.layout} shrinks the slide to ${p.slideScale}`,
      )
    }
  }
})

Deno.test('notes take the letterbox the slide cannot use', () => {
  // Ultra-wide: the slide is limited by the height, so the column grows.
  const wide = placeReadingNotes({ width: 2560, height: 1080 }, SLIDE)
  assertEquals(wide.layout, 'beside')
  assertEquals(wide.size, Math.round(2560 - (1080 / 552) * 980))
})
