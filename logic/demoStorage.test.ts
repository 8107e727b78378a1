import { deepStrictEqual as assertEquals } from 'node:assert/strict'
import { demoStorage } from './demoStorage.ts'

// How a kept value survives broken storage is keptSetting.test.ts's to test.
Deno.test('keeps code per demo id, under live-demo:<id>', () => {
  const map = new Map<string, string>()
  const storage = {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  } as Storage
  const a = demoStorage('a', storage)
  assertEquals(a.save('code a'), true)
  assertEquals(demoStorage('b', storage).load(), undefined)
  assertEquals(a.load(), 'code a')
  assertEquals([...map.keys()], ['live-demo:a'])
  a.clear()
  assertEquals(a.load(), undefined)
})
