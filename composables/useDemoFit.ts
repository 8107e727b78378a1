/**
 * Whether a demo's code fits its box and the screen (../logic/codeFit.ts),
 * measured live: the box's size in the slide's own px, and Slidev's scale
 * of the slide on screen, which changes with the window and with reading
 * mode's room for the notes. Both are observed on resize only; a hidden
 * slide keeps its last measurement.
 */
import {
  computed,
  type MaybeRefOrGetter,
  onScopeDispose,
  type Ref,
  shallowRef,
  toValue,
  watch,
} from 'vue'
import { codeFit, lineLengths } from '../logic/codeFit.ts'

export interface UseDemoFitOptions {
  /** The code box (the editor's container). */
  box: Ref<HTMLElement | undefined>
  code: MaybeRefOrGetter<string>
  /** The sizes shown, zoom included. */
  lineHeight: MaybeRefOrGetter<number>
  fontSize: MaybeRefOrGetter<number>
  /** Judge legibility only where someone looks at the screen (not print, not previews). */
  onScreen: MaybeRefOrGetter<boolean>
  /** Columns a tab takes (codeFit.ts's tabSizeFor). Default 2. */
  tabSize?: number
}

export function useDemoFit(options: UseDemoFitOptions) {
  const { box, onScreen } = options
  const boxHeight = shallowRef(0)
  const boxWidth = shallowRef(0)
  const screenScale = shallowRef(1)

  function measure() {
    const el = box.value
    if (!el || !el.offsetHeight) return
    boxHeight.value = el.offsetHeight
    boxWidth.value = el.offsetWidth
    screenScale.value = el.getBoundingClientRect().height / el.offsetHeight
  }

  let observer: ResizeObserver | undefined
  watch(box, (el) => {
    observer?.disconnect()
    if (!el || typeof ResizeObserver === 'undefined') return
    observer = new ResizeObserver(measure)
    observer.observe(el)
    // The slide's scale changes with this container's size, not the box's.
    const container = el.closest('.slidev-slide-container')
    if (container) observer.observe(container)
  }, { immediate: true })
  onScopeDispose(() => observer?.disconnect())

  const fit = computed(() =>
    codeFit({
      boxHeight: boxHeight.value,
      boxWidth: boxWidth.value,
      lineLengths: lineLengths(toValue(options.code), options.tabSize),
      lineHeight: toValue(options.lineHeight),
      fontSize: toValue(options.fontSize),
      screenScale: screenScale.value,
    })
  )
  // Nothing is claimed until the box has been measured.
  /** Lines below the box. */
  const hiddenLines = computed(() => (boxHeight.value ? fit.value.hidden : 0))
  /** Lines wider than the box. */
  const cutLines = computed(() => (boxWidth.value ? fit.value.cut : 0))
  const tooSmall = computed(() => toValue(onScreen) && boxHeight.value > 0 && fit.value.tooSmall)
  return { hiddenLines, cutLines, tooSmall }
}

export type DemoFit = ReturnType<typeof useDemoFit>
