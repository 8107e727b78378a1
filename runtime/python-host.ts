/**
 * The Python host (hosts.ts): CPython 3.14 on Pyodide, in a module worker
 * in the sandbox frame (python.worker.ts), one worker per run.
 *
 * Pyodide's files (about 13 MB, from node_modules/pyodide, copied into the
 * site by vite.config.ts) are fetched by the deck, from its own origin, once
 * per page, with progress; each worker gets a copy of the bytes. So nothing
 * loads before a Python demo is near, no host needs CORS headers for the
 * frame's opaque origin, and nothing comes from a CDN.
 *
 * A spare worker loads the interpreter before the Run that needs it (on the
 * slide before the first Python demo, see composables/useSlideRunner.ts); each Run takes it,
 * so a Run a few seconds after another costs two messages. The next spare
 * starts loading when that run ends, or once it has run for
 * NEXT_SPARE_AFTER_MS: loading an interpreter keeps a core busy for seconds,
 * and started at the click it competed with the program for its first lines
 * (on 2 cores, with the deck's own thread wanting the other).
 */
import { siteUrl } from './site-url.ts'
import { currentFrame, type HostedWorker } from './host-pool.ts'
import type { Host, HostIO, Program } from './hosts.ts'
import type { PythonWorkerMessage } from './python.worker.ts'

/** What vite.config.ts tells the deck about the Pyodide it copied: its files and their sizes. */
export interface PyodideAssets {
  version: string
  /** `3.14` */
  python: string
  files: Record<string, number>
}

declare const __PYODIDE_ASSETS__: PyodideAssets | undefined

function assetInfo(): PyodideAssets | undefined {
  return typeof __PYODIDE_ASSETS__ === 'undefined' ? undefined : __PYODIDE_ASSETS__
}

function workerScript(): string | undefined {
  try {
    // @ts-ignore: import.meta.glob is Vite's; Deno never reaches this line.
    const found = import.meta.glob('./python.worker.ts', { query: '?bundle', import: 'default', eager: true }) as Record<
      string,
      string
    >
    return Object.values(found)[0]
  } catch {
    return undefined
  }
}

const MB = (n: number) => (n / 1e6).toFixed(1)

/** Download progress of Pyodide's files, shared by every run that waits for them. */
interface Download {
  files: Promise<Record<string, ArrayBuffer>>
  received: number
  total: number
  done: boolean
  startedAt: number
}

let download: Download | undefined

function fetchAssets(info: PyodideAssets): Download {
  const base = siteUrl('pyodide')
  const d: Download = {
    files: Promise.resolve({}),
    received: 0,
    total: Object.values(info.files).reduce((a, b) => a + b, 0),
    done: false,
    startedAt: performance.now(),
  }
  const one = async (name: string): Promise<[string, ArrayBuffer]> => {
    const res = await fetch(base + name)
    if (!res.ok || !res.body) throw new Error(`${base}${name}: HTTP ${res.status}`)
    const chunks: Uint8Array[] = []
    const reader = res.body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      d.received += value.byteLength
    }
    const bytes = new Uint8Array(chunks.reduce((a, c) => a + c.byteLength, 0))
    let at = 0
    for (const c of chunks) {
      bytes.set(c, at)
      at += c.byteLength
    }
    return [name, bytes.buffer]
  }
  d.files = Promise.all(Object.keys(info.files).map(one)).then((entries) => {
    d.done = true
    return Object.fromEntries(entries)
  })
  d.files.catch(() => {
    // A failed download is tried again by the next Run.
    if (download === d) download = undefined
  })
  return d
}

interface Spare {
  worker: HostedWorker
}

let spare: Spare | undefined

function spawn(info: PyodideAssets, script: string): Spare {
  const frame = currentFrame()
  const worker = frame.spawn(script)
  download ??= fetchAssets(info)
  const base = siteUrl('pyodide')
  download.files.then((files) => {
    if (frame.dead) return
    // A copy for this worker: the deck keeps its own for the next spare.
    const copies = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.slice(0)]))
    const load: PythonWorkerMessage = { type: 'load', base, files: copies }
    worker.port.postMessage(load, Object.values(copies))
  }, () => {})
  // Until a run takes it, the spare's only news is that it loaded; the run shows how long it took.
  worker.port.onmessage = null
  return { worker }
}

/** How long a run may go on before the next spare starts loading beside it. */
const NEXT_SPARE_AFTER_MS = 1_500

function take(info: PyodideAssets, script: string): HostedWorker {
  const frame = currentFrame()
  const s = spare && spare.worker.frame === frame && !frame.dead ? spare : spawn(info, script)
  spare = undefined
  return s.worker
}

/** Starts the next spare once, when the run ends or after NEXT_SPARE_AFTER_MS, whichever comes first. */
function nextSpare(info: PyodideAssets, script: string, frame: HostedWorker['frame']): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const go = () => {
    if (timer === undefined) return
    clearTimeout(timer)
    timer = undefined
    if (!spare && !frame.dead && frame === currentFrame()) spare = spawn(info, script)
  }
  timer = setTimeout(go, NEXT_SPARE_AFTER_MS)
  return go
}

/** Shows the download's progress in the console, about once a second, until the files are here. */
function showProgress(d: Download, python: string, io: HostIO) {
  if (d.done) return
  const say = () => io.system(`loading Python ${python}… ${MB(d.received)} of ${MB(d.total)} MB`)
  say()
  const timer = setInterval(() => {
    if (io.ended || d.done) return clearInterval(timer)
    say()
  }, 1_000)
  d.files.then(() => {
    clearInterval(timer)
    if (!io.ended) {
      io.system(`loaded ${MB(d.total)} MB in ${((performance.now() - d.startedAt) / 1000).toFixed(1)} s; starting Python ${python}…`)
    }
  }, () => clearInterval(timer))
}

export const pythonHost: Host = {
  lang: 'python',
  timeFromStart: true,
  prepare() {
    const info = assetInfo()
    const script = workerScript()
    if (typeof document === 'undefined' || !info || !script) return
    const frame = currentFrame()
    if (!spare || spare.worker.frame !== frame || frame.dead) spare = spawn(info, script)
  },
  start(p: Program, io: HostIO) {
    const info = assetInfo()
    const script = workerScript()
    if (!info || !script) {
      io.fail('Python is not part of this build (Pyodide was not copied into the site)')
      return { stop() {} }
    }
    const worker = take(info, script)
    const startNextSpare = nextSpare(info, script, worker.frame)
    io.watch(worker)
    if (download) {
      showProgress(download, info.python, io)
      download.files.catch((error) => io.fail(`Python could not be loaded: ${String(error)}`))
    }
    const run: PythonWorkerMessage = {
      type: 'run',
      code: p.code,
      file: p.file,
      limits: p.limits,
      sent: performance.timeOrigin + performance.now(),
    }
    worker.port.postMessage(run)
    return { stop: startNextSpare }
  },
}
