// A quick check, against the deck's real dev server under `--remote`, that
// the load test still speaks Slidev's sync protocol: if a Slidev or Vite
// upgrade changes it, this fails instead of the load test timing nothing.
import {
  deepStrictEqual as assertEquals,
  ok as assert,
  rejects as assertRejects,
} from 'node:assert/strict'
import { SimPresenter } from './presenter.ts'
import { fetchServerState, type NavState } from './protocol.ts'
import { DEMO_KEY, IDLE_DEMO, KEYS, sign } from './scenario.ts'
import { startDevServer } from './server.ts'
import { SimViewer } from './viewer.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

Deno.test({
  name: 'simulated viewers follow a simulated presenter through slidev --remote',
  async fn() {
    const server = await startDevServer({ password: 'test-password' })
    const viewer = (origin = `http://phone.localhost:${server.port}`, token = server.token) =>
      new SimViewer({ origin: server.origin, token, pageOrigin: origin, keys: KEYS, sign })
    const viewers: SimViewer[] = []
    try {
      const presenter = new SimPresenter(
        server.origin,
        await fetchServerState<NavState>(server.origin, 'nav'),
      )
      presenter.demoReset(DEMO_KEY, IDLE_DEMO)
      await presenter.settle()

      // Vite checks the token when a socket comes with an Origin, as a browser's does.
      await assertRejects(viewer(undefined, 'not-the-token').join(), /websocket/)

      viewers.push(viewer(), viewer())
      await Promise.all(viewers.map((v) => v.join()))
      presenter.nav({ page: 2, clicks: 0, clicksTotal: 0 })
      await sleep(30)
      presenter.nav({ page: 3, clicks: 1, clicksTotal: 2 })
      await sleep(30)
      presenter.demoChange(DEMO_KEY, (d) => {
        d.runId = 1
        d.status = 'running'
        d.lines[0] = { at: 0, level: 'log', text: 'hello' }
      })
      await presenter.settle()
      const want = ['nav 2/0', 'nav 3/1', 'demo 1:running:1']
      for (let i = 0; i < 100 && viewers.some((v) => v.seen.length < want.length); i++) {
        await sleep(20)
      }
      for (const v of viewers) {
        assertEquals(v.seen.map((s) => s.signature), want)
        assertEquals(v.state(DEMO_KEY), presenter.demo)
        assert(!v.dropped)
      }
      assertEquals(presenter.failures, [])

      // A late viewer starts from the live state, as a page opened now would.
      const late = viewer()
      viewers.push(late)
      await late.join()
      assertEquals(Object.fromEntries(late.initial), {
        nav: 'nav 3/1',
        [DEMO_KEY]: 'demo 1:running:1',
      })
    } finally {
      await Promise.all(viewers.map((v) => v.close()))
      await server.close()
    }
  },
})

Deno.test('a viewer applies broadcasts for its keys only, and counts the ones that came out of order', () => {
  const v = new SimViewer({ origin: '', pageOrigin: '', keys: ['nav'], sign })
  v.seed('nav', { page: 1, clicks: 0 })
  const broadcast = (page: number, timestamp: number, key = 'nav') =>
    JSON.stringify({
      type: 'custom',
      event: 'vue-server-ref',
      data: { key, source: 'p', data: { page, clicks: 0 }, timestamp },
    })
  v.feed(broadcast(2, 100), 1)
  v.feed(broadcast(4, 300), 2)
  v.feed(broadcast(3, 200), 3)
  v.feed(broadcast(9, 400, 'drawings'), 4)
  v.feed('{"type":"full-reload","path":"*"}', 5)
  assertEquals(v.seen, [
    { signature: 'nav 2/0', at: 1 },
    { signature: 'nav 4/0', at: 2 },
    { signature: 'nav 3/0', at: 3 },
  ])
  assertEquals(v.reordered, 1)
  assertEquals(v.others, ['full-reload'])
  assertEquals(v.initial.get('nav'), 'nav 1/0')
})
