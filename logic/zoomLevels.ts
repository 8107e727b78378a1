/**
 * A demo's zoom: a factor on its editor's and console's font size, on top of
 * the size that fits the code to the slide. The steps are few and fixed, so
 * that a kept or forwarded value is always one of them.
 */
export const ZOOM_LEVELS = [0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2] as const
export const DEFAULT_ZOOM = 1

/** The nearest step to `level`; the default for anything that is not a number. */
export function snapZoom(level: number | undefined): number {
  if (level === undefined || !Number.isFinite(level)) return DEFAULT_ZOOM
  return ZOOM_LEVELS.reduce((best, l) => (Math.abs(l - level) < Math.abs(best - level) ? l : best))
}

/** One step up (1) or down (-1) from `level`, staying at the ends. */
export function stepZoom(level: number, step: 1 | -1): number {
  const i = ZOOM_LEVELS.indexOf(snapZoom(level) as (typeof ZOOM_LEVELS)[number])
  return ZOOM_LEVELS[Math.max(0, Math.min(ZOOM_LEVELS.length - 1, i + step))]
}

type Keys = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>

/**
 * What a key press asks of the zoom, as browsers bind it for the page:
 * Ctrl/Cmd with plus (or `=`, its unshifted key) zooms in, with minus out,
 * with 0 back to the fitted size. Anything else: undefined.
 */
export function zoomKey(e: Keys): 1 | -1 | 0 | undefined {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return undefined
  if (e.key === '+' || e.key === '=') return 1
  if (e.key === '-' || e.key === '_') return -1
  if (e.key === '0') return 0
  return undefined
}
