/**
 * Lines from Python and Go reach the deck while their thread is still busy.
 *
 * The sandbox (sandbox.ts) sends lines in batches, on a timer or on the
 * next line once the batch interval has passed. A TypeScript program that
 * logs and then loops forever is rare on our slides; a Python or Go program
 * that prints and then computes (or spins) is common, and its thread runs no
 * timers until the program yields. So these hosts send a line at once,
 * unless more than `burst` lines were sent at once in the last `windowMs`:
 * a flood is still batched (sandbox.ts's limits), and costs the deck at
 * most burst × (1000 / windowMs) extra messages a second.
 */
import type { Sandbox } from './sandbox.ts'
import type { LogLevel } from './protocol.ts'

export function promptLines(sandbox: Sandbox, now: () => number, { burst = 5, windowMs = 250 } = {}) {
  let windowStart = -Infinity
  let sent = 0
  return (level: LogLevel, text: string) => {
    sandbox.forward({ level, text, t: 0, depth: 0 })
    const t = now()
    if (t - windowStart >= windowMs) {
      windowStart = t
      sent = 0
    }
    if (sent < burst) {
      sent++
      sandbox.flush()
    }
  }
}
