/**
 * `deno task test`'s last step: every test file of the project, in two
 * lanes side by side (`TEST_JOBS`, default 2: this machine has two cores,
 * and most of an end-to-end file's time is a browser waiting on a page).
 *
 * - The unit tests run as one `deno test` process; each other file as one
 *   process of its own, so a file's output is printed whole when it ends,
 *   never interleaved with another's.
 * - Files that start Slidev's dev server or a Vite build (EXCLUSIVE) run one
 *   at a time, all in the first lane: two dev servers at once would share
 *   Vite's dependency cache in node_modules/.vite. Every other file only
 *   reads the built deck in dist/ and serves it on a port of its own.
 * - Files that add a network namespace and a veth pair to the machine (SOLO)
 *   run first, alone: Chromium aborts a page's requests in flight, loopback
 *   ones included, with net::ERR_NETWORK_CHANGED when an interface comes or
 *   goes, so no other browser may be loading a page meanwhile.
 * - A line says when each file starts; a file still running after
 *   FILE_LIMIT_S is killed and counted failed, so a hung browser cannot hang
 *   CI (the slowest files take about 3 minutes, 5 on a loaded machine).
 *   Each file runs in a process group of its own, killed whole: a browser or
 *   a Slidev server it started would keep its output open and run on. Ctrl+C
 *   kills them too.
 * - The exit status is 1 if any file failed or ended without its summary.
 *
 *   deno run -A scripts/test.ts                  everything
 *   deno run -A scripts/test.ts tests/e2e/x.ts   just these files, same lanes
 */
import { relative } from 'node:path'

const ROOT = new URL('../', import.meta.url)
const JOBS = lanesWanted(Deno.env.get('TEST_JOBS'))
const FILE_LIMIT_S = 900

/** TEST_JOBS, read: a whole number of lanes, 1 or more; anything else is an error, never zero lanes. */
export function lanesWanted(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 2
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1) throw new Error(`TEST_JOBS must be a whole number of lanes, 1 or more; it is ${JSON.stringify(raw)}`)
  return n
}

/** Change the machine's network interfaces (tests/e2e/netns.ts): alone, before the rest. */
export const SOLO = [
  'tests/e2e/remote-room.test.ts',
  'tests/e2e/remote-guard.test.ts',
]
/** Start Slidev's dev server or run a Vite build: one at a time, in lane 1. */
export const EXCLUSIVE = [
  'tests/pdf.test.ts',
  'tests/e2e/sub-path.test.ts',
  'tests/e2e/sync-fuzz-server.test.ts',
  'bench/remote/viewer.test.ts',
]
/**
 * The longest files (about 90–180 s each on this machine), started first so
 * the lanes end together instead of one finishing a long file alone.
 */
const LONGEST_FIRST = [
  'tests/e2e/live-demo.test.ts',
  'tests/e2e/sandbox-safety.test.ts',
  'tests/e2e/python.test.ts',
  'tests/e2e/demo-fit.test.ts',
]
/** Folders never searched for tests (deno.json's test excludes, and build outputs). */
const SKIP = /^(node_modules|dist[^/]*|bench\/results|\.[^/]+)(\/|$)/

/** A test file that drives a browser or a server: a process of its own. */
export const isEndToEnd = (file: string) =>
  file.startsWith('tests/') || EXCLUSIVE.includes(file) || SOLO.includes(file)

async function testFiles(dir = ROOT, files: string[] = []): Promise<string[]> {
  for await (const entry of Deno.readDir(dir)) {
    const url = new URL(entry.name + (entry.isDirectory ? '/' : ''), dir)
    const path = relative(ROOT.pathname, url.pathname)
    if (SKIP.test(path)) continue
    if (entry.isDirectory) await testFiles(url, files)
    else if (entry.name.endsWith('.test.ts')) files.push(path)
  }
  return files.sort()
}

export interface Summary {
  passed: number
  failed: number
}

/** Reads `deno test`'s last line: `ok | 5 passed (2 steps) | 0 failed (9s)`. */
export function parseSummary(output: string): Summary | undefined {
  // deno-lint-ignore no-control-regex
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '')
  const m = [...plain.matchAll(/^(?:ok|FAILED) \| (\d+) passed(?: \([^)]*\))? \| (\d+) failed/gm)].at(-1)
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : undefined
}

/** The process groups of the files running now (each `deno test` leads its own). */
const groups = new Set<number>()

function killGroup(pid: number) {
  try {
    Deno.kill(-pid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}

interface Job {
  name: string
  files: string[]
}

interface Done extends Job {
  summary?: Summary
  code: number
  seconds: number
}

async function runJob(job: Job): Promise<Done> {
  const started = performance.now()
  console.log(`▸ ${job.name}`)
  const child = new Deno.Command(Deno.execPath(), {
    args: ['test', '-A', '--no-check', ...job.files],
    cwd: ROOT.pathname,
    stdout: 'piped',
    stderr: 'piped',
    detached: true,
  }).spawn()
  groups.add(child.pid)
  let killed = false
  const limit = setTimeout(() => {
    killed = true
    killGroup(child.pid)
  }, FILE_LIMIT_S * 1000)
  const out = await child.output()
  clearTimeout(limit)
  groups.delete(child.pid)
  let text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr)
  if (killed) text += `\nKILLED: still running after ${FILE_LIMIT_S} s`
  const done: Done = { ...job, summary: parseSummary(text), code: out.code, seconds: (performance.now() - started) / 1000 }
  const verdict = done.code === 0 && done.summary?.failed === 0 ? 'ok' : 'FAILED'
  console.log(`\n━━ ${job.name}: ${verdict} in ${done.seconds.toFixed(0)} s ━━\n${text.trimEnd()}`)
  return done
}

/** Lane 1 takes the exclusive jobs first, in order; every lane then takes the shared ones. */
async function lanes(exclusive: Job[], shared: Job[]): Promise<Done[]> {
  const results: Done[] = []
  const lane = async (first: boolean) => {
    if (first) for (const job of exclusive) results.push(await runJob(job))
    for (let job = shared.shift(); job; job = shared.shift()) results.push(await runJob(job))
  }
  await Promise.all(Array.from({ length: JOBS }, (_, i) => lane(i === 0)))
  return results
}

/** Where a job goes in the shared queue: the longest first, the rest in order (sort is stable). */
function rank(name: string): number {
  const i = LONGEST_FIRST.indexOf(name)
  return i === -1 ? LONGEST_FIRST.length : i
}

async function main() {
  const started = performance.now()
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    Deno.addSignalListener(signal, () => {
      for (const pid of groups) killGroup(pid)
      Deno.exit(130)
    })
  }
  const files = Deno.args.length ? Deno.args.map((f) => relative(ROOT.pathname, new URL(f, `file://${Deno.cwd()}/`).pathname)) : await testFiles()
  const units = files.filter((f) => !isEndToEnd(f))
  const job = (f: string) => ({ name: f, files: [f] })
  const solo = files.filter((f) => SOLO.includes(f)).map(job)
  const exclusive = files.filter((f) => EXCLUSIVE.includes(f)).map(job)
  const shared = [
    ...(units.length ? [{ name: `unit tests (${units.length} files)`, files: units }] : []),
    ...files.filter((f) => isEndToEnd(f) && !EXCLUSIVE.includes(f) && !SOLO.includes(f)).map(job),
  ].sort((a, b) => rank(a.name) - rank(b.name))
  console.log(
    `${files.length} test files: ${solo.length} alone, ${exclusive.length} one at a time, the rest in ${JOBS} lanes`,
  )
  const results: Done[] = []
  for (const j of solo) results.push(await runJob(j))
  results.push(...await lanes(exclusive, shared))
  const passed = results.reduce((n, r) => n + (r.summary?.passed ?? 0), 0)
  const failed = results.filter((r) => r.code !== 0 || !r.summary || r.summary.failed > 0)
  const failedTests = results.reduce((n, r) => n + (r.summary?.failed ?? 0), 0)
  const slowest = [...results].sort((a, b) => b.seconds - a.seconds).slice(0, 5)
  console.log(`\n━━ ${passed} passed, ${failedTests} failed, in ${((performance.now() - started) / 1000).toFixed(0)} s ━━`)
  console.log(`slowest: ${slowest.map((r) => `${r.name} ${r.seconds.toFixed(0)} s`).join(', ')}`)
  for (const r of failed) {
    console.log(`FAILED: ${r.name} (${r.summary ? `${r.summary.failed} failed` : `exit ${r.code}, no summary`})`)
  }
  Deno.exit(failed.length ? 1 : 0)
}

if (import.meta.main) await main()
