import assert from 'node:assert/strict'
import { runDemo } from '../tests/run-demo.ts'

Deno.test('05-delivery-orders: waiting together beats waiting one by one', async () => {
  const lines = await runDemo('05-delivery-orders.ts')
  assert.equal(lines.length, 2, lines.join('\n'))
  const one = /^one by one: +(\d+) ms$/.exec(lines[0])
  const all = /^Promise\.all: +(\d+) ms$/.exec(lines[1])
  assert.ok(one, lines[0])
  assert.ok(all, lines[1])
  const [sequential, together] = [Number(one[1]), Number(all[1])]
  // One by one takes at least the sum of the delays; together, at least the longest.
  assert.ok(sequential >= 1195, `one by one took only ${sequential} ms`)
  assert.ok(together >= 495, `together took only ${together} ms`)
  assert.ok(together < 0.8 * sequential, `together ${together} ms vs one by one ${sequential} ms`)
})
