import assert from 'node:assert/strict'
import { runDemo } from '../tests/run-demo.ts'

Deno.test('07-io-vs-cpu: waits overlap, CPU work does not', async () => {
  const text = (await runDemo('07-io-vs-cpu.ts')).join('\n')
  const io = Number(/3 × sleep\(500\): (\d+) ms/.exec(text)?.[1])
  const cpu = Number(/3 × work\(300\): +(\d+) ms/.exec(text)?.[1])
  assert.ok(io >= 495 && io < 1000, `three overlapping 500 ms waits took ${io} ms`)
  // Three 300 ms jobs on one thread cannot take less than their sum.
  assert.ok(cpu >= 895, `three 300 ms CPU jobs took only ${cpu} ms`)
  assert.ok(io < 0.8 * 3 * 500, 'the waits did not overlap')
})
