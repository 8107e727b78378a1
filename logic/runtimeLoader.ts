/**
 * The demo runner (../runtime/run.ts) is loaded on first need, in a chunk of
 * its own: nothing the first slide loads imports it. `loadedRuntime()` is
 * the module once it is here, so a warm Run starts in the click's own event.
 */
import type { Lang } from '../runtime/hosts.ts'
import { whenIdle } from './idle.ts'
import { loadOnce } from './loadOnce.ts'

export type Runtime = typeof import('../runtime/run.ts')

const runner = loadOnce<Runtime>(() => import('../runtime/run.ts'))

/** The runner module, loaded once (a failed load is tried again on the next call). */
export const loadRuntime = (): Promise<Runtime> => runner.load()

/** The runner module if it has loaded, else undefined. */
export const loadedRuntime = (): Runtime | undefined => runner.loaded

/** How long preparing the runner may wait for an idle moment. */
const IDLE_WAIT_MS = 500

/**
 * Gets the next Run ready while the speaker talks: loads the runner, then,
 * in a separate idle slot, builds the sandbox frame with a spare worker
 * (the compiler loads inside the frame, in its own process); for Python,
 * a spare worker loads the interpreter too.
 */
export function prepareRuntime(lang: Lang = 'typescript'): void {
  whenIdle(() => {
    loadRuntime().then((rt) => whenIdle(() => rt.prepareRunner(lang), IDLE_WAIT_MS), () => {})
  }, IDLE_WAIT_MS)
}
