import assert from 'node:assert/strict'

const file = new URL('./04-event-loop-order.ts', import.meta.url).pathname

Deno.test('04-event-loop-order: sync code, then every microtask, then the timer task', async () => {
  const out = await new Deno.Command(Deno.execPath(), { args: ['run', '-A', file] }).output()
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr))
  const lines = new TextDecoder().decode(out.stdout).trim().split('\n')
  assert.deepEqual(lines, [
    'A sync',
    'E in the async function',
    'G sync',
    'C then',
    'D microtask',
    'F after await',
    'B setTimeout 0',
  ])
})
