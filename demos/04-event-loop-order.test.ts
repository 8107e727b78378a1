import assert from 'node:assert/strict'

const file = new URL('./04-event-loop-order.ts', import.meta.url).pathname

Deno.test('04-event-loop-order: sync code, then every microtask, then the timer task', async () => {
  const out = await new Deno.Command(Deno.execPath(), { args: ['run', '-A', file] }).output()
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr))
  const lines = new TextDecoder().decode(out.stdout).trim().split('\n')
  assert.deepEqual(lines, [
    'A  sync: the script starts',
    'E  sync: inside the async function',
    'G  sync: the script ends',
    'C  microtask: promise.then',
    'D  microtask: queueMicrotask',
    'F  microtask: after await',
    'B  task: setTimeout 0',
  ])
})
