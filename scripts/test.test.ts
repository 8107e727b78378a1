import { deepStrictEqual as assertEquals } from 'node:assert/strict'
import { EXCLUSIVE, isEndToEnd, lanesWanted, parseSummary, SOLO } from './test.ts'

Deno.test("the runner reads deno test's summary line, coloured or not, and only the last one", () => {
  assertEquals(parseSummary('a ... ok\n\nok | 5 passed (2 steps) | 0 failed (9s)\n'), { passed: 5, failed: 0 })
  assertEquals(
    parseSummary('\x1b[0m\x1b[31mFAILED\x1b[0m | 3 passed | 1 failed \x1b[38;5;245m(1m2s)\x1b[0m'),
    { passed: 3, failed: 1 },
  )
  assertEquals(parseSummary('ok | 1 passed | 0 failed\nFAILED | 1 passed | 2 failed'), { passed: 1, failed: 2 })
  // A process that died before its summary has none: the runner counts it as failed.
  assertEquals(parseSummary('error: Uncaught (in promise) Error: boom'), undefined)
})

Deno.test('the files that start a dev server or a build are end-to-end, and unit tests are not', () => {
  for (const f of [...EXCLUSIVE, ...SOLO]) assertEquals(isEndToEnd(f), true, f)
  assertEquals(isEndToEnd('tests/e2e/deck.test.ts'), true)
  assertEquals(isEndToEnd('runtime/format.test.ts'), false)
})

Deno.test('every test file that starts a dev server, an export or a build, or adds a network namespace, runs apart; each listed file exists', async () => {
  const root = new URL('../', import.meta.url)
  const starts = /\b(startDevServer|exportPdf|buildDeck|createNetns)\(/
  const found: string[] = []
  const walk = async (dir: URL, path: string) => {
    for await (const e of Deno.readDir(dir)) {
      const rel = path + e.name
      if (/^(node_modules|dist[^/]*|\.[^/]+)$/.test(rel)) continue
      if (e.isDirectory) await walk(new URL(e.name + '/', dir), rel + '/')
      else if (e.name.endsWith('.test.ts') && starts.test(await Deno.readTextFile(new URL(e.name, dir)))) found.push(rel)
    }
  }
  await walk(root, '')
  assertEquals(found.filter((f) => !EXCLUSIVE.includes(f) && !SOLO.includes(f)), [])
  for (const f of [...EXCLUSIVE, ...SOLO]) Deno.statSync(new URL(f, root))
})

Deno.test('TEST_JOBS is a whole number of lanes, 2 when unset; a typo is an error, never a run with no lanes', () => {
  assertEquals([lanesWanted(undefined), lanesWanted(''), lanesWanted('1'), lanesWanted('4')], [2, 2, 1, 4])
  for (const bad of ['abc', '0', '-1', '1.5']) {
    let said = ''
    try {
      lanesWanted(bad)
    } catch (e) {
      said = String(e)
    }
    assertEquals(said.includes('TEST_JOBS must be'), true, bad)
  }
})
