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

/** What stands above `el` in its slide: the earlier siblings of it and of each ancestor up to the layout. */
function above(el: HTMLElement, layout: Element): Element[] {
  const out: Element[] = []
  for (let node: Element | null = el; node && node !== layout; node = node.parentElement) {
    for (let s = node.previousElementSibling; s; s = s.previousElementSibling) out.push(s)
  }
  return out
}

/**
 * The height, and whether it was measured on the shown slide (until then,
 * the fallback). While the slide shows, it is measured again whenever what
 * stands above the demo changes size (a late font, a slide chunk that
 * arrived late on a busy machine), so the demo never keeps a height taken
 * from a half-laid-out slide.
 */
export function useFillHeight(el: Ref<HTMLElement | undefined>, options: FillHeightOptions) {
  const { fallback, min = 240, max = 480, when } = options
  const height = shallowRef(fallback)
  const measured = shallowRef(false)
  watch([when, el], ([on, node], _, onCleanup) => {
    if (!on || !node) return
    const measure = () => {
      const h = measureFill(node)
      if (h === undefined) return
      height.value = Math.max(min, Math.min(max, h))
      measured.value = true
    }
    let frame = requestAnimationFrame(measure)
    const again = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(measure)
    }
    const layout = node.closest('.slidev-layout')
    const observer = layout && typeof ResizeObserver === 'function' ? new ResizeObserver(again) : undefined
    if (layout) for (const e of above(node, layout)) observer?.observe(e)
    document.fonts?.ready.then(again, () => {})
    onCleanup(() => {
      cancelAnimationFrame(frame)
      observer?.disconnect()
    })
  }, { immediate: true })
  return { height, measured }
}
