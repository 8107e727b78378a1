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
