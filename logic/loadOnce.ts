/**
 * A module imported on first need, once. A failed import is not kept: the
 * next `load()` tries again (the network may be back), instead of every
 * later caller getting the same old failure. Used for the runner, Monaco
 * and the speaker's notes.
 */
export interface LoadOnce<T> {
  load(): Promise<T>
  /** The module once it has loaded, else undefined. */
  readonly loaded: T | undefined
}

export function loadOnce<T>(importer: () => Promise<T>): LoadOnce<T> {
  let value: T | undefined
  let loading: Promise<T> | undefined
  return {
    load: () =>
      loading ??= importer().then((m) => (value = m), (error) => {
        loading = undefined
        throw error
      }),
    get loaded() {
      return value
    },
  }
}
