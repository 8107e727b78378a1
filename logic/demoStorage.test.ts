import { deepStrictEqual as assertEquals } from 'node:assert/strict'
import { demoStorage } from './demoStorage.ts'

Deno.test('keeps code per demo id', () => {
  const map = new Map<string, string>()
  const storage = {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  } as Storage
  const a = demoStorage('a', storage)
  assertEquals(a.save('code a'), true)
  assertEquals(demoStorage('b', storage).load(), null)
  assertEquals(a.load(), 'code a')
  assertEquals([...map.keys()], ['live-demo:a'])
  a.clear()
  assertEquals(a.load(), null)
})

Deno.test('full or disabled storage never throws', () => {
  const broken = {
    getItem: () => {
      throw new Error('SecurityError')
    },
    setItem: () => {
      throw new DOMException('full', 'QuotaExceededError')
    },
    removeItem: () => {
      throw new Error('SecurityError')
    },
  } as unknown as Storage
  const s = demoStorage('x', broken)
  assertEquals(s.load(), null)
  assertEquals(s.save('y'), false)
  s.clear()
})
