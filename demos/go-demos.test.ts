// The Go demos that run in the deck (compiled to js/wasm by the build) are
// the snippets whose native output their slides show: the same program, so
// the browser's run and the capture beside it come from the same code.
import assert from 'node:assert/strict'

const read = (path: string) => Deno.readTextFile(new URL(path, import.meta.url))

/** The program from `package main` on, without the snippet's region markers. */
function programOf(source: string): string {
  const at = source.search(/^package main$/m)
  assert.ok(at >= 0, 'no package main')
  return source.slice(at).split('\n').filter((line) => !/^\/\/ #(end)?region\b/.test(line)).join('\n')
    .replace(/\n{3,}/g, '\n\n').trimEnd()
}

/** Every Go demo and the snippet it was made from. */
const GO_PAIRS = [
  ['17-goroutines.go', 'goroutines.go'],
  ['18-race.go', 'race.go'],
  ['19-cpu-pool.go', 'cpu_pool.go'],
] as const

Deno.test('every Go demo is paired with a snippet', () => {
  const demos = [...Deno.readDirSync(new URL('.', import.meta.url))].map((e) => e.name).filter((n) => n.endsWith('.go')).sort()
  assert.deepEqual(GO_PAIRS.map(([demo]) => demo).sort(), demos)
})

for (const [demo, snippet] of GO_PAIRS) {
  Deno.test(`${demo} is the same program as snippets/${snippet}`, async () => {
    const program = programOf(await read(demo))
    assert.ok(/^func main\(\) \{$/m.test(program), 'no func main')
    assert.equal(program, programOf(await read(`../snippets/${snippet}`)))
  })
}

Deno.test('programOf sees a change anywhere below the header, and ignores the header and region markers', () => {
  const demo = 'package main\n\nfunc work() {}\n\nfunc main() {\n\twork()\n}\n'
  const snippet = '// A header.\npackage main\n\nfunc work() {}\n\n// #region main\nfunc main() {\n\twork()\n}\n\n// #endregion main\n'
  assert.equal(programOf(demo), programOf(snippet))
  assert.notEqual(programOf(demo.replace('func work() {}', 'func work() { println() }')), programOf(snippet))
})
