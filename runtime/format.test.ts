// Unit tests for the console formatter: every kind of value DevTools shows,
// plus the caps that keep a flood from freezing the deck.
import { deepStrictEqual as assertEquals, match as assertMatch, ok as assert } from 'node:assert/strict'
import { formatArgs, formatTable, formatValue, stripAnsi } from './format.ts'

Deno.test('primitives look like DevTools', () => {
  assertEquals(formatValue('a "b" <i>'), 'a "b" <i>')
  assertEquals(formatValue(42), '42')
  assertEquals(formatValue(-0), '-0')
  assertEquals(formatValue(NaN), 'NaN')
  assertEquals(formatValue(-Infinity), '-Infinity')
  assertEquals(formatValue(undefined), 'undefined')
  assertEquals(formatValue(null), 'null')
  assertEquals(formatValue(true), 'true')
  assertEquals(formatValue(10n), '10n')
  assertEquals(formatValue(Symbol('id')), 'Symbol(id)')
})

Deno.test('strings are quoted only inside objects', () => {
  assertEquals(formatValue({ s: "it's\n" }), "{s: 'it\\'s\\n'}")
  assertEquals(formatValue(['a']), "['a']")
  assertEquals(formatArgs(['a', 'b', 1]), 'a b 1')
})

Deno.test('functions and classes by name', () => {
  function named() {}
  class Point {}
  assertEquals(formatValue(named), 'ƒ named()')
  assertEquals(formatValue(async function go() {}), 'async ƒ go()')
  assertEquals(formatValue(function* gen() {}), 'ƒ* gen()')
  assertEquals(formatValue(Point), '[class Point]')
  assertEquals(formatValue({ f: () => 1 }), '{f: ƒ f()}')
})

Deno.test('errors: stack at top level, mapped; name and message nested', () => {
  const e = new TypeError('bad thing')
  const top = formatValue(e, { mapStack: () => 'TypeError: bad thing\n    at demo.ts:3:7' })
  assertEquals(top, 'TypeError: bad thing\n    at demo.ts:3:7')
  assertEquals(formatValue({ e }), '{e: TypeError: bad thing}')
  assertMatch(formatValue(new Error('x')), /^Error: x\n\s+at /)
})

Deno.test('arrays, holes, nested depth', () => {
  assertEquals(formatValue([1, 2, 3]), '(3) [1, 2, 3]')
  assertEquals(formatValue([1]), '[1]')
  assertEquals(formatValue([]), '[]')
  // deno-lint-ignore no-sparse-arrays
  assertEquals(formatValue([1, , , 4]), '(4) [1, empty × 2, 4]')
  assertEquals(formatValue({ a: { b: { c: { d: 1 } } } }), '{a: {b: {c: {…}}}}')
  assertEquals(formatValue([[[[1, 2]]]]), '[[[Array(2)]]]')
})

Deno.test('plain objects, keys, getters are not called', () => {
  let called = false
  const o = {
    a: 1,
    'b-c': 2,
    [Symbol('s')]: 3,
    get g() {
      called = true
      return 1
    },
  }
  assertEquals(formatValue(o), "{a: 1, 'b-c': 2, g: [Getter], [Symbol(s)]: 3}")
  assertEquals(called, false)
  assertEquals(formatValue(Object.create(null)), '[Object: null prototype] {}')
})

Deno.test('Map, Set, Date, RegExp, class instances', () => {
  assertEquals(formatValue(new Map<unknown, unknown>([['a', 1], [2, { x: 1 }]])), "Map(2) {'a' => 1, 2 => {x: 1}}")
  assertEquals(formatValue(new Set([1, 'two'])), "Set(2) {1, 'two'}")
  const d = new Date(0)
  assertEquals(formatValue(d), d.toString())
  assertEquals(formatValue(new Date(NaN)), 'Invalid Date')
  assertEquals(formatValue(/a+/gi), '/a+/gi')
  class Point {
    constructor(public x: number, public y: number) {}
  }
  assertEquals(formatValue(new Point(1, 2)), 'Point {x: 1, y: 2}')
})

Deno.test('typed arrays, buffers, weak collections, promises', () => {
  assertEquals(formatValue(new Uint8Array([1, 2, 3])), 'Uint8Array(3) [1, 2, 3]')
  assertEquals(formatValue(new BigInt64Array([5n])), 'BigInt64Array(1) [5n]')
  assertEquals(formatValue(new ArrayBuffer(8)), 'ArrayBuffer(8)')
  assertEquals(formatValue(new WeakMap()), 'WeakMap {}')
  assertEquals(formatValue(new WeakSet()), 'WeakSet {}')
  const p = Promise.resolve(5)
  assertEquals(formatValue(p), 'Promise {<pending>}')
  assertEquals(formatValue(p, { promiseState: () => ({ state: 'fulfilled', value: 5 }) }), 'Promise {5}')
  assertEquals(
    formatValue(p, { promiseState: () => ({ state: 'rejected', value: new Error('no') }) }),
    'Promise {<rejected> Error: no}',
  )
})

Deno.test('circular references are marked, not followed', () => {
  const a: Record<string, unknown> = { name: 'a' }
  a.self = a
  assertEquals(formatValue(a), "<ref *1> {name: 'a', self: [Circular *1]}")
  const list: unknown[] = [1]
  list.push(list)
  assertEquals(formatValue(list), '<ref *1> (2) [1, [Circular *1]]')
  // A shared (not circular) child is shown twice, not marked.
  const shared = { v: 1 }
  assertEquals(formatValue([shared, shared]), '(2) [{v: 1}, {v: 1}]')
})

Deno.test('caps: items, line length, huge strings', () => {
  const big = Array.from({ length: 1000 }, (_, i) => i)
  const text = formatValue(big)
  assertMatch(text, /, 99, … 900 more items\]$/)
  const huge = 'x'.repeat(10_000_000)
  const t0 = performance.now()
  const line = formatArgs([huge])
  assert(performance.now() - t0 < 200, 'a 10 MB string is cut quickly')
  assertEquals(line.length, 10_000 + '… (9,990,000 more characters)'.length)
  const nested = formatValue({ s: huge })
  assert(nested.length < 10_100, `nested huge string is cut too (${nested.length})`)
  const wide = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`key${i}`, 'v'.repeat(50)]))
  assert(formatValue(wide).length < 10_100)
})

Deno.test('a Proxy that throws does not crash the formatter', () => {
  const evil = new Proxy({}, {
    ownKeys() {
      throw new Error('trap')
    },
    getPrototypeOf() {
      throw new Error('trap')
    },
  })
  assertEquals(formatValue(evil), '[object]')
})

Deno.test('format specifiers', () => {
  assertEquals(formatArgs(['%s is %d years', 'Ada', 36.7]), 'Ada is 36 years')
  assertEquals(formatArgs(['%i|%f|%%|%o', 3.9, 1.5, { a: 1 }]), '3|1.5|%|{a: 1}')
  assertEquals(formatArgs(['%cstyled', 'color: red']), 'styled')
  assertEquals(formatArgs(['%s', 'a', 'extra']), 'a extra')
  assertEquals(formatArgs(['100%']), '100%')
})

Deno.test('ANSI escapes and control characters are stripped; HTML and emoji stay text', () => {
  assertEquals(stripAnsi('\x1b[31mred\x1b[0m \x1b]0;title\x07ok\x07\b'), 'red ok')
  assertEquals(formatArgs(['\x1b[1;32m<b>hi</b> 🎉\x1b[0m']), '<b>hi</b> 🎉')
  assertEquals(formatValue({ k: '\x1b[31mx' }), "{k: 'x'}")
})

Deno.test('console.table draws a box table', () => {
  const t = formatTable([{ a: 1, b: 'x' }, { a: 2 }])
  assertEquals(
    t,
    [
      '┌─────────┬───┬─────┐',
      '│ (index) │ a │  b  │',
      '├─────────┼───┼─────┤',
      "│    0    │ 1 │ 'x' │",
      '│    1    │ 2 │     │',
      '└─────────┴───┴─────┘',
    ].join('\n'),
  )
  assertMatch(formatTable([1, 2]), /Values/)
  assertEquals(formatTable('plain'), 'plain')
})
