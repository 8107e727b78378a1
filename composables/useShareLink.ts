/**
 * The Share button's state: the last link made, and whether it reached the
 * clipboard; and the address's clean-up once a demo applied a share link.
 * The links themselves are ../logic/shareLink.ts.
 */
import { getCurrentInstance, onMounted, type Ref, shallowRef } from 'vue'
import { copyText, queryWithoutShareLink } from '../logic/shareLink.ts'

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

interface Router {
  replace(to: { query: Record<string, unknown> }): Promise<unknown>
  currentRoute: { value: { query: Record<string, unknown> } }
}

/**
 * A share link applied to demo `id` (and kept) is taken out of the address
 * once the demo has mounted, so a reload or the next slide does not apply
 * it again over later edits. Only interactive copies (`enabled`) do it.
 */
export function useShareLinkCleanup(id: string, enabled: Ref<boolean>): void {
  onMounted(() => {
    if (!enabled.value) return
    const router = getCurrentInstance()?.appContext.config.globalProperties.$router as Router | undefined
    const query = router && queryWithoutShareLink(location.search, id, router.currentRoute.value.query)
    if (query) router.replace({ query }).catch(() => {})
  })
}
