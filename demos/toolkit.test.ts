import assert from 'node:assert/strict'
import { canYield, fakeFetch } from './toolkit.ts'

Deno.test('fakeFetch: a response after the delay, ok or failed, with its body', async () => {
  const res = await fakeFetch('/menu', { delay: 10, body: { dishes: 3 } })
  assert.deepEqual([res.url, res.ok, res.status], ['/menu', true, 200])
  assert.deepEqual(await res.json(), { dishes: 3 })
  assert.equal(await res.text(), '{"dishes":3}')
  const failed = await fakeFetch('/menu', { delay: 0, fail: true })
  assert.deepEqual([failed.ok, failed.status], [false, 500])
  assert.deepEqual(await failed.json(), { url: '/menu' })
})

Deno.test({
  name: 'fakeFetch: aborting rejects the pending request with an AbortError and clears its timer',
  // A 10 s delay: the ops sanitizer fails this test if that timer is left running.
  sanitizeOps: true,
}, async () => {
  const controller = new AbortController()
  const pending = fakeFetch('/slow', { delay: 10_000, signal: controller.signal })
  controller.abort()
  await assert.rejects(pending, (e: unknown) => {
    assert.ok(e instanceof DOMException, String(e))
    assert.equal(e.name, 'AbortError')
    return true
  })
})

Deno.test('fakeFetch: the abort reason is what it rejects with, as with fetch', async () => {
  const controller = new AbortController()
  const reason = new Error('user left the page')
  const pending = fakeFetch('/slow', { delay: 10_000, signal: controller.signal })
  controller.abort(reason)
  await assert.rejects(pending, (e: unknown) => e === reason)
  await assert.rejects(
    fakeFetch('/slow', { delay: 10_000, signal: AbortSignal.abort() }),
    (e: unknown) => e instanceof DOMException && e.name === 'AbortError',
    'a signal aborted before the call rejects at once',
  )
})

Deno.test('fakeFetch: aborting after the response makes reading its body reject', async () => {
  const controller = new AbortController()
  const res = await fakeFetch('/menu', { delay: 0, signal: controller.signal })
  assert.equal(await res.text(), '{"url":"/menu"}')
  controller.abort()
  await assert.rejects(res.json(), (e: unknown) => e instanceof DOMException && e.name === 'AbortError')
})

Deno.test('canYield: only a scheduler whose yield is a function counts', () => {
  const g = globalThis as { scheduler?: unknown }
  const had = 'scheduler' in g, before = g.scheduler
  try {
    delete g.scheduler
    assert.equal(canYield(), false, 'no scheduler at all (Deno, Safari)')
    g.scheduler = { postTask() {} }
    assert.equal(canYield(), false, 'Chromium 94 to 128: scheduler without yield')
    g.scheduler = { postTask() {}, yield: () => Promise.resolve() }
    assert.equal(canYield(), true)
  } finally {
    if (had) g.scheduler = before
    else delete g.scheduler
  }
})
