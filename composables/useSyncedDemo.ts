/**
 * A live demo's state that every window of the deck shows alike, wired to
 * ./useDemoSync.ts: the visualizer's chosen step, the caret's line (this
 * window's goes out, another window's comes back as `remoteCursor`) and the
 * zoom; the code and the run are the demo's own.
 */
import { computed, ref, type Ref } from 'vue'
import { type DemoSyncOptions, useDemoSync } from './useDemoSync.ts'
import type { DemoZoom } from './useDemoZoom.ts'

export interface UseSyncedDemoOptions {
  id: string
  /** Only interactive copies sync (not print, previews or the overview). */
  enabled: Ref<boolean>
  demo: DemoSyncOptions['demo']
  zoom: Pick<DemoZoom, 'level' | 'set'>
}

export function useSyncedDemo({ id, enabled, demo, zoom }: UseSyncedDemoOptions) {
  /** The visualizer's chosen step (`undefined` follows the run). */
  const step = ref<number>()
  /** This window's caret line, and the one another window shares. */
  const cursor = ref<number>()
  const remoteCursor = ref<number>()
  const synced = useDemoSync({
    id,
    enabled,
    demo,
    step: computed({ get: () => step.value ?? null, set: (v) => (step.value = v ?? undefined) }),
    cursor: computed({ get: () => cursor.value, set: (v) => (remoteCursor.value = v) }),
    zoom: computed({ get: () => zoom.level.value, set: (v) => v !== undefined && zoom.set(v) }),
  })
  return { step, cursor, remoteCursor, stop: synced.stop, reset: synced.reset }
}
