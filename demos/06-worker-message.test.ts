import assert from 'node:assert/strict'

const file = new URL('./06-worker-message.ts', import.meta.url).pathname

Deno.test('06-worker-message: main carries on, the worker replies, then it ends', async () => {
  const out = await new Deno.Command(Deno.execPath(), { args: ['run', '-A', file] }).output()
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr))
  const lines = new TextDecoder().decode(out.stdout).trim().split('\n')
  assert.deepEqual(lines, [
    'main: sent it, not waiting for the reply',
    'main: the worker replied: 12 squared is 144',
  ])
})
