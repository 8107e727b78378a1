import assert from 'node:assert/strict'
import { runDemo } from '../tests/run-demo.ts'

Deno.test('12-transfer: 64 MB arrive copied and transferred; the sender keeps nothing after the transfer', async () => {
  // Exiting at all shows the worker was terminated.
  const lines = await runDemo('12-transfer.ts')
  assert.equal(lines.length, 3, lines.join('\n'))
  assert.match(lines[0], /^copied: 64 MB in \d+\.\d ms$/)
  assert.match(lines[1], /^transferred: 64 MB in \d+\.\d ms$/)
  assert.equal(lines[2], 'sender: 0 bytes, detached: true')
})
