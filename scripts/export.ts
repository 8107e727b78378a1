/**
 * `deno task export [--output file.pdf] [--with-clicks]`: writes
 * the talk as a PDF with the system Chromium, one page per slide (with
 * `--with-clicks`, one per click: each step of the event-loop visualizer). A watchdog ends the export if it has
 * not finished in time, so a slide that never settles fails loudly instead
 * of hanging a build.
 */
import { ensureSystemDeps } from './chromium.ts'

const DEFAULT_OUTPUT = 'async-vs-concurrency.pdf'
const WATCHDOG_MS = 180_000
/** The longest the exporter waits for any one thing: a page, a slide, the print runs. */
export const EXPORT_WAIT_MS = 120_000

/**
 * What `slidev build` and `slidev export` need to print correctly: the wait
 * for `--timeout`, and export-waits.mjs preloaded, which applies that wait to
 * every wait of Slidev's exporter and makes a failed wait fail the command.
 */
export function exporterOptions(): { args: string[]; env: Record<string, string> } {
  const preload = new URL('./export-waits.mjs', import.meta.url).pathname
  const inherited = Deno.env.get('NODE_OPTIONS')
  return {
    args: ['--timeout', String(EXPORT_WAIT_MS)],
    env: {
      EXPORT_WAIT_MS: String(EXPORT_WAIT_MS),
      NODE_OPTIONS: `${inherited ? inherited + ' ' : ''}--import=${preload}`,
    },
  }
}

export interface ExportOptions {
  /** One page per click (`--with-clicks`): the visualizer's steps on its slides. */
  withClicks?: boolean
}

export async function exportPdf(output = DEFAULT_OUTPUT, options: ExportOptions = {}): Promise<void> {
  const chromium = await ensureSystemDeps()
  const root = new URL('../', import.meta.url).pathname
  const exporter = exporterOptions()
  const child = new Deno.Command('node_modules/.bin/slidev', {
    cwd: root,
    args: [
      'export',
      '--executable-path',
      chromium,
      '--output',
      output,
      ...exporter.args,
      ...(options.withClicks ? ['--with-clicks'] : []),
    ],
    env: exporter.env,
    stdout: 'inherit',
    stderr: 'inherit',
  }).spawn()
  const watchdog = setTimeout(() => {
    console.error(`Export still running after ${WATCHDOG_MS / 1000} s: stopping it.`)
    child.kill('SIGKILL')
  }, WATCHDOG_MS)
  const status = await child.status
  clearTimeout(watchdog)
  if (!status.success) throw new Error(`slidev export failed (exit ${status.code})`)
}

if (import.meta.main) {
  const i = Deno.args.indexOf('--output')
  const output = i >= 0 ? Deno.args[i + 1] : DEFAULT_OUTPUT
  try {
    const started = performance.now()
    await exportPdf(output, { withClicks: Deno.args.includes('--with-clicks') })
    console.log(`Exported ${output} in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  } catch (error) {
    console.error((error as Error).message)
    Deno.exit(1)
  }
}
