/**
 * One load round: a room of simulated viewers joins, the simulated presenter
 * walks the slides and runs the demo, and every viewer's receipts are
 * checked and timed. The real audience page follows along in every round.
 */
import { audienceDemo, followProblems, lagsOf, replayPage, routesSeen } from './calibrate.ts'
import { clearLog, PHONE_HOST, readLog, type RecordedPage } from './browser.ts'
import { type NavStep, SimPresenter } from './presenter.ts'
import { fetchServerState, type NavState } from './protocol.ts'
import { DEMO_KEY, IDLE_DEMO, KEYS, type Pace, play, sameState, sign } from './scenario.ts'
import { cpuMs, type DevServer } from './server.ts'
import {
  type Action,
  fanOut,
  follow,
  type FollowResult,
  leftBehind,
  now,
  type Spread,
  spread,
} from './tally.ts'
import { joinAll, SimViewer } from './viewer.ts'

export interface RoundResult {
  viewers: number
  /** The machine's 1-minute load average when the round started. */
  loadAverage: number
  joined: number
  joinFailures: string[]
  /** Each viewer's join: state requests and socket, in ms. */
  join: Spread
  /** Viewers whose joining state was not the presenter's. */
  staleJoins: number
  actions: number
  /** Presenter's send to a viewer's receipt, every viewer × action. */
  lag: Spread
  navLag: Spread
  demoLag: Spread
  /** Per action, until the last viewer had it. */
  fanOut: Spread
  missing: number
  /** Which states were missed, and by how many viewers. */
  missedStates: Record<string, number>
  outOfOrder: number
  repeated: number
  unexpected: number
  /** Viewers that missed a state, saw one out of order or ended elsewhere. */
  leftBehind: number
  /** Viewers whose demo state ended unlike the presenter's. */
  diverged: number
  /** Sockets the server closed during the round. */
  dropped: number
  /** Broadcasts the server sent out of the presenter's order (most any viewer saw). */
  reordered: number
  /** Other Vite messages the viewers got, by type (a `full-reload` would reload a phone). */
  otherMessages: Record<string, number>
  /** The presenter's POSTs, send to response. */
  post: Spread
  postFailures: string[]
  /** CPU the server and this process used during the walk, and the walk's wall time. */
  cpu: { serverMs: number; loadTestMs: number; wallMs: number }
  audience: {
    socketLag: Spread
    routeLag: Spread
    /** Where the real page did not do what the simulated viewers did. */
    problems: string[]
    /** Where it, like the room, did not get what the presenter sent. */
    faults: string[]
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function runRound(options: {
  server: DevServer
  audience: RecordedPage
  viewers: number
  steps: readonly NavStep[]
  template: NavState
  runId: number
  pace: Pace
  /** How long to wait for stragglers after the last action, in ms. */
  settleMs?: number
}): Promise<RoundResult> {
  const { server, audience, steps, template, runId, pace, settleMs = 15_000 } = options
  const loadAverage = Deno.loadavg()[0]
  const presenter = new SimPresenter(server.origin, template)
  // Back to the start: slide 1 and an idle demo, sent whole.
  presenter.nav({ page: 1, clicks: 0, clicksTotal: template.clicksTotal })
  presenter.demoReset(DEMO_KEY, IDLE_DEMO)
  await presenter.settle()
  await sleep(300)

  const viewers = Array.from({ length: options.viewers }, () =>
    new SimViewer({
      origin: server.origin,
      token: server.token,
      pageOrigin: `http://${PHONE_HOST}:${server.port}`,
      keys: KEYS,
      sign,
    }))
  const { joined, failures } = await joinAll(viewers)
  const live = viewers.filter((v) => !Number.isNaN(v.joinMs))
  const start = new Map<string, unknown>()
  for (const key of KEYS) start.set(key, await fetchServerState(server.origin, key))
  const staleJoins =
    live.filter((v) => KEYS.some((key) => v.initial.get(key) !== sign(key, start.get(key)))).length
  await sleep(300)
  await clearLog(audience.page)

  const cpu0 = { server: cpuMs(server.pid), self: cpuMs(), wall: now() }
  const actions = await play(presenter, steps, runId, pace)
  const final = actions.at(-1)!.signature
  const deadline = now() + settleMs
  while (now() < deadline && live.some((v) => v.seen.at(-1)?.signature !== final)) await sleep(25)
  const cpu = {
    serverMs: cpuMs(server.pid) - cpu0.server,
    loadTestMs: cpuMs() - cpu0.self,
    wallMs: now() - cpu0.wall,
  }
  await presenter.settle()
  await sleep(300)

  const results = live.map((v) => follow(actions, v.seen))
  const isDemo = actions.map((a) => !a.signature.startsWith('nav '))
  const pick = (demo: boolean) =>
    results.flatMap((r) =>
      r.lags.filter((l, i): l is number => l !== undefined && isDemo[i] === demo)
    )
  const sum = (f: (r: (typeof results)[number]) => number) => results.reduce((n, r) => n + f(r), 0)
  const otherMessages: Record<string, number> = {}
  for (const v of live) for (const t of v.others) otherMessages[t] = (otherMessages[t] ?? 0) + 1

  // The real audience page, read with the same code: it must have got what
  // the simulated viewers got, and, like them, what the presenter sent.
  const log = await readLog(audience.page)
  const navActions = actions.filter((a) => a.signature.startsWith('nav '))
  const pageViewer = replayPage(log.sync, start)
  const socket = follow(actions, pageViewer.seen)
  const routes = follow(navActions, routesSeen(log.routes))
  const pageDemo = await audienceDemo(audience)
  const sequence = (v: SimViewer) => v.seen.map((s) => s.signature).join(' | ')
  const audienceProblems = [
    ...(live[0] && sequence(live[0]) !== sequence(pageViewer)
      ? [`the audience page got another state sequence than simulated viewer 1`]
      : []),
    ...(live[0] && !sameState(pageDemo, live[0].state(DEMO_KEY))
      ? ['the audience page holds another demo state than simulated viewer 1']
      : []),
    ...audience.errors.splice(0).map((e) => `audience page: ${e}`),
  ]
  const audienceFaults = [
    ...followProblems("the audience page's socket", actions, socket),
    ...followProblems("the audience page's router", navActions, routes),
    ...(sameState(pageDemo, presenter.demo)
      ? []
      : ['the audience page holds another demo state than the presenter']),
  ]

  const result: RoundResult = {
    viewers: options.viewers,
    loadAverage,
    joined,
    joinFailures: failures,
    join: spread(live.map((v) => v.joinMs)),
    staleJoins,
    actions: actions.length,
    lag: spread(lagsOf(results)),
    navLag: spread(pick(false)),
    demoLag: spread(pick(true)),
    fanOut: spread(fanOut(results, actions.length)),
    missing: sum((r) => r.missing),
    missedStates: countMissed(actions, results),
    outOfOrder: sum((r) => r.outOfOrder),
    repeated: sum((r) => r.repeated),
    unexpected: sum((r) => r.unexpected),
    leftBehind: results.filter((r) => leftBehind(actions, r)).length +
      (options.viewers - live.length),
    diverged: live.filter((v) => !sameState(v.state(DEMO_KEY), presenter.demo)).length,
    dropped: live.filter((v) => v.dropped).length,
    reordered: Math.max(0, ...live.map((v) => v.reordered)),
    otherMessages,
    post: spread(presenter.postMs),
    postFailures: presenter.failures,
    cpu,
    audience: {
      socketLag: spread(lagsOf([socket])),
      routeLag: spread(lagsOf([routes])),
      problems: audienceProblems,
      faults: audienceFaults,
    },
  }
  await Promise.all(viewers.map((v) => v.close()))
  return result
}

function countMissed(actions: readonly Action[], results: readonly FollowResult[]) {
  const out: Record<string, number> = {}
  for (const r of results) {
    r.lags.forEach((lag, i) => {
      if (lag === undefined) out[actions[i].signature] = (out[actions[i].signature] ?? 0) + 1
    })
  }
  return out
}

/** Why a round missed the goal (p95 ≤ goal, nobody left behind); empty if it met it. */
export function shortfalls(r: RoundResult, goalMs: number): string[] {
  const out: string[] = []
  if (r.joinFailures.length) out.push(`${r.joinFailures.length} viewers could not join`)
  if (r.lag.p95 > goalMs) out.push(`p95 ${r.lag.p95.toFixed(0)} ms > ${goalMs} ms`)
  if (r.leftBehind) out.push(`${r.leftBehind} viewers left behind`)
  if (r.diverged) out.push(`${r.diverged} viewers' demo state diverged`)
  if (r.dropped) out.push(`${r.dropped} sockets dropped`)
  if (r.postFailures.length) out.push(`${r.postFailures.length} presenter POSTs failed`)
  if (r.staleJoins) out.push(`${r.staleJoins} viewers joined with a stale state`)
  return out
}
