import assert from 'node:assert/strict'
import { dir, tidy, TRIMMED, wrapComment } from './capture.ts'

Deno.test('tidy: keeps the first race report, and says what it left out', () => {
  const report = (kind: string, g: number) => [
    '==================',
    'WARNING: DATA RACE',
    `${kind} at 0x00c000096028 by goroutine ${g}:`,
    '  main.main.func1()',
    `      ${dir}race.go:22 +0x99`,
    '',
    `Goroutine ${g} (running) created at:`,
    '  main.main()',
    `      ${dir}race.go:17 +0x44`,
    '==================',
  ]
  const removed = new Set<string>()
  const out = tidy([...report('Read', 13), ...report('Write', 8), 'counter: 5677664 of 8000000', 'Found 2 data race(s)'].join('\n'), removed)
  assert.equal(
    out,
    [
      '==================',
      'WARNING: DATA RACE',
      'Read at 0x00c000096028 by goroutine 13:',
      '  main.main.func1()',
      '      race.go:22 +0x99',
      '',
      '==================',
      'counter: 5677664 of 8000000',
      'Found 2 data race(s)',
    ].join('\n'),
  )
  assert.deepEqual([...removed], [TRIMMED.paths, TRIMMED.created, '1 more report on the same lines'])
})

Deno.test('tidy: output with nothing to trim is kept as it is, and nothing is said', () => {
  const removed = new Set<string>()
  assert.equal(tidy('counter: 8000000 of 8000000\n', removed), 'counter: 8000000 of 8000000')
  assert.equal(removed.size, 0)
})

Deno.test('wrapComment: a comment in lines that fit the capture column', () => {
  const lines = wrapComment('trimmed, left out: the folders in file paths, "Goroutine N created at" stacks, 1 more report')
  assert.deepEqual(lines, [
    '# trimmed, left out: the folders in file',
    '#  paths, "Goroutine N created at" stacks, 1',
    '#  more report',
  ])
  assert.ok(lines.every((l) => l.length <= 44))
})
