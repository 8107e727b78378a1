/**
 * A talk given with `deno task dev --remote <password>`, its room on the
 * network: the dev server runs in a network namespace of the test's own
 * (tests/e2e/netns.ts) with the presenter's Chromium, on that host's
 * `localhost`, as on the speaker's laptop. The audience's page and a phone
 * used as a clicker are Chromium pages on this host, reaching the server
 * over a veth pair, as devices on the venue Wi-Fi do.
 *
 * - The presenter on localhost leads; the phone, once it typed the password
 *   on /entry, leads too; the audience page follows both, and shows a demo
 *   run on stage line for line.
 * - A raw state POST and a websocket message without the password change
 *   nothing the audience page shows; with the password, the same POST does.
 * - Nothing the audience page received (settings, scripts, headers) holds
 *   the password, and it holds no lead cookie.
 */
import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { type Browser, chromium, type Page } from 'playwright-core'
import { CHROMIUM_ARGS, ensureSystemDeps } from '../../scripts/chromium.ts'
import { createNetns } from './netns.ts'
import { startDevServer } from '../../bench/remote/server.ts'
import { fetchServerState, type NavState, openHmrSocket, postSync, randId } from '../../bench/remote/protocol.ts'
import { LEAD_COOKIE, REFUSED_EVENT } from '../../logic/remoteLock.ts'
import { demoSlide, lines, root } from './demo-driver.ts'

/** Records, before the page's own scripts run, every path its router goes to. */
const RECORD_ROUTES = `
  window.__routes = [location.pathname]
  for (const name of ['pushState', 'replaceState']) {
    const inner = history[name].bind(history)
    history[name] = (state, title, url) => {
      inner(state, title, url)
      window.__routes.push(location.pathname)
    }
  }
`

const onSlide = (page: Page, no: number) =>
  page.waitForFunction((n) => location.pathname.replace(/\/$/, '').endsWith(`/${n}`) && !!document.querySelector(`.slidev-page-${n}`), no, {
    timeout: 30_000,
    polling: 50,
  })

async function launchIn(exec: string[] | undefined, dir: string): Promise<Browser> {
  const chromiumBin = await ensureSystemDeps()
  let executablePath = chromiumBin
  if (exec) {
    // Playwright talks to Chromium over a pipe, which crosses into the namespace.
    executablePath = `${dir}/chromium-in-netns`
    await Deno.writeTextFile(executablePath, `#!/bin/sh\nexec ${exec.join(' ')} ${chromiumBin} "$@"\n`, { mode: 0o755 })
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true })
}

Deno.test('--remote: the presenter and a phone with the password lead, the audience follows, and never gets the password', async () => {
  const password = `pw-${crypto.randomUUID()}`
  const net = await createNetns()
  const dir = await Deno.makeTempDir({ prefix: 'remote-room-' })
  const browsers: Browser[] = []
  let server: Awaited<ReturnType<typeof startDevServer>> | undefined
  try {
    server = await startDevServer({ password, bind: null, prefix: net.exec, host: net.inner, timeout: 180_000 })
    const { origin, port, token } = server
    const stage = await launchIn(net.exec, dir)
    browsers.push(stage)
    const room = await launchIn(undefined, dir)
    browsers.push(room)

    // The audience: everything it receives is kept, to look for the password in.
    const audienceContext = await room.newContext({ viewport: { width: 1280, height: 720 } })
    const audience = await audienceContext.newPage()
    await audience.addInitScript(RECORD_ROUTES)
    const received: Promise<string>[] = []
    /** Responses whose body never finished (a stream): their headers are still checked. */
    const unread: string[] = []
    audience.on('response', (res) => {
      let timer: ReturnType<typeof setTimeout> | undefined
      const late = new Promise<string>((resolve) => {
        timer = setTimeout(() => {
          unread.push(res.url())
          resolve('')
        }, 15_000)
      })
      const body = res.body().then((b) => new TextDecoder('latin1').decode(b), () => '')
      received.push(Promise.race([body, late]).finally(() => clearTimeout(timer)).then((b) => `${res.url()} ${JSON.stringify(res.headers())}\n${b}`))
    })
    audience.on('dialog', (d) => d.dismiss())
    await audience.goto(`${origin}/1`)
    await onSlide(audience, 1)

    // The presenter, on the speaker's laptop.
    const presenter = await (await stage.newContext({ viewport: { width: 1280, height: 720 } })).newPage()
    await presenter.goto(`http://localhost:${port}/presenter/1?password=${encodeURIComponent(password)}`)
    await presenter.waitForFunction(() => location.pathname.startsWith('/presenter/1') && !!document.querySelector('.slidev-page-1'), null, { timeout: 30_000 })
    await presenter.keyboard.press('ArrowDown')
    await onSlide(audience, 2)

    // Without the password: a raw POST to slide 9 and a message up the HMR socket.
    const nav = await fetchServerState<NavState>(origin, 'nav')
    const move = (page: number, cookie?: string) =>
      cookie
        ? fetch(`${origin}/@server-reactive/nav`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', cookie },
          body: JSON.stringify({ source: randId(), data: { ...nav, page, clicks: 0, lastUpdate: { id: 'raw', type: 'presenter', time: Date.now() } }, timestamp: Date.now() }),
        })
        : postSync(origin, 'nav', { source: randId(), data: { ...nav, page, clicks: 0, lastUpdate: { id: 'raw', type: 'presenter', time: Date.now() } }, timestamp: Date.now() })
    const refusedPost = await move(9)
    assertEquals(refusedPost.status, 403)
    await refusedPost.body?.cancel()
    const socket = openHmrSocket(origin, token, origin)
    const refusal = new Promise<void>((resolve) => {
      socket.onmessage = (e) => {
        if (JSON.parse(String(e.data)).event === REFUSED_EVENT) resolve()
      }
    })
    await new Promise((r) => (socket.onopen = r))
    socket.send(JSON.stringify({ type: 'custom', event: 'vue-server-ref', data: { key: 'nav', data: { ...nav, page: 9 } } }))
    await refusal
    socket.close()

    // A phone used as a clicker: /entry asks for the password, it is typed once.
    const phone = await (await room.newContext({ viewport: { width: 400, height: 800 } })).newPage()
    phone.on('dialog', (d) => d.accept(password))
    await phone.goto(`${origin}/entry`)
    await phone.waitForFunction(() => location.pathname === '/entry' && document.querySelectorAll('a.page-link').length > 0, null, { timeout: 30_000 })
    const cookies = await phone.context().cookies()
    assert(cookies.some((c) => c.name === LEAD_COOKIE && c.httpOnly), 'the phone got no lead cookie')
    await phone.goto(`${origin}/presenter/5`)
    await onSlide(audience, 5)
    await phone.keyboard.press('ArrowDown')
    await onSlide(audience, 6)

    // With the password, the raw POST shows.
    const entry = await fetch(`${origin}/entry?password=${encodeURIComponent(password)}`)
    await entry.body?.cancel()
    const lead = (entry.headers.get('set-cookie') ?? '').split(';')[0]
    const accepted = await move(8, lead)
    assertEquals(accepted.status, 200)
    await accepted.body?.cancel()
    await onSlide(audience, 8)

    // A demo run on stage shows on the audience's page, line for line (the demos state passes the server's check).
    const pg = await demoSlide('playground')
    await presenter.goto(`http://localhost:${port}/presenter/${pg}?password=${encodeURIComponent(password)}`)
    await onSlide(audience, pg)
    await presenter.locator(`${root('playground')} [data-action="run"]`).first().click()
    const done = (sel: string) => document.querySelector(sel)?.getAttribute('data-status') === 'done'
    await presenter.waitForFunction(done, root('playground'), { timeout: 60_000, polling: 100 })
    await audience.waitForFunction(done, root('playground'), { timeout: 60_000, polling: 100 })
    const shown = await lines(audience, 'playground')
    assert(shown.length > 0)
    assertEquals(shown, await lines(presenter, 'playground'))
    assert(!server.output().includes('[remote guard] refused'), server.output())

    // The refused writes never showed; the audience has no way to lead.
    const routes = await audience.evaluate(() => (window as unknown as { __routes: string[] }).__routes)
    assert(!routes.some((r) => r.endsWith('/9')), `the audience went to slide 9: ${routes}`)
    assert(!(await audienceContext.cookies()).some((c) => c.name === LEAD_COOKIE))
    const texts = await Promise.all(received)
    assert(texts.length > 20, `only ${texts.length} responses recorded`)
    assert(texts.some((t) => t.includes('/@slidev/configs')), 'the audience never loaded its settings')
    for (const text of texts) assert(!text.includes(password), `the password reached the audience: ${text.slice(0, 200)}`)
    assert(!unread.some((u) => u.includes('/@slidev/configs') || u.endsWith('.js') || u.endsWith('.ts')), `unread: ${unread}`)
    if (unread.length) console.log(`bodies still streaming when checked (headers checked): ${unread.join(', ')}`)
  } finally {
    for (const b of browsers) await b.close().catch(() => {})
    await server?.close()
    await net.close()
    await Deno.remove(dir, { recursive: true }).catch(() => {})
  }
})
