/**
 * While a demo's code has focus (the plain view too, before Monaco
 * arrives), letters are typing, not slide shortcuts such as `o` for the
 * overview: Slidev's shortcuts are locked until focus leaves the code.
 */
import { lockShortcuts } from '@slidev/client'
import { onBeforeUnmount, type Ref } from 'vue'

export interface UseCodeFocusOptions {
  /** Only interactive copies lock the shortcuts. */
  enabled: Ref<boolean>
  /** Called whenever the code takes focus (the editor is wanted now). */
  onFocus?: () => void
}

/** Handlers for the code column's `focusin` and `focusout`. */
export function useCodeFocus({ enabled, onFocus }: UseCodeFocusOptions) {
  let release: (() => void) | undefined
  function onFocusIn() {
    onFocus?.()
    if (enabled.value) release ??= lockShortcuts()
  }
  function onFocusOut(e: FocusEvent) {
    if ((e.currentTarget as Element).contains(e.relatedTarget as Node | null)) return
    release?.()
    release = undefined
  }
  onBeforeUnmount(() => release?.())
  return { onFocusIn, onFocusOut }
}
