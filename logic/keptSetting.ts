/**
 * Small preferences a visitor's browser keeps across reloads: reading mode
 * on or off, a demo's zoom. One localStorage key each. As in demoStorage.ts,
 * every access is guarded: where storage is full, disabled or missing, the
 * preference simply lives in memory for this visit.
 */
import { defaultStorage } from './demoStorage.ts'

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
