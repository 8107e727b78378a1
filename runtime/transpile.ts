/**
 * Step 1 of a run: TypeScript (or JavaScript) in, plain JavaScript out.
 *
 * Sucrase only strips types and rewrites ES imports to `require()` calls, so
 * every line keeps its number: a runtime error on line 7 of the compiled
 * code is an error on line 7 of what the speaker typed. It runs in the
 * sandbox frame (sandbox-frame.ts), never on the deck's thread, and takes well
 * under a millisecond for a demo-sized file once warm.
 *
 * Failures are values, not throws, so the UI can show them as a console line
 * and an editor marker.
 */
import { transform } from 'sucrase'
import type { Diagnostic } from './protocol.ts'

export type { Diagnostic }

export type StepResult = { ok: true; code: string } | { ok: false; diagnostic: Diagnostic }

/**
 * Strips types and turns `import`/`export` into CommonJS (`require`, `exports`),
 * which the sandbox provides. `import()` becomes a `require` inside a promise,
 * so dynamic imports of the toolkit work and anything else fails the same
 * clear way as a static import.
 */
export function transpile(source: string, filePath = 'demo.ts'): StepResult {
  try {
    const { code } = transform(source, {
      transforms: ['typescript', 'imports'],
      filePath,
      // Chromium runs modern syntax natively; leaving it alone keeps columns.
      disableESTransforms: true,
    })
    return { ok: true, code }
  } catch (e) {
    return { ok: false, diagnostic: toDiagnostic(e) }
  }
}

/** Turns a Sucrase or Acorn SyntaxError into a diagnostic without its "(l:c)" tail. */
export function toDiagnostic(e: unknown, zeroBasedColumns = false): Diagnostic {
  const err = e as { message?: unknown; loc?: { line?: unknown; column?: unknown } }
  const raw = typeof err?.message === 'string' ? err.message : String(e)
  const message = raw.replace(/\s*\(\d+:\d+\)$/, '')
  const line = typeof err?.loc?.line === 'number' ? err.loc.line : 1
  // Sucrase reports 1-based columns, Acorn 0-based; callers say which.
  const column = typeof err?.loc?.column === 'number'
    ? err.loc.column + (zeroBasedColumns ? 1 : 0)
    : 1
  return { message: `SyntaxError: ${message}`, line, column: Math.max(1, column) }
}
