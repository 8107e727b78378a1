import assert from 'node:assert/strict'
import { runDemo } from '../tests/run-demo.ts'

Deno.test('13-cancel: the abort stops the report between pages; terminate() ends the busy worker before its job is done', async () => {
  // Exiting at all shows the worker was ended (a live worker keeps Deno running).
  const lines = await runDemo('13-cancel.ts')
  const aborted = lines.indexOf('AbortError')
  assert.ok(aborted >= 0, `no AbortError line:\n${lines.join('\n')}`)
  // How many pages arrive before the abort at 400 ms depends on the machine's
  // load (two, unless timers run late); never all five, always in order.
  const pages = lines.slice(0, aborted)
  assert.ok(pages.length < 5, lines.join('\n'))
  assert.deepEqual(pages, pages.map((_, i) => `got page ${i + 1}`))
  // The 2 s job never reports back: terminate() came first.
  assert.equal(lines.length, aborted + 2, lines.join('\n'))
  const ms = /^terminated after (\d+) ms, mid-job$/.exec(lines[aborted + 1])?.[1]
  assert.ok(ms !== undefined, lines[aborted + 1])
})
