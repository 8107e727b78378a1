// The visualizer must not change the order of anything: every puzzle prints
// the same lines, in the same order, with the trace recorder on and off, in
// the real sandbox worker under Deno. (tests/e2e/ordering.test.ts does the
// same in Chromium.)
import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { comparable, puzzles } from './puzzles.ts'
import { runInSandbox } from './sandbox-run.ts'

Deno.test(`the corpus has at least 30 puzzles (${puzzles.length})`, () => {
  assert(puzzles.length >= 30)
  assertEquals(new Set(puzzles.map((p) => p.name)).size, puzzles.length)
})

for (const puzzle of puzzles) {
  Deno.test(`same order with and without the trace: ${puzzle.name}`, async () => {
    const plain = await runInSandbox(puzzle.source, false)
    const traced = await runInSandbox(puzzle.source, true)
    assert(plain.lines.length > 0, 'the puzzle printed nothing')
    assertEquals(traced.end, plain.end)
    assertEquals(comparable(traced.lines, puzzle.settled), comparable(plain.lines, puzzle.settled))
    assertEquals(plain.events, [], 'an untraced run records nothing')
    assert(traced.events.some((e) => e.k === 'enter'), 'the traced run recorded frames')
    // The trace's console lines are the console's lines, in order.
    assertEquals(
      traced.events.filter((e) => e.k === 'log').map((e) => e.k === 'log' && e.text),
      traced.lines.map((l) => l.text),
    )
  })
}
