/**
 * An element's width in the slide's own CSS px (`offsetWidth` ignores the
 * transform Slidev scales the canvas with), measured when `when` turns true:
 * the slide is shown, or print has mounted it.
 */
import { type Ref, shallowRef, watch } from 'vue'

export function useBoxWidth(el: Ref<HTMLElement | undefined>, when: Ref<boolean>) {
  const width = shallowRef(0)
  watch([when, el], ([on, node]) => {
    if (!on || !node) return
    requestAnimationFrame(() => {
      width.value = node.offsetWidth
    })
  }, { immediate: true })
  return width
}
