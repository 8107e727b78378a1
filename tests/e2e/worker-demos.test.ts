/**
 * The worker demos on the built deck, in the sandbox (a worker in a
 * sandboxed frame, whose demos start workers of their own): what each must
 * show, never how fast. Their speed is the bench's (bench/parallelism.ts).
 */
import { deepStrictEqual as assertEquals, match as assertMatch, ok as assert } from 'node:assert/strict'
import { openPage, withDeck } from './harness.ts'
import { demoSlide, type Line, openDemo, runToEnd } from './demo-driver.ts'

const printed = (ls: Line[]) => ls.filter((l) => l.level !== 'system').map((l) => l.text)

Deno.test('transfer, cancel and the worker pool show in the deck what they show under deno run', async () => {
  await withDeck(async ({ browser, origin }) => {
    const { context, page, record } = await openPage(browser, origin)

    await openDemo(page, `${origin}/${await demoSlide('transfer')}`, 'transfer')
    let run = await runToEnd(page, 'transfer')
    assertEquals(run.status, 'done', printed(run.lines).join('\n'))
    let out = printed(run.lines)
    assertEquals(out.length, 3, out.join('\n'))
    assertMatch(out[0], /^copied: 64 MB in \d+\.\d ms$/)
    assertMatch(out[1], /^transferred: 64 MB in \d+\.\d ms$/)
    assertEquals(out[2], 'sender: 0 bytes, detached: true')

    await openDemo(page, `${origin}/${await demoSlide('cancel')}`, 'cancel')
    run = await runToEnd(page, 'cancel')
    assertEquals(run.status, 'done', printed(run.lines).join('\n'))
    out = printed(run.lines)
    // The fake fetch rejects as the browser's fetch does: a DOMException named AbortError.
    const aborted = out.indexOf('AbortError')
    assert(aborted >= 0 && aborted < 5, out.join('\n'))
    assertEquals(out.slice(0, aborted), out.slice(0, aborted).map((_, i) => `got page ${i + 1}`))
    // terminate() ended the 2 s job: its result never came, and the run ended without it.
    assertEquals(out.length, aborted + 2, out.join('\n'))
    assertMatch(out[aborted + 1], /^terminated after \d+ ms, mid-job$/)

    await openDemo(page, `${origin}/${await demoSlide('worker-pool')}`, 'worker-pool')
    run = await runToEnd(page, 'worker-pool', 60_000)
    assertEquals(run.status, 'done', printed(run.lines).join('\n'))
    out = printed(run.lines)
    const cores = await page.evaluate(() => navigator.hardwareConcurrency)
    assertEquals(out.length, 6, out.join('\n'))
    assertMatch(out[0], /^N=1: 283146 primes in \d+ ms$/)
    assertMatch(out[2], new RegExp(`^N=${cores}: 283146 primes in \\d+ ms$`))
    assertMatch(out[1], /^ *start-up \d+ ms, not timed$/)
    assertMatch(out[3], /^ *start-up \d+ ms, not timed$/)
    assertMatch(out[4], new RegExp(`^${cores} cores, speed-up \\d+\\.\\d\\d×$`))
    assertMatch(out[5], /^efficiency \d+\.\d\d$/)

    assertEquals(record.outside, [])
    assertEquals(record.errors, [])
    await context.close()
  })
})
