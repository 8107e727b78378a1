// The Python demos, run by this machine's CPython (the deck runs them on
// Pyodide, tests/e2e/python.test.ts): what they print is what their slides say.
import assert from 'node:assert/strict'

async function python(file: string): Promise<string[]> {
  const out = await new Deno.Command('python3', { args: [new URL(file, import.meta.url).pathname] }).output()
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr))
  return new TextDecoder().decode(out.stdout).trim().split('\n')
}

Deno.test('15-asyncio-gather.py: the waits finish in order of length, results in call order, total about the longest', async () => {
  const lines = await python('15-asyncio-gather.py')
  assert.deepEqual(lines.slice(0, 3).map((l) => l.split(' ')[0]), ['b', 'c', 'a'])
  assert.equal(lines[3], "['a after 0.3 s', 'b after 0.1 s', 'c after 0.2 s']")
  const total = Number(/^total: ([\d.]+) s$/.exec(lines[4])?.[1])
  // The waits overlapped: the longest (0.3 s), well under their sum (0.6 s).
  assert.ok(total >= 0.3 && total < 0.6, lines[4])
})

Deno.test('16-asyncio-race.py: check-await-act overdraws on one thread; asyncio.Lock refuses one', async () => {
  assert.deepEqual(await python('16-asyncio-race.py'), [
    "no lock:   ['paid', 'paid'] balance -60",
    "with Lock: ['paid', 'refused'] balance 20",
  ])
})
