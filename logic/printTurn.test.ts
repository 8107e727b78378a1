import { deepStrictEqual as assertEquals } from 'node:assert/strict'
import { inPrintTurn, printOnce } from './printTurn.ts'

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

Deno.test('printOnce runs a job once per key, and every caller gets its result', async () => {
  let runs = 0
  const job = async () => {
    runs++
    await new Promise((r) => setTimeout(r, 5))
    return 'out'
  }
  const results = await Promise.all([printOnce('k', job), printOnce('k', job), printOnce('other', job)])
  assertEquals([results, runs], [['out', 'out', 'out'], 2])
})
