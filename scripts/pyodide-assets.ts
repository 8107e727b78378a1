/**
 * A Vite plugin: the Pyodide files the Python demos run on, copied from
 * node_modules/pyodide into the site's `pyodide/` folder (served there by the
 * dev server too), and `__PYODIDE_ASSETS__`, their names and sizes, for
 * runtime/python-host.ts's progress. No CDN: the deck fetches them from its
 * own origin, and only when a Python demo is near.
 */
import { readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Plugin } from 'vite'

/** What the Python host needs: the loader, the interpreter, the standard library, the lock file. */
export const PYODIDE_FILES = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json']

export function pyodideDir(): string {
  const require = createRequire(import.meta.url)
  return dirname(require.resolve('pyodide/package.json'))
}

export function pyodideInfo(dir = pyodideDir()) {
  const lock = JSON.parse(readFileSync(join(dir, 'pyodide-lock.json'), 'utf8'))
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  const python = String(lock.info?.python ?? '').split('.').slice(0, 2).join('.')
  const files = Object.fromEntries(PYODIDE_FILES.map((f) => [f, statSync(join(dir, f)).size]))
  return { version: String(pkg.version), python, files }
}

const TYPES: Record<string, string> = {
  mjs: 'text/javascript',
  wasm: 'application/wasm',
  zip: 'application/zip',
  json: 'application/json',
}

export function pyodideAssets(): Plugin {
  const dir = pyodideDir()
  return {
    name: 'pyodide-assets',
    config: () => ({ define: { __PYODIDE_ASSETS__: JSON.stringify(pyodideInfo(dir)) } }),
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const m = /\/pyodide\/([\w.-]+)$/.exec((req.url ?? '').split('?')[0])
        if (!m || !PYODIDE_FILES.includes(m[1])) return next()
        res.setHeader('content-type', TYPES[m[1].split('.').pop()!] ?? 'application/octet-stream')
        res.end(readFileSync(join(dir, m[1])))
      })
    },
    generateBundle() {
      for (const f of PYODIDE_FILES) {
        this.emitFile({ type: 'asset', fileName: `pyodide/${f}`, source: readFileSync(join(dir, f)) })
      }
    },
  }
}
