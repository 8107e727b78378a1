/**
 * Preloaded into `slidev build` and `slidev export` (through NODE_OPTIONS,
 * by build.ts and export.ts) so that a printed PDF waits for what it shows,
 * or fails loudly:
 *
 * - Slidev's exporter waits on each `[data-waitfor]` marker (our print runs,
 *   logic/printReady.ts) with Playwright's default of 30 s, whatever
 *   `--timeout` says. On a busy machine the print runs take longer, and it
 *   then wrote the PDF without their output. Here every page it opens gets
 *   `--timeout`'s wait instead (EXPORT_WAIT_MS).
 * - When a wait fails anyway, the exporter sets `process.exitCode = 1` and
 *   goes on, and `slidev export` then exits with `process.exit(0)`. Here an
 *   exit code already set to a failure wins over that 0, so the export fails.
 *
 * It touches only Playwright's public API. tests/pdf.test.ts fails if the
 * PDF lacks any demo's output, so an upgrade that bypasses this is caught.
 */
import { chromium } from 'playwright-chromium'

const waitMs = Number(process.env.EXPORT_WAIT_MS) || 120_000

const launch = chromium.launch.bind(chromium)
chromium.launch = async (options) => {
  const browser = await launch(options)
  const newContext = browser.newContext.bind(browser)
  browser.newContext = async (contextOptions) => {
    const context = await newContext(contextOptions)
    context.setDefaultTimeout(waitMs)
    return context
  }
  return browser
}

const exit = process.exit.bind(process)
process.exit = (code) => exit(code === 0 || code === undefined ? process.exitCode ?? code : code)
