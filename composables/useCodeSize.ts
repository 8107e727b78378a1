/**
 * A live demo's size and its code's size: the demo's height (set by the
 * slide, or the rest of the slide below the title), and the line height and
 * font size that show every line of the code in that height and its longest
 * line in the code column's width. The code column claims the width that
 * line needs at MIN_CODE_PX (up to most of the slide), so beside the
 * visualizer or the timeline the code is not shrunk or cut. Every demo is
 * short enough to show whole at MIN_CODE_PX, on screen and in print alike,
 * where a page cannot scroll. The maths is ../logic/codeFit.ts.
 */
import { computed, type MaybeRefOrGetter, type Ref, toValue } from 'vue'
import { codeColumnPx, fitFontSize, fitLineHeight, lineLengths, MIN_CODE_PX } from '../logic/codeFit.ts'
import { useBoxWidth } from './useBoxWidth.ts'
import { useFillHeight } from './useFillHeight.ts'

/** The height of a demo whose slide gives it as a CSS length other than px (not measured). */
const CSS_HEIGHT_PX = 360
/** The height of a filling demo until it is measured. */
const FALLBACK_HEIGHT_PX = 400

export interface UseCodeSizeOptions {
  /** The demo's root (it fills the slide from its top down). */
  root: Ref<HTMLElement | undefined>
  /** The code column. */
  codeBox: Ref<HTMLElement | undefined>
  code: Ref<string>
  /** The slide's height for the demo: px or any CSS length; `undefined`: the rest of the slide. */
  height: MaybeRefOrGetter<number | string | undefined>
  /** Columns a tab takes. */
  tabSize: number
  /** The demo is laid out for real: its slide shows, or it is printing. */
  active: Ref<boolean>
}

export function useCodeSize({ root, codeBox, code, height, tabSize, active }: UseCodeSizeOptions) {
  const fill = useFillHeight(root, { fallback: FALLBACK_HEIGHT_PX, when: active })
  const pxHeight = computed(() => {
    const h = toValue(height)
    return typeof h === 'number' ? h : h ? CSS_HEIGHT_PX : fill.height.value
  })
  /** The demo's height as CSS. */
  const cssHeight = computed(() => {
    const h = toValue(height)
    return typeof h === 'string' ? h : `${pxHeight.value}px`
  })
  /** The demo has its final height: set by the slide, or measured once the slide showed (`data-fitted`). */
  const fitted = computed(() => toValue(height) !== undefined || fill.measured.value)

  const lengths = computed(() => lineLengths(code.value, tabSize))
  const lineCount = computed(() => lengths.value.length)
  const longestLine = computed(() => Math.max(20, ...lengths.value))
  const lineHeight = computed(() => fitLineHeight(pxHeight.value, lineCount.value))
  const codeWidth = useBoxWidth(codeBox, active)
  const fontSize = computed(() => fitFontSize(lineHeight.value, longestLine.value, lineCount.value, codeWidth.value))
  /** The width the code column claims (`--demo-code-min`). */
  const codeMinWidth = computed(() => Math.ceil(codeColumnPx(longestLine.value, lineCount.value, MIN_CODE_PX)))
  /** The plain view's gutter: one number a line. */
  const lineNumbers = computed(() => Array.from({ length: lineCount.value }, (_, i) => i + 1).join('\n'))

  return { cssHeight, fitted, lineHeight, fontSize, codeMinWidth, lineNumbers }
}

