/**
 * A Vite plugin: every Go program in demos/ compiled to WebAssembly
 * (`GOOS=js GOARCH=wasm`) with the machine's Go when the deck is built, and
 * that Go's own `wasm_exec.js` ($(go env GOROOT)/lib/wasm, or misc/wasm
 * before Go 1.24), into the site's `go/` folder (served there by the dev
 * server too). `__GO_DEMOS__` tells runtime/go-host.ts which programs were
 * built, with which Go, or why none were.
 *
 * No Go on the machine is not an error: the build says so in one line, and
 * the Go demos show their native captures and say why they cannot run.
 */
import { execFile } from 'node:child_process'
import process from 'node:process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Plugin } from 'vite'

export interface GoDemos {
  /** `go1.26.8`, or undefined when there was no Go to build with. */
  go?: string
  /** Why nothing was built. */
  reason?: string
  /** Built programs by file name in demos/ (`17-goroutines.go`): the binary's size in bytes. */
  programs: Record<string, number>
}

const DEMOS = new URL('../demos/', import.meta.url).pathname

/** Runs a command (Vite runs this config under Node: node:child_process, not Deno.Command). */
function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ ok: boolean; stdout: string; stderr: string; missing: boolean }>((resolve) => {
    execFile(cmd, args, { env: { ...process.env, GOFLAGS: '', ...env }, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      const missing = (error as { code?: unknown } | null)?.code === 'ENOENT'
      resolve({ ok: !error, stdout: String(stdout).trim(), stderr: String(stderr).trim(), missing })
    })
  })
}

/** Compiles every demos/*.go to `<out>/<name>.wasm`; no Go is not an error, a program that does not compile is. */
export async function buildGoDemos(out: string): Promise<{ demos: GoDemos; wasmExec?: string }> {
  let version: string
  {
    const v = await run('go', ['env', 'GOVERSION', 'GOROOT'])
    if (v.missing) return { demos: { reason: 'Go was not installed on the machine that built this deck', programs: {} } }
    if (!v.ok) return { demos: { reason: `go env failed: ${v.stderr.split('\n')[0]}`, programs: {} } }
    version = v.stdout.split('\n')[0]
    const root = v.stdout.split('\n')[1]
    const wasmExec = [join(root, 'lib/wasm/wasm_exec.js'), join(root, 'misc/wasm/wasm_exec.js')].find(existsSync)
    if (!wasmExec) return { demos: { reason: `${version} has no wasm_exec.js`, programs: {} } }
    const programs: Record<string, number> = {}
    const files = readdirSync(DEMOS).filter((f) => f.endsWith('.go')).sort()
    for (const f of files) {
      const target = join(out, f.replace(/\.go$/, '.wasm'))
      const r = await run('go', ['build', '-o', target, join(DEMOS, f)], { GOOS: 'js', GOARCH: 'wasm' })
      if (!r.ok) throw new Error(`GOOS=js GOARCH=wasm go build ${f} failed:\n${r.stderr}`)
      programs[f] = statSync(target).size
    }
    return { demos: { go: version, programs }, wasmExec }
  }
}

export function goWasm(): Plugin {
  const out = mkdtempSync(join(tmpdir(), 'go-wasm-'))
  let built: Awaited<ReturnType<typeof buildGoDemos>> | undefined
  const files = () => [
    ...Object.keys(built?.demos.programs ?? {}).map((f) => [f.replace(/\.go$/, '.wasm'), join(out, f.replace(/\.go$/, '.wasm'))]),
    ...(built?.wasmExec ? [['wasm_exec.js', built.wasmExec]] : []),
  ] as [string, string][]
  return {
    name: 'go-wasm',
    async config() {
      const started = performance.now()
      built = await buildGoDemos(out)
      const n = Object.keys(built.demos.programs).length
      console.log(
        built.demos.go
          ? `Go demos: ${n} programs compiled to js/wasm with ${built.demos.go} in ${((performance.now() - started) / 1000).toFixed(1)} s`
          : `Go demos: not compiled (${built.demos.reason}); they show their native captures`,
      )
      return { define: { __GO_DEMOS__: JSON.stringify(built.demos) } }
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const m = /\/go\/([\w.-]+)$/.exec((req.url ?? '').split('?')[0])
        const file = m && files().find(([name]) => name === m[1])
        if (!file) return next()
        res.setHeader('content-type', file[0].endsWith('.wasm') ? 'application/wasm' : 'text/javascript')
        res.end(readFileSync(file[1]))
      })
    },
    generateBundle() {
      for (const [name, path] of files()) this.emitFile({ type: 'asset', fileName: `go/${name}`, source: readFileSync(path) })
    },
  }
}
