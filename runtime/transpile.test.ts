// Unit tests for step 1: types stripped, imports turned into require(), line
// numbers kept, syntax errors returned as values with line and column.
import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { transpile } from './transpile.ts'

Deno.test('strips types and keeps every line in place', () => {
  const src = [
    "import { sleep } from './toolkit.ts'",
    'interface P { x: number }',
    'const p: P = { x: 1 }',
    'await sleep(1)',
    'console.log(p as P)',
  ].join('\n')
  const r = transpile(src)
  assert(r.ok)
  const lines = r.code.split('\n')
  assert(lines.length >= 5)
  assert(lines[0].includes("require('./toolkit.ts')"), lines[0])
  assertEquals(lines[2].trim(), 'const p = { x: 1 }')
  assert(lines[3].includes('sleep') && lines[3].includes('await'), lines[3])
  assertEquals(lines[4].trim(), 'console.log(p )')
})

Deno.test('dynamic import becomes a require the sandbox controls', () => {
  const r = transpile("const m = await import('./toolkit.ts')")
  assert(r.ok)
  assert(r.code.includes("require('./toolkit.ts')"), r.code)
  assert(!/\bimport\(/.test(r.code))
})

Deno.test('exports become CommonJS', () => {
  const r = transpile('export const y = 2')
  assert(r.ok)
  assert(r.code.includes('exports.y = y'))
})

Deno.test('syntax errors are values with 1-based line and column', () => {
  const r = transpile('const a = 1\nconst b = (\nfoo(')
  assert(!r.ok)
  assertEquals(r.diagnostic.line, 3)
  assert(r.diagnostic.column >= 1)
  assert(r.diagnostic.message.startsWith('SyntaxError: '), r.diagnostic.message)
  assert(!/\(\d+:\d+\)$/.test(r.diagnostic.message), 'no "(l:c)" tail')
  const t = transpile('let x: = 3')
  assert(!t.ok)
  assertEquals([t.diagnostic.line, t.diagnostic.column], [1, 8])
})

Deno.test('HTML, emoji and debugger statements pass through untouched', () => {
  const r = transpile("debugger\nconsole.log('<b>🎉</b>')")
  assert(r.ok)
  assertEquals(r.code.split('\n')[1], "console.log('<b>🎉</b>')")
})
