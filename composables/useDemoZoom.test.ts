import { deepStrictEqual as assertEquals } from 'node:assert/strict'
import { shallowRef } from 'vue'
import { useDemoZoom, ZOOM_KEY_PREFIX } from './useDemoZoom.ts'

function memoryStorage(map: Map<string, string>): Storage {
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  } as Storage
}

const key = (k: string, mods: Partial<KeyboardEvent> = { ctrlKey: true }) => {
  let prevented = false
  const e = {
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...mods,
    preventDefault: () => void (prevented = true),
  } as unknown as KeyboardEvent
  return { e, prevented: () => prevented }
}

Deno.test('zoom scales the fitted sizes and is kept per demo', () => {
  const map = new Map<string, string>()
  const a = useDemoZoom({ id: 'a', fontSize: 14, lineHeight: 20, storage: memoryStorage(map) })
  a.zoomIn()
  a.zoomIn()
  assertEquals(a.level.value, 1.25)
  assertEquals([a.fontSize.value, a.lineHeight.value], [18, 25])
  // Another demo is untouched; the same demo on a new page starts where it was.
  assertEquals(
    useDemoZoom({ id: 'b', fontSize: 14, lineHeight: 20, storage: memoryStorage(map) }).level.value,
    1,
  )
  assertEquals(
    useDemoZoom({ id: 'a', fontSize: 14, lineHeight: 20, storage: memoryStorage(map) }).level.value,
    1.25,
  )
  // Back at the fitted size, nothing is kept.
  a.reset()
  assertEquals(map.has(ZOOM_KEY_PREFIX + 'a'), false)
})

Deno.test('the keys zoom, hold back the page zoom, and leave other keys alone', () => {
  const z = useDemoZoom({
    id: 'k',
    fontSize: 10,
    lineHeight: 10,
    storage: memoryStorage(new Map()),
  })
  const plus = key('=')
  assertEquals(z.onKeydown(plus.e), true)
  assertEquals(plus.prevented(), true)
  assertEquals(z.level.value, 1.1)
  z.onKeydown(key('-', { metaKey: true }).e)
  z.onKeydown(key('-', { metaKey: true }).e)
  assertEquals(z.level.value, 0.9)
  z.onKeydown(key('0').e)
  assertEquals(z.level.value, 1)
  const typing = key('+', {})
  assertEquals(z.onKeydown(typing.e), false)
  assertEquals(typing.prevented(), false)
})

Deno.test('where zoom does not apply (print, previews) the fitted size shows and keys pass', () => {
  const map = new Map([[ZOOM_KEY_PREFIX + 'p', '1.5']])
  const live = shallowRef(false)
  const z = useDemoZoom({
    id: 'p',
    fontSize: 12,
    lineHeight: 18,
    enabled: live,
    storage: memoryStorage(map),
  })
  assertEquals([z.level.value, z.fontSize.value], [1, 12])
  assertEquals(z.onKeydown(key('+').e), false)
  live.value = true
  assertEquals([z.level.value, z.fontSize.value], [1.5, 18])
})

Deno.test('a forwarded or stored value off the steps snaps to one', () => {
  const map = new Map([[ZOOM_KEY_PREFIX + 's', '1.3']])
  const z = useDemoZoom({ id: 's', fontSize: 10, lineHeight: 10, storage: memoryStorage(map) })
  assertEquals(z.level.value, 1.25)
  z.set(7)
  assertEquals([z.level.value, z.atMax.value], [2, true])
  assertEquals(map.get(ZOOM_KEY_PREFIX + 's'), '2')
})
