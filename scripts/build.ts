/**
 * `deno task build [--base /talks/async/] [--out dir]`: the static site, with
 * the talk as a PDF inside it.
 *
 * The headmatter's `download: true` makes `slidev build` print the new site
 * to `<out>/slidev-exported.pdf` (it serves the site on port 12445 and prints
 * its /print page, waiting on the same `data-waitfor` markers as `deno task
 * export`). The navigation bar's Download button fetches that file from the
 * site's own base, so it works offline and under any sub-path. This script
 * gives Slidev the system Chromium, waits while another build on the machine
 * holds that fixed port, and checks that the PDF is there.
 */
import { ensureSystemDeps } from './chromium.ts'

/** The name Slidev gives the PDF, and the address its Download button fetches under the base. */
export const PDF_NAME = 'slidev-exported.pdf'
/** Slidev's build-time export serves the site on this port, fixed in its source. */
const EXPORT_PORT = 12445
const PORT_WAIT_MS = 300_000
const WATCHDOG_MS = 420_000

function portFree(port: number): boolean {
  try {
    Deno.listen({ port, hostname: '0.0.0.0' }).close()
    return true
  } catch (error) {
    if (error instanceof Deno.errors.AddrInUse) return false
    throw error
  }
}

async function waitForPort(port: number): Promise<void> {
  const until = Date.now() + PORT_WAIT_MS
  let said = false
  while (!portFree(port)) {
    if (Date.now() > until) throw new Error(`port ${port} stayed busy for ${PORT_WAIT_MS / 1000} s`)
    if (!said) {
      console.error(`Port ${port} is busy (another Slidev build exporting?): waiting for it…`)
    }
    said = true
    await new Promise((r) => setTimeout(r, 1_000))
  }
}

function outDir(args: string[]): string {
  const i = args.findIndex((a) => a === '--out' || a === '-o')
  if (i >= 0 && args[i + 1]) return args[i + 1]
  const eq = args.find((a) => a.startsWith('--out='))
  return eq ? eq.slice('--out='.length) : 'dist'
}

/** Builds the site with `slidev build <args>`, PDF included; returns the PDF's path. */
export async function buildDeck(args: string[] = []): Promise<string> {
  const chromium = await ensureSystemDeps()
  const root = new URL('../', import.meta.url).pathname
  await waitForPort(EXPORT_PORT)
  const child = new Deno.Command('node_modules/.bin/slidev', {
    cwd: root,
    args: ['build', ...args, '--executable-path', chromium, '--timeout', '120000'],
    stdout: 'inherit',
    stderr: 'inherit',
  }).spawn()
  const watchdog = setTimeout(() => {
    console.error(`Build still running after ${WATCHDOG_MS / 1000} s: stopping it.`)
    child.kill('SIGKILL')
  }, WATCHDOG_MS)
  const status = await child.status
  clearTimeout(watchdog)
  if (!status.success) throw new Error(`slidev build failed (exit ${status.code})`)
  const out = outDir(args).replace(/\/$/, '')
  const pdf = `${out.startsWith('/') ? '' : root}${out}/${PDF_NAME}`
  const head = await Deno.open(pdf).then(async (f) => {
    const bytes = new Uint8Array(5)
    await f.read(bytes)
    f.close()
    return new TextDecoder().decode(bytes)
  }, () => '')
  if (head !== '%PDF-') throw new Error(`slidev build made no PDF at ${pdf}`)
  return pdf
}

if (import.meta.main) {
  try {
    const started = performance.now()
    const pdf = await buildDeck(Deno.args)
    console.log(
      `Built the site and ${pdf} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    )
  } catch (error) {
    console.error((error as Error).message)
    Deno.exit(1)
  }
}
