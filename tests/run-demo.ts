/**
 * Test helper, kept out of `demos/` so the deck never ships it as a demo source.
 * Runs a demo the way a reader would, `deno run demos/<file>`, and returns
 * the lines it printed. Fails if the demo exits with an error, or never
 * exits: a demo that leaves a worker or a timer behind keeps Deno running.
 */
import assert from 'node:assert/strict'

export async function runDemo(file: string): Promise<string[]> {
  const path = new URL(`../demos/${file}`, import.meta.url).pathname
  const out = await new Deno.Command(Deno.execPath(), {
    args: ['run', '-A', path],
    signal: AbortSignal.timeout(30_000),
  }).output()
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr))
  return new TextDecoder().decode(out.stdout).trim().split('\n')
}
