/**
 * A button's click handler that leaves no focus on the button after a mouse
 * click (`detail > 0`; a key press keeps it). Slidev ignores its keys while
 * a button has focus, so the presenter's clicker would stop working after
 * the speaker clicked Run.
 */
export function pressed(e: MouseEvent, act: () => void): void {
  if (e.detail > 0) (e.currentTarget as HTMLElement | null)?.blur()
  act()
}
