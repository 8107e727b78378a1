import { deepStrictEqual as assertEquals } from 'node:assert/strict'
import { inPrintTurn } from './printTurn.ts'

Deno.test('print runs take turns, and a failed run does not block the next', async () => {
  const events: string[] = []
  const job = (name: string, ms: number, fail = false) => () =>
    new Promise<string>((resolve, reject) => {
      events.push(`start ${name}`)
      setTimeout(() => {
        events.push(`end ${name}`)
        fail ? reject(new Error(name)) : resolve(name)
      }, ms)
    })
  const a = inPrintTurn(job('a', 30))
  const b = inPrintTurn(job('b', 10, true)).catch((e: Error) => `caught ${e.message}`)
  const c = inPrintTurn(job('c', 5))
  assertEquals(await Promise.all([a, b, c]), ['a', 'caught b', 'c'])
  assertEquals(events, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c'])
})
