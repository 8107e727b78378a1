/**
 * The Share button's state: the last link made, and whether it reached the
 * clipboard. The links themselves are ../logic/shareLink.ts.
 */
import { shallowRef } from 'vue'
import { copyText } from '../logic/shareLink.ts'

/** The share button's state: the last link made, and whether it reached the clipboard. */
export function useShareLink(make: () => string) {
  const link = shallowRef<string>()
  const copied = shallowRef<boolean>()
  async function share() {
    const url = make()
    link.value = url
    copied.value = undefined
    copied.value = await copyText(url)
  }
  function dismiss() {
    link.value = undefined
    copied.value = undefined
  }
  return { link, copied, share, dismiss }
}
