/**
 * `deno task build [--base /talks/async/] [--out dir]`: the static site, with
 * the talk as a PDF inside it.
 *
 * The headmatter's `download: true` makes `slidev build` print the new site
 * to `<out>/slidev-exported.pdf` (it serves the site on port 12445 and prints
 * its /print page, waiting on the same `data-waitfor` markers as `deno task
 * export`). The navigation bar's Download button fetches that file from the
 * site's own base, so it works offline and under any sub-path. This script
 * gives Slidev the system Chromium and checks that the PDF is there.
 *
 * Slidev's build takes port 12445 as it is, while `slidev export` (ours in
 * `deno task export`, or anyone's) takes 12445 only when it is free. When a
 * running export holds it, the build's own printing fails once the site is
 * written, and this script prints the PDF with `deno task export`'s code
 * instead, which finds a free port.
 */
import { ensureSystemDeps } from './chromium.ts'
import { exporterOptions, exportPdf } from './export.ts'

/** The name Slidev gives the PDF, and the address its Download button fetches under the base. */
export const PDF_NAME = 'slidev-exported.pdf'
const WATCHDOG_MS = 420_000

function outDir(args: string[]): string {
  const i = args.findIndex((a) => a === '--out' || a === '-o')
  if (i >= 0 && args[i + 1]) return args[i + 1]
  const eq = args.find((a) => a.startsWith('--out='))
  return eq ? eq.slice('--out='.length) : 'dist'
}

async function isPdf(path: string): Promise<boolean> {
  try {
    const file = await Deno.open(path)
    const head = new Uint8Array(5)
    await file.read(head)
    file.close()
    return new TextDecoder().decode(head) === '%PDF-'
  } catch {
    return false
  }
}

/** Builds the site with `slidev build <args>`, PDF included; returns the PDF's path. */
export async function buildDeck(args: string[] = []): Promise<string> {
  const chromium = await ensureSystemDeps()
  const root = new URL('../', import.meta.url).pathname
  const out = outDir(args).replace(/\/$/, '')
  const dir = `${out.startsWith('/') ? '' : root}${out}`
  const pdf = `${dir}/${PDF_NAME}`
  const exporter = exporterOptions()
  const child = new Deno.Command('node_modules/.bin/slidev', {
    cwd: root,
    args: ['build', ...args, '--executable-path', chromium, ...exporter.args],
    env: exporter.env,
    stdout: 'inherit',
    stderr: 'piped',
  }).spawn()
  const watchdog = setTimeout(() => {
    console.error(`Build still running after ${WATCHDOG_MS / 1000} s: stopping it.`)
    child.kill('SIGKILL')
  }, WATCHDOG_MS)
  // Pass the errors on as they come, and keep their end to tell why it failed.
  let tail = ''
  const decoder = new TextDecoder()
  for await (const chunk of child.stderr) {
    await Deno.stderr.write(chunk)
    tail = (tail + decoder.decode(chunk, { stream: true })).slice(-4_000)
  }
  const status = await child.status
  clearTimeout(watchdog)
  if (!status.success) {
    const siteBuilt = await Deno.stat(`${dir}/index.html`).then(() => true, () => false)
    if (!(siteBuilt && /EADDRINUSE[\s\S]*12445/.test(tail))) {
      throw new Error(`slidev build failed (exit ${status.code})`)
    }
    console.error(
      `Port 12445 was taken (another export running?): printing ${pdf} on a free port instead.`,
    )
    await exportPdf(pdf)
  }
  if (!(await isPdf(pdf))) throw new Error(`slidev build made no PDF at ${pdf}`)
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
