// Unit tests for step 2: import() and import.meta rewritten, budget guards
// inserted on the same line, and the guards really cut endless code.
import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { instrument } from './instrument.ts'

const lines = (s: string) => s.split('\n').length

Deno.test('import() and import.meta are rewritten in every mode', () => {
  const r = instrument("const m = await import('https://x.test/a.js')\nif (import.meta.main) go()")
  assert(r.ok)
  assertEquals(
    r.code,
    "const m = await $$sandbox.import('https://x.test/a.js')\nif ($$sandbox.meta.main) go()",
  )
})

Deno.test('worker mode inserts no guards', () => {
  const src = 'while (true) {}\nfunction f() { return 1 }'
  const r = instrument(src)
  assert(r.ok)
  assertEquals(r.code, src)
})

Deno.test('guards go at the start of loops, functions, catch and finally, same line', () => {
  const src = [
    'while (true) x++',
    'for (;;) { y() }',
    'const f = a => b => a + b',
    'const g = () => ({ a: 1 })',
    'try { w() } catch { z() } finally { q() }',
    'class A { m() { return 1 } }',
    'do i++; while (i < 3)',
  ].join('\n')
  const r = instrument(src, { guard: true })
  assert(r.ok)
  assertEquals(r.code.split('\n'), [
    'while (true) {$$sandbox.tick();x++}',
    'for (;;) {$$sandbox.tick(); y() }',
    'const f = a => ($$sandbox.tick(), b => ($$sandbox.tick(), a + b))',
    'const g = () => (($$sandbox.tick(), { a: 1 }))',
    'try { w() } catch {$$sandbox.tick(); z() } finally {$$sandbox.tick(); q() }',
    'class A { m() {$$sandbox.tick(); return 1 } }',
    'do {$$sandbox.tick();i++;} while (i < 3)',
  ])
  assertEquals(lines(r.code), lines(src))
})

Deno.test('a guarded endless loop is cut, even when it catches the stop', () => {
  for (const src of ['while (true) {}', 'for (;;) { try { } catch { } }', 'while (true) try {} finally { continue }']) {
    const r = instrument(src, { guard: true })
    assert(r.ok)
    let ticks = 0
    const tick = () => {
      if (++ticks > 10_000) throw new Error('budget')
    }
    const run = new Function('$$sandbox', r.code)
    let error: unknown
    try {
      run({ tick })
    } catch (e) {
      error = e
    }
    assertEquals((error as Error)?.message, 'budget', src)
  }
})

Deno.test('syntax errors are values with 1-based columns', () => {
  const r = instrument('a\n b c')
  assert(!r.ok)
  assertEquals([r.diagnostic.line, r.diagnostic.column], [2, 4])
})

Deno.test('trace mode: empty function bodies, directives and arrow bodies stay valid code on the same lines', () => {
  const src = [
    'setInterval(() => {}, 1)',
    'function g() {}',
    'function h() { "use strict" }',
    'const o = () => ({ a: 1 })',
    'async function a() { try { await x } catch {} }',
    'class A { m() {} }',
  ].join('\n')
  const r = instrument(src, { trace: true })
  assert(r.ok, 'did not parse')
  // One line more, after the code: where the main program's frame closes.
  assertEquals(lines(r.code), lines(src) + 1)
  // It must parse again: instrumenting the output checks it is valid JavaScript.
  assert(instrument(r.code).ok, r.code)
  for (const empty of ['', '"use strict";', '// only a comment']) {
    const e = instrument(empty, { trace: true })
    assert(e.ok && instrument(e.code).ok, `empty program ${JSON.stringify(empty)}: ${e.ok && e.code}`)
  }
})

Deno.test('traced, an empty function body or an empty program still compiles, and its frame opens before it closes', async () => {
  const { compileProgram } = await import('./compile.ts')
  for (const src of ['setInterval(() => {}, 50)', 'function f() {}\nf()', '', '"use strict"']) {
    const r = compileProgram(src, 'demo.ts', {}, false, true)
    assert(r.ok, `${JSON.stringify(src)} did not compile`)
    // Parsing the output is the check: a closer before its opener is a syntax error.
    new Function('$$sandbox', 'require', 'exports', 'module', r.code)
  }
  const r = compileProgram('setInterval(() => {}, 50)', 'demo.ts', {}, false, true)
  assert(r.ok)
  assert(/\(\) => \{;const \$\$f=\$\$sandbox\.te\("setInterval callback",1,false\);try\{\}finally\{\$\$sandbox\.tx\(\$\$f\)\}\}/.test(r.code), r.code)
})
