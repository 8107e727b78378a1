/**
 * A printed demo (PDF export) shows what the demo really prints: it runs
 * once in the sandbox, with a short limit (or the demo's own, if longer: the
 * worker pool's needs it on a busy machine), and says it is ready for the
 * exporter (`data-waitfor`) once the run has ended, however it ended. The
 * freeze demo would freeze the exporter's page, so it only says that it
 * runs live.
 */
import { onMounted, type Ref, shallowRef } from 'vue'
import { printOnce } from '../logic/printTurn.ts'
import type { Lang } from '../runtime/hosts.ts'
import type { useLiveDemo } from './useLiveDemo.ts'
import { prepareRuntime } from '../logic/runtimeLoader.ts'

/** A print run's time limit, unless the demo's own is longer. */
const PRINT_TIMEOUT_MS = 5_000

export interface UsePrintRunOptions {
  id: string
  demo: Pick<ReturnType<typeof useLiveDemo>, 'code' | 'status' | 'note' | 'record' | 'replay'>
  /** Whether this copy of the demo is printed. */
  printing: Ref<boolean>
  mainThread: boolean
  lang: Lang
  /** Whether runs record a trace (the printed visualizer or timeline shows it). */
  traced: Ref<boolean>
  /** The demo's own time limit, in ms. */
  timeout?: number
}

/** Whether the print run has ended (always false when not printing). */
export function usePrintRun({ id, demo, printing, mainThread, lang, traced, timeout }: UsePrintRunOptions): Ref<boolean> {
  const ready = shallowRef(false)
  onMounted(async () => {
    if (!printing.value) return
    if (mainThread) demo.note('This demo freezes the page on purpose: it runs live only.')
    else {
      // Print runs take turns (printTurn.ts): a language that loads (Python) loads meanwhile, not in its turn.
      if (lang !== 'typescript') prepareRuntime(lang)
      // Printed once per click, the slide's copies share one run.
      const run = printOnce(
        `${id}\n${traced.value}\n${demo.code.value}`,
        () => demo.record({ timeoutMs: Math.max(PRINT_TIMEOUT_MS, timeout ?? 0) }),
      )
      // However the print run fails, the page still prints, and says why it shows no output.
      await run.then((events) => demo.status.value === 'idle' && demo.replay(events))
        .catch((error) => demo.note(`The print run failed: ${String(error?.message ?? error).slice(0, 200)}`, 'error'))
    }
    ready.value = true
  })
  return ready
}
