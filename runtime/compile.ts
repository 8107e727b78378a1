/**
 * Steps 1 and 2 of a run, together: transpile (transpile.ts), then
 * instrument (instrument.ts, with budget guards for main-thread mode).
 * Modules a demo imports (the toolkit) are compiled once per source and
 * kept, so a warm Run compiles only the editor's text.
 *
 * It runs inside the sandbox frame (sandbox-frame.ts): the deck's own thread
 * never loads the compiler.
 */
import { instrument } from './instrument.ts'
import type { CompileResult, Diagnostic } from './protocol.ts'
import { type StepResult, transpile } from './transpile.ts'

export type { Diagnostic, StepResult }

/** `trace` adds the visualizer's hooks; `main` says whether `file` is the program or a module it imports. */
export function compile(source: string, file: string, guard: boolean, trace = false, main = true): StepResult {
  const t = transpile(source, file)
  return t.ok ? instrument(t.code, { guard, trace, file, main }) : t
}

const cache = new Map<string, StepResult>()
const MAX_CACHED = 64

/** Compiles a program and the raw modules it may import; the first failure wins. */
export function compileProgram(
  source: string,
  file: string,
  raw: Record<string, string>,
  guard: boolean,
  trace = false,
): CompileResult {
  // The editor's text first: its mistakes are the ones worth reporting.
  const main = compile(source, file, guard, trace)
  if (!main.ok) return { ok: false, diagnostic: main.diagnostic, file }
  const modules: Record<string, string> = {}
  for (const [name, text] of Object.entries(raw)) {
    const key = `${guard}:${trace}:${name}:${text}`
    let r = cache.get(key)
    if (!r) {
      if (cache.size >= MAX_CACHED) cache.clear()
      cache.set(key, (r = compile(text, name, guard, trace, false)))
    }
    if (!r.ok) return { ok: false, diagnostic: r.diagnostic, file: name }
    modules[name] = r.code
  }
  return { ok: true, code: main.code, modules }
}
