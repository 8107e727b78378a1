import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { demoIdsIn } from './demoIds.ts'

Deno.test('demo ids are read from the slides as written', () => {
  assertEquals(demoIdsIn('<LiveDemo id="a-1" file="x.ts" />\ntext\n<LiveDemo\n  file="y.ts"\n  id="b"\n/>'), ['a-1', 'b'])
  assertEquals(demoIdsIn('<LiveDemoX id="no" /> <Other id="no" />'), [])
})

Deno.test("the deck's demos are all found, the playground among them", async () => {
  const root = new URL('../', import.meta.url)
  let markdown = await Deno.readTextFile(new URL('slides.md', root))
  for await (const e of Deno.readDir(new URL('pages/', root))) if (e.name.endsWith('.md')) markdown += await Deno.readTextFile(new URL(`pages/${e.name}`, root))
  const ids = demoIdsIn(markdown)
  assert(ids.includes('playground'))
  assertEquals(ids.length, (markdown.match(/<LiveDemo\b/g) ?? []).length, 'a <LiveDemo> without an id the reader sees')
})
