import assert from 'node:assert/strict'

const file = new URL('./08-concurrency-limit.ts', import.meta.url).pathname

Deno.test('08-concurrency-limit: 12 requests, never more than 3 in flight', async () => {
  const out = await new Deno.Command(Deno.execPath(), { args: ['run', '-A', file] }).output()
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr))
  const lines = new TextDecoder().decode(out.stdout).trim().split('\n')
  const starts = lines.filter((l) => l.startsWith('start '))
  assert.deepEqual(
    starts.map((l) => l.split(/\s+/)[1]),
    Array.from({ length: 12 }, (_, i) => `/api/photos/${i + 1}`),
  )
  const inFlight = starts.map((l) => Number(/in flight: (\d+)/.exec(l)?.[1]))
  assert.deepEqual(inFlight.slice(0, 3), [1, 2, 3])
  assert.ok(inFlight.every((n) => n >= 1 && n <= 3), `in flight: ${inFlight}`)
  const total = Number(/3 at a time: (\d+) ms/.exec(lines.at(-1) ?? '')?.[1])
  // Four rounds of 200 ms: well under one at a time (2400 ms), at least 800 ms.
  assert.ok(total >= 795 && total < 0.8 * 12 * 200, `total ${total} ms`)
})
