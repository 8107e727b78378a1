/**
 * The height that lets a demo fill the rest of its slide: from the demo's
 * top down to the slide layout's bottom padding, in the slide's own CSS px
 * (Slidev scales the whole canvas with a transform, so screen px are
 * converted back). Measured when the slide is shown; a hidden slide keeps
 * the fallback, so nothing jumps while it is off screen.
 */
import { type Ref, shallowRef, watch } from 'vue'

export interface FillHeightOptions {
  /** Height until a measurement exists. */
  fallback: number
  min?: number
  max?: number
  /** Re-measure when this turns true (the slide became visible, print mounted). */
  when: Ref<boolean>
}

export function measureFill(el: HTMLElement): number | undefined {
  const layout = el.closest<HTMLElement>('.slidev-layout')
  if (!layout || !layout.offsetHeight) return undefined
  const box = layout.getBoundingClientRect()
  const scale = box.height / layout.offsetHeight
  if (!scale) return undefined
  const top = (el.getBoundingClientRect().top - box.top) / scale
  const pad = parseFloat(getComputedStyle(layout).paddingBottom) || 0
  return Math.floor(layout.clientHeight - top - pad)
}

export function useFillHeight(el: Ref<HTMLElement | undefined>, options: FillHeightOptions) {
  const { fallback, min = 240, max = 480, when } = options
  const height = shallowRef(fallback)
  watch([when, el], ([on, node]) => {
    if (!on || !node) return
    requestAnimationFrame(() => {
      const h = measureFill(node)
      if (h !== undefined) height.value = Math.max(min, Math.min(max, h))
    })
  }, { immediate: true })
  return height
}
