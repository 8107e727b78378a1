/**
 * `deno task load-test`: a room full of phones on `slidev --remote`.
 *
 * Starts the deck's dev server as `deno task dev --remote <password>` does,
 * on loopback. A real presenter page and a real audience page (Chromium)
 * first check that the simulated viewers follow exactly as a browser does
 * (bench/remote/calibrate.ts). Then, for each room size, that many simulated
 * viewers join, the presenter walks the same ten slides and runs a demo that
 * streams its console, and we time each viewer's receipt of each change:
 * p50, p95, max, and whether anyone was left behind (a state missed or seen
 * out of order, or another final state). The real audience page follows in
 * every round.
 *
 * Options (environment):
 * - LOAD_VIEWERS   room sizes, default "1,50,200"
 * - LOAD_REPEAT    rounds per size, taken in turn (1, 50, 200, 1, 50, …), default 5;
 *                  the summary gives the median of each figure over them
 * - LOAD_RAMP=1    then keep doubling the largest room until it misses the
 *                  goal (p95 ≤ 100 ms, nobody left behind), up to LOAD_MAX
 * - LOAD_MAX       the largest room the ramp tries, default 6400
 * - LOAD_STEP_MS   between slide changes, default 250
 * - LOAD_LINES, LOAD_LINE_MS  the demo's console lines and their spacing, default 20 and 20
 * - LOAD_SERVER    `deno` (as `deno task dev`, default) or `node`
 * Writes everything to bench/results/remote-load.json.
 */
import { launchBrowser } from './remote/browser.ts'
import { calibrate, openAudience } from './remote/calibrate.ts'
import { type RoundResult, runRound, shortfalls } from './remote/room.ts'
import { DEMO_KEY, IDLE_DEMO, type Pace } from './remote/scenario.ts'
import { SimPresenter } from './remote/presenter.ts'
import { fetchServerState, type NavState } from './remote/protocol.ts'
import { startDevServer } from './remote/server.ts'
import type { Spread } from './remote/tally.ts'

const GOAL_MS = 100
const SLIDES = 10
const env = (name: string, fallback: string) => Deno.env.get(name) ?? fallback
const sizes = env('LOAD_VIEWERS', '1,50,200').split(',').map(Number)
const repeat = Number(env('LOAD_REPEAT', '5'))
const ramp = env('LOAD_RAMP', '') === '1'
const maxViewers = Number(env('LOAD_MAX', '6400'))
const pace: Pace = {
  stepMs: Number(env('LOAD_STEP_MS', '250')),
  lines: Number(env('LOAD_LINES', '20')),
  lineMs: Number(env('LOAD_LINE_MS', '20')),
}
const runtime = env('LOAD_SERVER', 'deno') as 'deno' | 'node'
const ROOT = new URL('../', import.meta.url)
const OUT = new URL('bench/results/remote-load.json', ROOT)

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 1 : 0) : '—')
const fmt = (s: Spread) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.max)}`

async function versionOf(pkg: string): Promise<string> {
  const json = await Deno.readTextFile(new URL(`node_modules/${pkg}/package.json`, ROOT))
  return JSON.parse(json).version
}

async function serverRuntimeVersion(): Promise<string> {
  if (runtime === 'deno') return `Deno ${Deno.version.deno} (node compat)`
  const out = await new Deno.Command('node', { args: ['--version'] }).output()
  return `Node.js ${new TextDecoder().decode(out.stdout).trim()}`
}

function printRound(r: RoundResult) {
  const others = Object.entries(r.otherMessages).map(([t, n]) => `${t}×${n}`).join(', ')
  console.log(
    [
      `${String(r.viewers).padStart(5)} viewers`,
      `lag p50/p95/max ${fmt(r.lag)} ms`,
      `(slides ${fmt(r.navLag)}, demo ${fmt(r.demoLag)})`,
      `room follows in ${fmt(r.fanOut)} ms`,
    ].join('  '),
  )
  console.log(
    `        joined ${r.joined}/${r.viewers} (p50 ${ms(r.join.p50)}, max ${ms(r.join.max)} ms), ` +
      `left behind ${r.leftBehind}, missing ${r.missing}, out of order ${r.outOfOrder}, ` +
      `diverged ${r.diverged}, dropped ${r.dropped}, reordered by the server ${r.reordered}${
        others ? `, other messages ${others}` : ''
      }` +
      (r.missing ? `\n        missed: ${JSON.stringify(r.missedStates)}` : '') +
      (r.postFailures.length
        ? `\n        presenter POST failures: ${r.postFailures.join('; ')}`
        : ''),
  )
  console.log(
    `        CPU during the walk (${ms(r.cpu.wallMs)} ms): server ${ms(r.cpu.serverMs)} ms ` +
      `(${ms(perDelivery(r))} µs per delivery), load test ${
        ms(r.cpu.loadTestMs)
      } ms; presenter POST ${fmt(r.post)} ms; ` +
      `audience page socket ${fmt(r.audience.socketLag)}, route ${fmt(r.audience.routeLag)} ms` +
      (r.audience.problems.length
        ? `\n        AUDIENCE PAGE UNLIKE THE SIMULATED VIEWERS: ${r.audience.problems.join('; ')}`
        : '') +
      (r.audience.faults.length
        ? `\n        audience page, like the room: ${r.audience.faults.join('; ')}`
        : ''),
  )
}

/** Server CPU per message delivered to a viewer, in µs. */
const perDelivery = (r: RoundResult) => (r.cpu.serverMs * 1000) / (r.joined * r.actions)

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/** One line per room size: medians over its rounds, and totals of what went wrong. */
function printSummary(rounds: RoundResult[]) {
  const columns: [string, (rs: RoundResult[]) => string][] = [
    ['viewers', (rs) => String(rs[0].viewers)],
    ['rounds', (rs) => String(rs.length)],
    ['lag p50', (rs) => ms(median(rs.map((r) => r.lag.p50)))],
    ['lag p95', (rs) => ms(median(rs.map((r) => r.lag.p95)))],
    ['lag max', (rs) => ms(median(rs.map((r) => r.lag.max)))],
    ['room p95', (rs) => ms(median(rs.map((r) => r.fanOut.p95)))],
    ['server µs/delivery', (rs) => ms(median(rs.map(perDelivery)))],
    ['load', (rs) => median(rs.map((r) => r.loadAverage)).toFixed(1)],
    ['left behind', (rs) => String(rs.reduce((n, r) => n + r.leftBehind, 0))],
    [
      'missed goal',
      (rs) => `${rs.filter((r) => shortfalls(r, GOAL_MS).length).length} of ${rs.length}`,
    ],
  ]
  console.log('\n' + columns.map(([h]) => h.padStart(Math.max(h.length, 7))).join('  '))
  for (const n of [...new Set(rounds.map((r) => r.viewers))]) {
    const rs = rounds.filter((r) => r.viewers === n)
    console.log(columns.map(([h, f]) => f(rs).padStart(Math.max(h.length, 7))).join('  '))
  }
  console.log(
    '(ms; medians over the rounds; "room p95": p95 over actions of the time until the last ' +
      'viewer had it; "load": the 1-minute load average as the round started)',
  )
}

async function main() {
  const password = `room-${crypto.randomUUID().slice(0, 8)}`
  const machine = {
    date: new Date().toISOString(),
    cores: navigator.hardwareConcurrency,
    memoryGiB: +(Deno.systemMemoryInfo().total / 2 ** 30).toFixed(1),
    loadAverageAtStart: Deno.loadavg(),
    os: `${Deno.build.os} ${Deno.osRelease()}`,
    deno: Deno.version.deno,
    server: await serverRuntimeVersion(),
    slidev: await versionOf('@slidev/cli'),
    vite: await versionOf('vite'),
    serverRef: await versionOf('vite-plugin-vue-server-ref'),
    chromium: '',
  }
  console.log(`Starting slidev --remote on loopback (${machine.server})…`)
  const server = await startDevServer({ password, runtime })
  const browser = await launchBrowser()
  machine.chromium = browser.version()
  const rounds: RoundResult[] = []
  let exitCode = 0
  try {
    // The demo key needs a state before any page imports it.
    const seed = new SimPresenter(
      server.origin,
      await fetchServerState<NavState>(server.origin, 'nav'),
    )
    seed.demoReset(DEMO_KEY, IDLE_DEMO)
    await seed.settle()

    console.log('Opening the real audience page (the first load bundles the deck)…')
    const audience = await openAudience(browser, server)
    console.log('Checking the simulated viewers against a real presenter page and audience page…')
    const check = await calibrate(server, browser, audience, { slides: SLIDES, pace, viewers: 5 })
    console.log(
      `  password: /presenter/1 without it → ${check.passwordGuard.without}, ` +
        `with it → ${check.passwordGuard.with}`,
    )
    console.log(`  presenter page POST fields: ${JSON.stringify(check.postFields)}`)
    console.log(`  walk: ${check.steps.map((s) => `${s.page}/${s.clicks}`).join(' → ')}`)
    console.log(
      `  real presenter (p50 / p95 / max): key → POST ${
        fmt(check.keyToPost)
      } ms; POST → simulated viewer ` +
        `${fmt(check.postToViewer)} ms, → audience socket ${fmt(check.postToAudienceSocket)} ms, ` +
        `→ audience route ${fmt(check.postToAudienceRoute)} ms; key → audience route ` +
        `${fmt(check.keyToAudienceRoute)} ms`,
    )
    if (check.problems.length) {
      exitCode = 1
      console.log(`  MISMATCH:\n  - ${check.problems.join('\n  - ')}`)
    } else {
      console.log(
        `  match: ${check.actions} states, the same in every simulated viewer and the real page`,
      )
    }
    if (check.faults.length || check.reordered) {
      console.log(
        `  the channel (for everyone alike): ${check.reordered} broadcasts out of order` +
          (check.faults.length ? `\n  - ${check.faults.join('\n  - ')}` : ''),
      )
    }

    /** Runs one room; true when it met the goal. */
    const room = async (n: number): Promise<boolean> => {
      const r = await runRound({
        server,
        audience,
        viewers: n,
        steps: check.steps,
        template: check.template,
        runId: rounds.length + 1,
        pace,
      })
      rounds.push(r)
      printRound(r)
      if (r.audience.problems.length) exitCode = 1
      const short = shortfalls(r, GOAL_MS)
      if (short.length) console.log(`        misses the goal: ${short.join('; ')}`)
      return short.length === 0
    }
    for (let i = 0; i < repeat; i++) for (const n of sizes) await room(n)
    if (ramp) {
      for (let n = Math.max(...sizes) * 2; n <= maxViewers && await room(n); n *= 2) {
        // doubling until the room misses the goal
      }
    }
    printSummary(rounds)
    const report = {
      machine: { ...machine, loadAverageAtEnd: Deno.loadavg() },
      goalMs: GOAL_MS,
      pace,
      calibration: check,
      rounds,
    }
    await Deno.mkdir(new URL('.', OUT), { recursive: true })
    await Deno.writeTextFile(OUT, JSON.stringify(report, null, 2))
    console.log(`\nMachine: ${JSON.stringify(report.machine)}`)
    console.log(`Written to ${OUT.pathname}`)
  } finally {
    await browser.close()
    await server.close()
  }
  Deno.exit(exitCode)
}

await main()
