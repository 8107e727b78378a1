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
