/**
 * The Go host (hosts.ts): a Go program compiled to js/wasm when the deck
 * was built (scripts/go-wasm.ts), run in a module worker in the sandbox
 * frame (go.worker.ts), one worker per run.
 *
 * Go compiles at build time, not in the browser: a Run whose code differs
 * from the file the binary was built from never runs the old binary. It
 * says so, and how to run the edited code with `go run`. A deck built on a
 * machine without Go says why its Go demos cannot run; their slides show
 * the native captures.
 *
 * The deck fetches each binary and wasm_exec.js from its own site once, and
 * sends every run a copy of the bytes.
 */
import { siteUrl } from './site-url.ts'
import { currentFrame } from './host-pool.ts'
import { type Host, type HostIO, LANG_FILES, type Program } from './hosts.ts'
import type { GoWorkerMessage } from './go.worker.ts'
import type { GoDemos } from '../scripts/go-wasm.ts'

declare const __GO_DEMOS__: GoDemos | undefined

function built(): GoDemos {
  return typeof __GO_DEMOS__ === 'undefined' ? { reason: 'this deck was built without its Go step', programs: {} } : __GO_DEMOS__
}

function workerScript(): string | undefined {
  try {
    // @ts-ignore: import.meta.glob is Vite's; Deno never reaches this line.
    const found = import.meta.glob('./go.worker.ts', { query: '?bundle', import: 'default', eager: true }) as Record<string, string>
    return Object.values(found)[0]
  } catch {
    return undefined
  }
}

const fetched = new Map<string, Promise<ArrayBuffer>>()

function bytes(name: string): Promise<ArrayBuffer> {
  let p = fetched.get(name)
  if (!p) {
    p = fetch(siteUrl('go') + name).then((r) => {
      if (!r.ok) throw new Error(`${name}: HTTP ${r.status}`)
      return r.arrayBuffer()
    })
    p.catch(() => fetched.delete(name))
    fetched.set(name, p)
  }
  return p
}

/** What Run says when the editor's Go is not the program the deck built. */
export function editedMessage(src: string): string {
  return `This Go code was edited. Go compiles when the deck is built, not in the browser, so the old binary was not run. To run your version, save it as ${src} and run: go run ${src}`
}

export const goHost: Host = {
  lang: 'go',
  timeFromStart: true,
  prepare() {
    // Nothing to warm: a Go binary starts in a fresh worker in milliseconds.
  },
  start(p: Program, io: HostIO) {
    const stop = { stop() {} }
    const src = p.src ?? ''
    const demos = built()
    if (p.original !== undefined && p.code !== p.original) {
      io.system(editedMessage(src || LANG_FILES.go.file))
      io.receive({ type: 'error', message: 'edited Go code runs only with go run' })
      return stop
    }
    if (!demos.go) {
      io.fail(`Go demos cannot run in this deck: ${demos.reason}. The slide's capture shows what the program printed natively.`)
      return stop
    }
    const wasmName = src.replace(/\.go$/, '.wasm')
    const script = workerScript()
    if (!(src in demos.programs) || !script) {
      io.fail(`${src || 'This program'} was not compiled to WebAssembly when the deck was built`)
      return stop
    }
    const worker = currentFrame().spawn(script)
    io.watch(worker)
    Promise.all([bytes(wasmName), bytes('wasm_exec.js')]).then(([wasm, wasmExec]) => {
      if (io.ended) return
      const copy = { wasm: wasm.slice(0), wasmExec: wasmExec.slice(0) }
      const run: GoWorkerMessage = { type: 'run', file: src, limits: p.limits, ...copy }
      worker.port.postMessage(run, [copy.wasm, copy.wasmExec])
    }, (error) => io.fail(`The Go program could not be loaded: ${String(error)}`))
    return stop
  },
}
