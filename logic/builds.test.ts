import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { BUILD_NAMES, BUILDS, clickMarkers } from './builds.ts'

Deno.test("clickMarkers counts Slidev's [click] and [click:n] markers", () => {
  assertEquals(clickMarkers('no steps here'), 0)
  assertEquals(clickMarkers('one [click] two [CLICK] three [click:2]'), 4)
})

Deno.test("every concept diagram's slide has one click per step, and its notes mark each step", async () => {
  const { sourceSlides } = await import('../tests/e2e/deck-source.ts')
  const slides = await sourceSlides()
  const found = new Set<string>()
  for (const slide of slides) {
    const names = BUILD_NAMES.filter((name) => new RegExp(`<${name}\\b`).test(slide.raw))
    assert(names.length <= 1, `slide ${slide.no} shows ${names.join(' and ')}: one build per slide`)
    if (!names.length) continue
    const name = names[0]
    found.add(name)
    const steps = BUILDS[name].length
    assertEquals(
      slide.clicks,
      steps,
      `slide ${slide.no} (${slide.title}): ${name} has ${steps} steps, set clicks: ${steps}`,
    )
    assertEquals(
      clickMarkers(slide.note),
      steps,
      `slide ${slide.no} (${slide.title}): mark each of ${name}'s ${steps} steps in the notes with [click]`,
    )
  }
  assertEquals([...found].sort(), [...BUILD_NAMES].sort(), 'a build is on no slide')
})

Deno.test('each diagram component builds exactly the steps logic/builds.ts lists', async () => {
  for (const name of BUILD_NAMES) {
    const source = await Deno.readTextFile(new URL(`../components/${name}.vue`, import.meta.url))
    assert(source.includes(`useBuild('${name}')`), `${name}.vue does not build with its clicks`)
    // Every step from 1 to the count has an element, and none beyond.
    const used = new Set([...source.matchAll(/data-step="(\d+)"/g)].map((m) => Number(m[1])))
    const bound = /:data-step="/.test(source)
    const steps = BUILDS[name].length
    for (let k = steps + 1; k <= steps + 3; k++) {
      assert(!used.has(k), `${name}.vue has a step ${k} beyond its ${steps}`)
    }
    if (!bound) {
      for (let k = 1; k <= steps; k++) assert(used.has(k), `${name}.vue shows nothing at step ${k}`)
    }
  }
})
