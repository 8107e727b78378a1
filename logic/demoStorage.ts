/**
 * Keeps a demo's edited code in localStorage under `live-demo:<id>`, so an
 * edit survives a reload: a kept setting (keptSetting.ts) whose value is the
 * code itself, so it is guarded the same way and never throws.
 */
import { type KeptSetting, keptSetting, plainText } from './keptSetting.ts'

export const STORAGE_PREFIX = 'live-demo:'

/** A demo's kept code: `load()` is undefined when none is kept (or storage is unavailable). */
export type DemoStorage = KeptSetting<string>

export function demoStorage(id: string, storage?: Storage): DemoStorage {
  return keptSetting(STORAGE_PREFIX + id, plainText, storage)
}
