import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { createServer } from 'node:http'
import { withholdPassword } from './withhold.ts'

Deno.test('a response to a device that did not give the password never carries it', async () => {
  const bodies: Record<string, (end: (b: string) => void) => void> = {
    '/settings': (end) => end(`export default {"title":"T","remote":"lan-tern"}`),
    '/elsewhere': (end) => end('the password is lan-tern'),
    '/plain': (end) => end('nothing to see'),
  }
  const server = createServer((req, res) => {
    withholdPassword(res, 'lan-tern', 'hidden-by-server:x')
    bodies[req.url ?? '/plain']((b) => res.end(b))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as { port: number }
  try {
    const get = async (path: string) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`)
      return [res.status, await res.text()] as const
    }
    assertEquals(await get('/settings'), [200, `export default {"title":"T","remote":"hidden-by-server:x"}`])
    const [status, text] = await get('/elsewhere')
    assertEquals(status, 500)
    assert(!text.includes('lan-tern'))
    assertEquals(await get('/plain'), [200, 'nothing to see'])
  } finally {
    await new Promise((r) => server.close(r))
  }
})
