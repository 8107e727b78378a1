/**
 * A demo's zoom: its editor's and console's text larger or smaller than the
 * size that fits the code to the slide. Ctrl/Cmd+plus, minus and 0 while
 * focus is anywhere in the demo (the browser's own page zoom is held back
 * there), or the toolbar's buttons. Kept per demo in localStorage under
 * `live-demo-zoom:<id>`, so a reload, or the next visit, keeps it.
 *
 * The factor is one of ../logic/zoomLevels.ts's steps. The demo root shows it
 * as `data-zoom`; whatever forwards it to another window applies it with
 * `set`, which snaps any value to a step.
 */
import { computed, type MaybeRefOrGetter, shallowRef, toValue } from 'vue'
import { finiteNumber, keptSetting } from '../logic/keptSetting.ts'
import { DEFAULT_ZOOM, snapZoom, stepZoom, ZOOM_LEVELS, zoomKey } from '../logic/zoomLevels.ts'

export const ZOOM_KEY_PREFIX = 'live-demo-zoom:'

export interface UseDemoZoomOptions {
  /** The demo's id (`data-live-demo`). */
  id: string
  /** The fitted sizes, in px, that the zoom multiplies. */
  fontSize: MaybeRefOrGetter<number>
  lineHeight: MaybeRefOrGetter<number>
  /** Zoom applies where the demo is live; print and previews keep the fitted size. */
  enabled?: MaybeRefOrGetter<boolean>
  /** Injected for tests. */
  storage?: Storage
}

export function useDemoZoom(options: UseDemoZoomOptions) {
  const { id, enabled = true } = options
  const kept = keptSetting(ZOOM_KEY_PREFIX + id, finiteNumber, options.storage)
  const chosen = shallowRef(snapZoom(kept.load()))
  /** The factor in effect: 1 where zoom does not apply. */
  const level = computed(() => (toValue(enabled) ? chosen.value : DEFAULT_ZOOM))
  const fontSize = computed(() => Math.round(toValue(options.fontSize) * level.value))
  const lineHeight = computed(() => Math.round(toValue(options.lineHeight) * level.value))
  const atMin = computed(() => level.value <= ZOOM_LEVELS[0])
  const atMax = computed(() => level.value >= ZOOM_LEVELS[ZOOM_LEVELS.length - 1])

  function set(value: number) {
    chosen.value = snapZoom(value)
    if (chosen.value === DEFAULT_ZOOM) kept.clear()
    else kept.save(chosen.value)
  }
  const zoomIn = () => set(stepZoom(chosen.value, 1))
  const zoomOut = () => set(stepZoom(chosen.value, -1))
  const reset = () => set(DEFAULT_ZOOM)

  /** Handles Ctrl/Cmd+plus, minus and 0; returns true when the key was a zoom key. */
  function onKeydown(e: KeyboardEvent): boolean {
    if (!toValue(enabled)) return false
    const step = zoomKey(e)
    if (step === undefined) return false
    e.preventDefault()
    if (step === 0) reset()
    else if (step === 1) zoomIn()
    else zoomOut()
    return true
  }

  return { level, fontSize, lineHeight, atMin, atMax, set, zoomIn, zoomOut, reset, onKeydown }
}

export type DemoZoom = ReturnType<typeof useDemoZoom>
