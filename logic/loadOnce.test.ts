import { deepStrictEqual as assertEquals, rejects } from 'node:assert/strict'
import { loadOnce } from './loadOnce.ts'

Deno.test('a module loads once; a failed load is forgotten and the next call tries again', async () => {
  let calls = 0
  const m = loadOnce(() => ++calls === 1 ? Promise.reject(new Error('offline')) : Promise.resolve({ n: calls }))
  await rejects(m.load(), /offline/)
  assertEquals(m.loaded, undefined)
  assertEquals(await m.load(), { n: 2 })
  assertEquals(await m.load(), { n: 2 })
  assertEquals([calls, m.loaded], [2, { n: 2 }])
})
