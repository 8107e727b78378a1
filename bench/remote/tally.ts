/**
 * Checking and counting what the viewers saw against what the presenter did:
 * lag per receipt, states missed, states seen out of order, and whether a
 * viewer ended where the presenter ended. Plain functions over numbers.
 */

/**
 * Wall-clock time in ms with sub-ms precision. Deno, Chromium pages and the
 * presenter all read it the same way, so their times compare directly.
 */
export function now(): number {
  return performance.timeOrigin + performance.now()
}

/** One thing the presenter did, named by the state it leads to. */
export interface Action {
  /** The state a viewer holds once it got this action, e.g. `nav 3/0`. */
  signature: string
  /** When the presenter sent it, in ms since the epoch (sub-ms precision). */
  sentAt: number
}

/** One state a viewer reached, and when its message arrived. */
export interface Seen {
  signature: string
  at: number
}

export interface FollowResult {
  /** Lag in ms of each action this viewer got, indexed like the actions. */
  lags: (number | undefined)[]
  /** Actions never seen. */
  missing: number
  /** Receipts of an action older than one already seen. */
  outOfOrder: number
  /** The same action seen again right after itself. */
  repeated: number
  /** States that match no action (a protocol misunderstanding). */
  unexpected: number
  /** The last state this viewer reached. */
  finalSignature?: string
}

/** How one viewer followed the presenter's actions. */
export function follow(actions: readonly Action[], seen: readonly Seen[]): FollowResult {
  const index = new Map<string, number>()
  actions.forEach((a, i) => {
    if (index.has(a.signature)) throw new Error(`two actions lead to the same state ${a.signature}`)
    index.set(a.signature, i)
  })
  const lags: (number | undefined)[] = actions.map(() => undefined)
  let newest = -1
  let outOfOrder = 0
  let repeated = 0
  let unexpected = 0
  for (const s of seen) {
    const i = index.get(s.signature)
    if (i === undefined) {
      unexpected++
      continue
    }
    if (i < newest) outOfOrder++
    else if (i === newest) repeated++
    else newest = i
    lags[i] ??= s.at - actions[i].sentAt
  }
  return {
    lags,
    missing: lags.filter((l) => l === undefined).length,
    outOfOrder,
    repeated,
    unexpected,
    finalSignature: seen.at(-1)?.signature,
  }
}

/** Whether a viewer missed a state, saw one out of order, or ended elsewhere. */
export function leftBehind(actions: readonly Action[], result: FollowResult): boolean {
  return result.missing > 0 || result.outOfOrder > 0 || result.unexpected > 0 ||
    result.finalSignature !== actions.at(-1)?.signature
}

/** The nearest-rank percentile (p in 0–100) of the values; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]
}

export interface Spread {
  count: number
  p50: number
  p95: number
  max: number
}

export function spread(values: readonly number[]): Spread {
  return {
    count: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    max: values.length ? values.reduce((m, v) => (v > m ? v : m)) : NaN,
  }
}

/**
 * For each action, how long until the last viewer that got it had it: the
 * time the whole room took to follow.
 */
export function fanOut(results: readonly FollowResult[], actions: number): number[] {
  const out: number[] = []
  for (let i = 0; i < actions; i++) {
    const lags = results.map((r) => r.lags[i]).filter((l): l is number => l !== undefined)
    if (lags.length) out.push(lags.reduce((m, v) => (v > m ? v : m)))
  }
  return out
}
