/**
 * Slidev merges this into its own Vite config. It adds one thing: the
 * sandbox's scripts as text. The sandbox frame has an opaque origin, so it
 * cannot load the deck's files; instead the deck sends it each script whole.
 * `import.meta.glob('./x.ts', { query: '?bundle' })` in runtime/host-pool.ts
 * gets `x.ts` bundled, with everything it imports, into one classic script
 * (the only kind a Blob URL worker in an opaque origin can start), in dev and
 * in the build alike.
 *
 * It also serves the deck cross-origin isolated (logic/isolationHeaders.ts),
 * in `deno task dev`, in `slidev export` (which runs this dev server) and in
 * `deno task preview`, so the shared-memory demo has `SharedArrayBuffer`.
 *
 * In the build, the speaker's notes load after the first slide
 * (scripts/deck-notes.ts).
 *
 * With `--remote`, the dev server's lock (server/remoteGuard.ts): only the
 * speaker's devices lead, and the password stays off the audience's pages.
 */
import { build, defineConfig, type Plugin } from 'vite'
import { ISOLATION_HEADERS } from './logic/isolationHeaders.ts'
import { remoteGuard } from './server/remoteGuard.ts'
import { demoIds } from './server/demoIds.ts'
import { pyodideAssets } from './scripts/pyodide-assets.ts'
import { goWasm } from './scripts/go-wasm.ts'
import { deckNotes } from './scripts/deck-notes.ts'

function sandboxBundles(): Plugin {
  return {
    name: 'sandbox-bundles',
    enforce: 'pre',
    async load(id) {
      const [file, query] = id.split('?')
      if (query !== 'bundle') return
      const result = await build({
        configFile: false,
        logLevel: 'warn',
        publicDir: false,
        define: { 'process.env.NODE_ENV': JSON.stringify('production') },
        build: {
          write: false,
          minify: true,
          emptyOutDir: false,
          reportCompressedSize: false,
          lib: { entry: file, formats: ['iife'], name: 'sandbox' },
        },
      })
      const outputs = Array.isArray(result) ? result : [result]
      const chunks = outputs.flatMap((o) => ('output' in o ? o.output : []))
        .filter((c) => c.type === 'chunk')
      if (chunks.length !== 1) throw new Error(`${file}: expected one bundled chunk, got ${chunks.length}`)
      // Dev: a change to anything the bundle holds rebuilds it.
      for (const m of chunks[0].moduleIds) if (!m.startsWith('\0')) this.addWatchFile(m)
      return `export default ${JSON.stringify(chunks[0].code)}`
    },
  }
}

export default defineConfig({
  plugins: [
    sandboxBundles(),
    deckNotes(),
    pyodideAssets(),
    goWasm(),
    demoIds(),
    remoteGuard({ openWithoutPassword: process.env.DECK_REMOTE_OPEN === '1' }),
  ],
  // Slidev's server-side state gets a `demos` entry: live demos in sync
  // across windows and devices (composables/useDemoSync.ts).
  slidev: { serverRef: { state: { demos: {} } } },
  server: { headers: { ...ISOLATION_HEADERS } },
  preview: { headers: { ...ISOLATION_HEADERS } },
})
