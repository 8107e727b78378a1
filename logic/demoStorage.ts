/**
 * Keeps a demo's edited code in localStorage under `live-demo:<id>`, so an
 * edit survives a reload. Storage can be full, disabled or missing (private
 * mode, sandboxed iframes): every access is guarded and simply does nothing
 * then, so the demo keeps working in memory.
 */

export const STORAGE_PREFIX = 'live-demo:'

export interface DemoStorage {
  /** The kept code, or null if none (or storage is unavailable). */
  load(): string | null
  /** Keeps `code`; returns false when storage refused it. */
  save(code: string): boolean
  clear(): void
}

/** The page's localStorage, or undefined where reading it throws (storage disabled). */
export function defaultStorage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined
  } catch {
    // Reading the property itself throws when storage is disabled.
    return undefined
  }
}

export function demoStorage(
  id: string,
  storage: Storage | undefined = defaultStorage(),
): DemoStorage {
  const key = STORAGE_PREFIX + id
  return {
    load() {
      try {
        return storage?.getItem(key) ?? null
      } catch {
        return null
      }
    },
    save(code) {
      try {
        storage?.setItem(key, code)
        return !!storage
      } catch {
        return false
      }
    },
    clear() {
      try {
        storage?.removeItem(key)
      } catch {
        // Nothing kept, nothing to clear.
      }
    },
  }
}
