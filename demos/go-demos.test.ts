// The Go demos that run in the deck (compiled to js/wasm by the build) are
// the snippets whose native output their slides show: the same main, so
// the browser's run and the capture beside it come from the same code.
import assert from 'node:assert/strict'

const read = (path: string) => Deno.readTextFile(new URL(path, import.meta.url))

/** `func main() { … }` from a Go file: from its line to the closing brace at the start of a line. */
function mainOf(source: string): string {
  const region = /\/\/ #region main\n([\s\S]*?)\n\/\/ #endregion main/.exec(source)
  const text = region ? region[1] : source
  const m = /^func main\(\) \{\n[\s\S]*?\n\}$/m.exec(text)
  assert.ok(m, 'no func main')
  return m[0]
}

for (const [demo, snippet] of [['17-goroutines.go', 'goroutines.go'], ['18-race.go', 'race.go']]) {
  Deno.test(`${demo} runs the same main as snippets/${snippet}`, async () => {
    assert.equal(mainOf(await read(demo)), mainOf(await read(`../snippets/${snippet}`)))
  })
}
