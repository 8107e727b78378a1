/**
 * What a visitor's browser keeps across reloads: reading mode on or off, a
 * demo's zoom, a demo's edited code (demoStorage.ts). One localStorage key
 * each. Every access is guarded: where storage is full, disabled or missing
 * (private mode, sandboxed iframes), the value simply lives in memory for
 * this visit.
 */

/** The page's localStorage, or undefined where reading it throws (storage disabled). */
export function defaultStorage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined
  } catch {
    // Reading the property itself throws when storage is disabled.
    return undefined
  }
}

export interface KeptSetting<T> {
  /** The kept value, or undefined if none, unreadable, or no storage. */
  load(): T | undefined
  /** Keeps `value`; returns false when storage refused it. */
  save(value: T): boolean
  clear(): void
}

/** How a value is written as text, and read back (undefined: not a valid value). */
export interface SettingCodec<T> {
  format(value: T): string
  parse(text: string): T | undefined
}

export const onOff: SettingCodec<boolean> = {
  format: (on) => (on ? 'on' : 'off'),
  parse: (text) => (text === 'on' ? true : text === 'off' ? false : undefined),
}

export const plainText: SettingCodec<string> = {
  format: (text) => text,
  parse: (text) => text,
}

export const finiteNumber: SettingCodec<number> = {
  format: (n) => String(n),
  parse: (text) => {
    const n = Number(text)
    return text.trim() !== '' && Number.isFinite(n) ? n : undefined
  },
}

export function keptSetting<T>(
  key: string,
  codec: SettingCodec<T>,
  storage: Storage | undefined = defaultStorage(),
): KeptSetting<T> {
  return {
    load() {
      try {
        const text = storage?.getItem(key)
        return text == null ? undefined : codec.parse(text)
      } catch {
        return undefined
      }
    },
    save(value) {
      try {
        storage?.setItem(key, codec.format(value))
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
