import { deepStrictEqual as assertEquals, ok as assert, throws } from 'node:assert/strict'
import { hideFromAudience, isLoopbackAddress, isLoopbackHost, passwordFromConfigs, readCookie, sameSecret } from './remoteGuard.ts'

Deno.test('loopback: the peer address and the host name asked for must both be this machine', () => {
  for (const a of ['127.0.0.1', '127.3.2.1', '::1', '::ffff:127.0.0.1']) assert(isLoopbackAddress(a), a)
  for (const a of ['10.0.0.2', '::ffff:10.0.0.2', '192.168.1.5', 'fe80::1', '', undefined]) assert(!isLoopbackAddress(a), String(a))
  for (const h of ['localhost', 'localhost:3030', '127.0.0.1:3030', '[::1]:3030', 'LOCALHOST:1']) assert(isLoopbackHost(h), h)
  for (const h of ['phone.localhost:3030', 'abc.trycloudflare.com', '10.0.0.1:3030', 'localhost.evil.com', '', undefined]) {
    assert(!isLoopbackHost(h), String(h))
  }
})

Deno.test('cookies and secrets', () => {
  assertEquals(readCookie('a=1; deck-lead=abc; b=2', 'deck-lead'), 'abc')
  assertEquals(readCookie('xdeck-lead=abc', 'deck-lead'), undefined)
  assertEquals(readCookie(undefined, 'deck-lead'), undefined)
  assert(sameSecret('lantern', 'lantern'))
  assert(!sameSecret('lantern', 'lanter'))
  assert(!sameSecret('', 'x'))
})

Deno.test("the configs module: the password read from Slidev's code, and hidden from the audience", () => {
  const code = `export default ${JSON.stringify({ title: 'T', remote: 'lan"tern', drawings: {} })}`
  assertEquals(passwordFromConfigs(code), 'lan"tern')
  assertEquals(passwordFromConfigs(`${code}\n//# sourceMappingURL=data:x`), 'lan"tern')
  assertEquals(passwordFromConfigs(`export default ${JSON.stringify({ title: 'T' })}`), undefined)
  assertEquals(passwordFromConfigs(`export default ${JSON.stringify({ remote: '' })}`), '')
  // Another shape: nobody is trusted on it.
  assertEquals(passwordFromConfigs('const c = {}; export default c'), null)
  assertEquals(passwordFromConfigs(`export default ${JSON.stringify({ remote: true })}`), null)

  const hidden = hideFromAudience(code, 'lan"tern', 'hidden-by-server:x')
  assertEquals(passwordFromConfigs(hidden), 'hidden-by-server:x')
  // The password anywhere else in the module: refused rather than sent.
  const twice = `export default ${JSON.stringify({ title: 'lantern', remote: 'lantern' })}`
  throws(() => hideFromAudience(twice, 'lantern', 'hidden'), /still in the configs module/)
})
