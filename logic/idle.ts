/**
 * Runs `fn` in an idle moment of the page, or after `timeoutMs` at the
 * latest; where requestIdleCallback is missing (Safari), after a frame.
 */
export function whenIdle(fn: () => void, timeoutMs: number): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: timeoutMs })
  else setTimeout(fn, 16)
}
