/**
 * Adds the `n` key to Slidev's shortcuts: reading mode, the speaker's notes
 * with each slide (../composables/useReadingMode.ts). Slidev itself uses
 * neither `n` nor `N`. Registered through Slidev, it is off while someone
 * types (the goto dialog, a demo's editor) and in print.
 */
import type { Ref } from 'vue'
import { useReadingMode } from '../composables/useReadingMode.ts'

// The shape of @slidev/types' ShortcutOptions, kept local: @slidev/types is
// not a direct dependency of the deck.
interface Shortcut {
  key: string | Ref<boolean>
  fn?: () => void
  autoRepeat?: boolean
  name?: string
}

export default function setupShortcuts(_nav: unknown, base: Shortcut[]): Shortcut[] {
  const { toggle } = useReadingMode()
  return [...base, { name: 'reading_mode', key: 'n', fn: () => toggle() }]
}
