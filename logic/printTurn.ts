/**
 * Print and export render every demo of the deck on one page. Their runs
 * take turns, so they don't share the CPU and each prints the figures it
 * would show on stage instead of hitting its time limit.
 */
let turn: Promise<unknown> = Promise.resolve()

/** Runs `job` once every job queued before it has ended, however it ended. */
export function inPrintTurn<T>(job: () => Promise<T>): Promise<T> {
  const mine = turn.then(job, job)
  turn = mine.catch(() => {})
  return mine
}

const shared = new Map<string, Promise<unknown>>()

/**
 * One print run per key (a demo and its code), whoever asks: exported with
 * clicks, a demo's slide is printed once per click, and every copy shows
 * the same run, replayed from its recorded stream, instead of running again.
 */
export function printOnce<T>(key: string, job: () => Promise<T>): Promise<T> {
  let run = shared.get(key) as Promise<T> | undefined
  if (!run) shared.set(key, (run = inPrintTurn(job)))
  return run
}
