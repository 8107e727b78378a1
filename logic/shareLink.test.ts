import { deepStrictEqual as assertEquals } from 'node:assert/strict'
import lz from 'lz-string'
import { queryWithoutShareLink, readSharedCode, shareUrl } from './shareLink.ts'

const search = (url: string) => new URL(url).search

Deno.test('a share link round-trips the code, including the + of the lz alphabet', () => {
  const code = "import { sleep } from './toolkit.ts'\n" +
    'console.log("héllo 🍜", 1 + 2 + 3)\n'.repeat(20)
  const url = shareUrl({ deckUrl: 'http://localhost:3030/', slide: 41, id: 'playground', code })
  assertEquals(url.startsWith('http://localhost:3030/41?demo=playground&code='), true)
  assertEquals(lz.compressToEncodedURIComponent(code).includes('+'), true)
  assertEquals(readSharedCode('playground', search(url)), { kind: 'code', code })
})

Deno.test('a link for another demo, or none, is ignored', () => {
  const url = shareUrl({ deckUrl: 'http://x/', slide: 2, id: 'loop-order', code: 'x' })
  assertEquals(readSharedCode('playground', search(url)), undefined)
  assertEquals(readSharedCode('playground', ''), undefined)
})

Deno.test('unreadable code gives a message, never a throw', () => {
  for (const code of ['%%%not-lz', '', 'abc', '%E0%A4%A', 'x'.repeat(50)]) {
    const got = readSharedCode('playground', `?demo=playground&code=${code}`)
    assertEquals(got?.kind, 'unreadable', code)
  }
})

Deno.test('an applied share link leaves the address, and only the demo it was for takes it out', () => {
  const url = shareUrl({ deckUrl: 'http://localhost:3030/', slide: 41, id: 'playground', code: 'x' })
  const query = { demo: 'playground', code: 'Ag', clicks: '2' }
  assertEquals(queryWithoutShareLink(search(url), 'playground', query), { clicks: '2' })
  assertEquals(queryWithoutShareLink(search(url), 'loop-order', query), undefined)
  assertEquals(queryWithoutShareLink('?demo=playground', 'playground', { demo: 'playground' }), undefined)
  assertEquals(queryWithoutShareLink('', 'playground', {}), undefined)
})
