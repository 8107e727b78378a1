import assert from 'node:assert/strict'
import { runDemo } from '../tests/run-demo.ts'

const number = (s: string) => Number(s.replaceAll(',', ''))

/** Runs the demo and checks what holds on every run: the totals, and Atomics.add exact. */
async function runOnce(): Promise<{ lines: string[]; plainLost: number }> {
  const lines = await runDemo('11-shared-counter.ts')
  const why = lines.join('\n')
  assert.equal(lines.length, 4, why)
  assert.equal(lines[0], 'expected:    8,000,000')
  const rounds = lines.slice(1).map((l) => /^(plain \+\+|Atomics\.add): +([\d,]+)$/.exec(l))
  assert.deepEqual(rounds.map((m) => m?.[1]), ['plain ++', 'plain ++', 'Atomics.add'], why)
  const [first, second, atomic] = rounds.map((m) => number(m![2]))
  for (const got of [first, second]) assert.ok(got > 0 && got <= 8_000_000, why)
  assert.equal(atomic, 8_000_000, `Atomics.add lost updates:\n${why}`)
  return { lines, plainLost: 16_000_000 - first - second }
}

Deno.test('11-shared-counter: plain ++ on shared memory loses updates, Atomics.add loses none', async () => {
  // Whether a race loses anything depends on how the threads were
  // scheduled. On this machine's two cores, at load averages of 5 to 15,
  // 4 of 160 plain rounds (80 runs) lost nothing, the eight loops happening
  // not to interleave, and no run lost nothing in both rounds. So a run
  // where neither lost anything is run once more; its other checks hold on
  // every run.
  let run = await runOnce()
  if (run.plainLost === 0) run = await runOnce()
  assert.ok(run.plainLost > 0, `no update was lost, twice:\n${run.lines.join('\n')}`)
})

Deno.test('11-shared-counter: without SharedArrayBuffer it says why and how to fix it, and ends normally', async () => {
  const demo = new URL('./11-shared-counter.ts', import.meta.url).href
  const out = await new Deno.Command(Deno.execPath(), {
    args: ['eval', `delete globalThis.SharedArrayBuffer; await import(${JSON.stringify(demo)})`],
    signal: AbortSignal.timeout(30_000),
  }).output()
  const stderr = new TextDecoder().decode(out.stderr)
  assert.equal(out.code, 0, stderr)
  assert.match(stderr, /No SharedArrayBuffer: this page is not cross-origin isolated\./)
  assert.match(stderr, /Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp/)
  assert.equal(new TextDecoder().decode(out.stdout).trim(), '', 'no counts without shared memory')
})
