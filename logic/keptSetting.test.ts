import { deepStrictEqual as assertEquals } from 'node:assert/strict'
import { finiteNumber, keptSetting, onOff } from './keptSetting.ts'

function memoryStorage(map = new Map<string, string>()): Storage {
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  } as Storage
}

Deno.test('a flag and a number survive a reload, each under its own key', () => {
  const map = new Map<string, string>()
  assertEquals(keptSetting('reading', onOff, memoryStorage(map)).save(true), true)
  assertEquals(keptSetting('zoom:a', finiteNumber, memoryStorage(map)).save(1.25), true)
  // A new page reads what the last one kept.
  assertEquals(keptSetting('reading', onOff, memoryStorage(map)).load(), true)
  assertEquals(keptSetting('zoom:a', finiteNumber, memoryStorage(map)).load(), 1.25)
  assertEquals(keptSetting('zoom:b', finiteNumber, memoryStorage(map)).load(), undefined)
  assertEquals([...map.entries()], [['reading', 'on'], ['zoom:a', '1.25']])
  keptSetting('reading', onOff, memoryStorage(map)).clear()
  assertEquals(keptSetting('reading', onOff, memoryStorage(map)).load(), undefined)
})

Deno.test('a value someone else wrote under the key is ignored, not trusted', () => {
  const map = new Map([['reading', 'yes'], ['zoom', 'big'], ['empty', ' '], ['inf', 'Infinity']])
  assertEquals(keptSetting('reading', onOff, memoryStorage(map)).load(), undefined)
  assertEquals(keptSetting('zoom', finiteNumber, memoryStorage(map)).load(), undefined)
  assertEquals(keptSetting('empty', finiteNumber, memoryStorage(map)).load(), undefined)
  assertEquals(keptSetting('inf', finiteNumber, memoryStorage(map)).load(), undefined)
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
  const s = keptSetting('x', onOff, broken)
  assertEquals(s.load(), undefined)
  assertEquals(s.save(true), false)
  s.clear()
})
