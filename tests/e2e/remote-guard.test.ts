/**
 * `deno task dev --remote <password>` seen from another device on the
 * network, with raw HTTP and a raw websocket: the dev server runs in a
 * network namespace of the test's own (tests/e2e/netns.ts), listening on
 * every interface as `--remote` does, and this process reaches it over a
 * veth pair, from an address that is not its loopback, as a phone would.
 *
 * Without the password nothing writes: not a state POST, not a slide edit,
 * not the MCP endpoint (whose tools rewrite the slides on disk), not a
 * message up the HMR socket; and nothing it gets holds the password. With
 * the password (`/entry?password=…`, once), the same requests work.
 *
 * It also pins what server/remoteGuard.ts relies on in Slidev and Vite (the
 * state endpoint and its broadcast, the configs module's shape, the MCP
 * endpoint's path and tools, Slidev's file-write message on the HMR
 * socket): after an upgrade that moves one of them, this fails.
 */
import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { createNetns } from './netns.ts'
import { startDevServer } from '../../bench/remote/server.ts'
import { fetchHmrToken, fetchServerState, type NavState, openHmrSocket, SYNC_EVENT } from '../../bench/remote/protocol.ts'
import { HIDDEN_PREFIX, LEAD_COOKIE, passwordFromConfigs, REFUSED_EVENT, STATE_BODY_LIMIT } from '../../server/remoteGuard.ts'

const ROOT = new URL('../../', import.meta.url)

/** The deck's markdown, to prove it unchanged and to put it back if a write got through. */
async function snapshotSources(): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  files.set('slides.md', await Deno.readTextFile(new URL('slides.md', ROOT)))
  for await (const e of Deno.readDir(new URL('pages/', ROOT))) {
    if (e.isFile) files.set(`pages/${e.name}`, await Deno.readTextFile(new URL(`pages/${e.name}`, ROOT)))
  }
  return files
}

async function restoreChanged(before: Map<string, string>): Promise<string[]> {
  const now = await snapshotSources()
  const changed: string[] = []
  for (const [path, text] of now) {
    if (before.get(path) === text) continue
    changed.push(path)
    if (before.has(path)) await Deno.writeTextFile(new URL(path, ROOT), before.get(path)!)
    else await Deno.remove(new URL(path, ROOT))
  }
  return changed
}

/** One MCP JSON-RPC call over the streamable HTTP transport. */
function mcp(origin: string, method: string, params: unknown, headers: Record<string, string> = {}) {
  return fetch(`${origin}/__mcp`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  })
}
const MCP_INIT = { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'remote-guard-test', version: '1' } }

/** An HMR socket that keeps every message it gets, and can wait for one. */
async function hmrClient(origin: string, token: string, cookie?: string) {
  const url = `${origin.replace(/^http/, 'ws')}/?token=${encodeURIComponent(token)}`
  const socket = cookie
    ? new WebSocket(url, { protocols: ['vite-hmr'], headers: { origin, cookie } } as unknown as string[])
    : openHmrSocket(origin, token, origin)
  const got: { type: string; event?: string; data?: { key?: string; data?: unknown; reason?: string } }[] = []
  const waiters: (() => void)[] = []
  socket.onmessage = (e) => {
    got.push(JSON.parse(String(e.data)))
    for (const w of waiters.splice(0)) w()
  }
  await new Promise((resolve, reject) => {
    socket.onopen = resolve
    socket.onerror = reject
  })
  const waitFor = async (match: (m: (typeof got)[number]) => boolean, what: string) => {
    const deadline = Date.now() + 20_000
    while (!got.some(match)) {
      if (Date.now() > deadline) throw new Error(`no ${what} on the HMR socket; got ${JSON.stringify(got).slice(0, 500)}`)
      await new Promise<void>((r) => {
        waiters.push(r)
        setTimeout(r, 1_000)
      })
    }
    return got.find(match)!
  }
  return { socket, got, waitFor, close: () => socket.close() }
}

async function until(check: () => boolean, what: string) {
  const deadline = Date.now() + 20_000
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

Deno.test('--remote from another host: writes need the password, which never reaches the audience', async (t) => {
  const password = `pw-${crypto.randomUUID()}`
  const before = await snapshotSources()
  const net = await createNetns()
  let server: Awaited<ReturnType<typeof startDevServer>> | undefined
  const sockets: { close(): void }[] = []
  try {
    server = await startDevServer({ password, bind: null, prefix: net.exec, host: net.inner, timeout: 180_000 })
    const { origin, token } = server
    /** Every text an audience device got: none may hold the password. */
    const seen: string[] = []
    const get = async (path: string, init?: RequestInit) => {
      const res = await fetch(`${origin}${path}`, init)
      const text = await res.text()
      seen.push(`${path} ${res.status} ${JSON.stringify([...res.headers])}\n${text}`)
      return { res, text }
    }
    const audience = await hmrClient(origin, token)
    sockets.push(audience)

    await t.step('an audience device gets the settings, scripts and files without the password', async () => {
      const { res, text } = await get('/@slidev/configs')
      assertEquals(res.status, 200)
      const shown = passwordFromConfigs(text)
      assert(typeof shown === 'string' && shown.startsWith(HIDDEN_PREFIX), `configs' remote: ${shown}`)
      const configsElsewhere = ['/@slidev/configs?import', '/@slidev/configs?t=1', '/%40slidev/configs', '//@slidev/configs', '/@id/@slidev/configs', '/@slidev/configs?raw']
      for (const path of ['/', '/entry', '/presenter/1', '/@vite/client', '/@server-reactive/nav', '/@server-reactive/demos', '/@fs/proc/self/cmdline', '/@fs/proc/self/environ', ...configsElsewhere]) {
        await get(path)
      }
      await get('/entry?password=wrong-guess')
      for (const text of seen) assert(!text.includes(password), `the password reached the audience in ${text.slice(0, 200)}`)
      assert(!seen.some((s) => s.includes(LEAD_COOKIE)), 'a lead cookie was handed out without the password')
    })

    await t.step('without the password: the MCP endpoint, state POSTs and slide edits are refused, and change nothing', async () => {
      const navBefore = await fetchServerState<NavState>(origin, 'nav')
      assertEquals((await mcp(origin, 'initialize', MCP_INIT)).status, 403)
      assertEquals((await mcp(origin, 'tools/list', {})).status, 403)
      const call = await mcp(origin, 'tools/call', { name: 'slidev-update-slide', arguments: { no: 1, content: '# rewritten from the Wi-Fi' } })
      assertEquals(call.status, 403)
      assertEquals((await get('/__mcp')).res.status, 403)
      const nav = await fetch(`${origin}/@server-reactive/nav`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ data: { ...navBefore, page: 7 } }) })
      assertEquals(nav.status, 403)
      await nav.body?.cancel()
      const demos = await fetch(`${origin}/@server-reactive/demos`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ data: { playground: { by: 'x', rev: 1, code: 'fake' } } }) })
      assertEquals(demos.status, 403)
      await demos.body?.cancel()
      const edit = await fetch(`${origin}/__slidev/slides/1.json`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ content: '# rewritten' }) })
      assertEquals(edit.status, 403)
      await edit.body?.cancel()
      assertEquals(await fetchServerState<NavState>(origin, 'nav'), navBefore)
      assertEquals(audience.got.filter((m) => m.event === SYNC_EVENT), [], 'a refused write was broadcast')
      assertEquals(await restoreChanged(before), [], 'a file of the deck changed')
    })

    await t.step('without the password: messages up the HMR socket are refused, Slidev never sees them', async () => {
      const file = `from-the-wifi-${crypto.randomUUID()}.md`
      audience.socket.send(JSON.stringify({ type: 'custom', event: 'slidev:monaco-write', data: { file, content: 'x' } }))
      const refused = await audience.waitFor((m) => m.event === REFUSED_EVENT, 'refusal')
      assert(refused.data?.reason)
      assert(!server!.output().includes(file), 'Slidev got the message')
    })

    let cookie = ''
    await t.step('a device that gives the password once leads: state POSTs, the HMR socket, the MCP endpoint', async () => {
      const entry = await fetch(`${origin}/entry?password=${encodeURIComponent(password)}`)
      await entry.body?.cancel()
      const set = entry.headers.get('set-cookie') ?? ''
      assert(set.includes('HttpOnly') && set.includes('SameSite=Strict'), set)
      assert(!set.includes(password))
      cookie = set.split(';')[0]
      // It gets the password it typed (Slidev's pages check it in the browser), in the shape the guard reads.
      const configs = await (await fetch(`${origin}/@slidev/configs`, { headers: { cookie } })).text()
      assertEquals(passwordFromConfigs(configs), password)

      // Pin: Slidev's state endpoint and its broadcast to every socket.
      const navBefore = await fetchServerState<NavState>(origin, 'nav')
      const page = navBefore.page + 3
      const nav = await fetch(`${origin}/@server-reactive/nav`, { method: 'POST', headers: { 'Content-Type': 'application/json', cookie }, body: JSON.stringify({ data: { ...navBefore, page } }) })
      assertEquals(nav.status, 200)
      await nav.body?.cancel()
      await audience.waitFor((m) => m.event === SYNC_EVENT && m.data?.key === 'nav', 'nav broadcast')
      assertEquals((await fetchServerState<NavState>(origin, 'nav')).page, page)

      // Pin: Slidev still takes file writes on the HMR socket (it refuses a file it did not list, and says so).
      const lead = await hmrClient(origin, token, cookie)
      sockets.push(lead)
      const file = `not-listed-${crypto.randomUUID()}.md`
      lead.socket.send(JSON.stringify({ type: 'custom', event: 'slidev:monaco-write', data: { file, content: 'x' } }))
      await until(() => server!.output().includes(`Unauthorized file write: ${file}`), "Slidev's answer to a write on the HMR socket")
      assert(!lead.got.some((m) => m.event === REFUSED_EVENT))

      // Pin: the MCP endpoint is where the guard closes it, with the tools that write.
      const init = await mcp(origin, 'initialize', MCP_INIT, { cookie })
      assertEquals(init.status, 200)
      await init.body?.cancel()
      const list = await mcp(origin, 'tools/list', {}, { cookie })
      const tools = await list.text()
      for (const name of ['slidev-update-slide', 'slidev-goto-slide']) assert(tools.includes(name), `MCP tools: ${tools.slice(0, 300)}`)
    })

    await t.step('state POSTs are bounded, and bad JSON is refused without taking the server down', async () => {
      const big = await fetch(`${origin}/@server-reactive/demos`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', cookie },
        body: JSON.stringify({ data: { x: 'a'.repeat(STATE_BODY_LIMIT + 1) } }),
      })
      assertEquals(big.status, 413)
      await big.body?.cancel()
      // Bad JSON for a key the guard does not read (Slidev's own) and for the demos, which it reads.
      const bad = await fetch(`${origin}/@server-reactive/nav`, { method: 'POST', headers: { 'Content-Type': 'application/json', cookie }, body: '{not json' })
      assertEquals(bad.status, 400)
      await bad.body?.cancel()
      const badDemos = await fetch(`${origin}/@server-reactive/demos`, { method: 'POST', headers: { 'Content-Type': 'application/json', cookie }, body: '{not json' })
      assertEquals(badDemos.status, 422)
      await badDemos.body?.cancel()
      assertEquals((await fetch(`${origin}/@slidev/configs`, { headers: { cookie } })).status, 200)
      assert(await fetchHmrToken(origin))
    })
    for (const text of seen) assert(!text.includes(password), 'the password reached the audience')
  } finally {
    for (const s of sockets) s.close()
    await server?.close()
    await net.close()
    const changed = await restoreChanged(before)
    assertEquals(changed, [], 'files of the deck changed (now restored)')
  }
})

Deno.test('--remote without a password: one line says so at start, and other hosts only follow', async () => {
  const net = await createNetns()
  let server: Awaited<ReturnType<typeof startDevServer>> | undefined
  try {
    server = await startDevServer({ password: '', bind: null, prefix: net.exec, host: net.inner, timeout: 180_000 })
    const { origin } = server
    await until(() => server!.output().includes('--remote without a password'), 'the warning')
    const warning = server.output().split('\n').filter((l) => l.includes('--remote without a password'))
    assertEquals(warning.length, 1)
    assert(warning[0].includes('deno task dev --remote <password>'), warning[0])
    const nav = await fetchServerState<NavState>(origin, 'nav')
    const post = await fetch(`${origin}/@server-reactive/nav`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ data: { ...nav, page: 4 } }) })
    assertEquals(post.status, 403)
    await post.body?.cancel()
    assertEquals((await mcp(origin, 'initialize', MCP_INIT)).status, 403)
    assertEquals(await fetchServerState<NavState>(origin, 'nav'), nav)
  } finally {
    await server?.close()
    await net.close()
  }
})
