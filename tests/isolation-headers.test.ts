/**
 * Every place that serves the deck sends the same cross-origin isolation
 * headers as logic/isolationHeaders.ts: the dev and preview servers, the
 * static hosts' files that the build copies into dist/, and the service
 * worker for hosts that cannot set headers. (The e2e tests check that the
 * headers make the page isolated; this checks that no copy drifted.)
 */
import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { ISOLATION_HEADERS } from '../logic/isolationHeaders.ts'
import viteConfig from '../vite.config.ts'

const root = new URL('../', import.meta.url)
const read = (path: string) => Deno.readTextFile(new URL(path, root))
const expected = Object.entries(ISOLATION_HEADERS).sort()
const sorted = (headers: Record<string, unknown>) =>
  Object.entries(headers).filter(([name]) => /^cross-origin-/i.test(name)).sort()

Deno.test('the dev, export and preview servers send the isolation headers', () => {
  const config = viteConfig as { server?: { headers?: object }; preview?: { headers?: object } }
  assertEquals(sorted({ ...config.server?.headers }), expected)
  assertEquals(sorted({ ...config.preview?.headers }), expected)
})

Deno.test('public/_headers sends them with every file (Netlify, Cloudflare Pages)', async () => {
  const rules = (await read('public/_headers')).split('\n').filter((l) => l.trim() && !l.startsWith('#'))
  assertEquals(rules[0], '/*', 'one rule, for every path')
  const headers = Object.fromEntries(rules.slice(1).map((l) => l.trim().split(/:\s*/, 2)))
  assertEquals(sorted(headers), expected)
})

Deno.test('public/vercel.json sends them with every file and falls back to index.html', async () => {
  const config = JSON.parse(await read('public/vercel.json'))
  const all = config.headers.find((h: { source: string }) => h.source === '/(.*)')
  assert(all, 'a header rule for every path')
  const headers = Object.fromEntries(all.headers.map((h: { key: string; value: string }) => [h.key, h.value]))
  assertEquals(sorted(headers), expected)
  assertEquals(config.rewrites, [{ source: '/(.*)', destination: '/index.html' }])
})

Deno.test('the service worker adds the same headers', async () => {
  const sw = await read('public/isolation-sw.js')
  const block = /const ISOLATION_HEADERS = (\{[^}]*\})/.exec(sw)?.[1]
  assert(block, 'public/isolation-sw.js declares ISOLATION_HEADERS')
  const headers = JSON.parse(block.replace(/'/g, '"').replace(/,\s*\}/, '}'))
  assertEquals(sorted(headers), expected)
})
