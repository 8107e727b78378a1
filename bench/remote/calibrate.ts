/**
 * The check that the simulated viewers stand for real ones. A real presenter
 * page (Chromium, with the password) walks the slides by keyboard and runs a
 * demo through its own `server-reactive` import; a real audience page on a
 * phone-like host follows, beside a few simulated viewers. Then:
 * - every simulated viewer and the audience page's socket got the same
 *   sequence of states, the one the presenter sent;
 * - the audience page's router went through the same slides;
 * - the demo's state ended equal in the presenter page, the audience page,
 *   the simulated viewers and the server.
 * It also yields the walk the load rounds replay and the presenter page's
 * own delay from key press to POST.
 */
import type { Browser } from 'playwright-core'
import {
  clearLog,
  openSettled,
  PHONE_HOST,
  readLog,
  type RecordedPage,
  recordedPage,
  routeStep,
} from './browser.ts'
import type { NavStep } from './presenter.ts'
import { apply, fetchServerState, type NavState, statePath } from './protocol.ts'
import { actionsFromPosts, DEMO_KEY, KEYS, type Pace, sameState, sign } from './scenario.ts'
import type { DevServer } from './server.ts'
import { type Action, follow, type FollowResult, type Seen, type Spread, spread } from './tally.ts'
import { joinAll, SimViewer } from './viewer.ts'

export interface Calibration {
  /** Where `/presenter/1` led without the password and with it. */
  passwordGuard: { without: string; with: string }
  /** The walk the presenter page made, after slide 1. */
  steps: NavStep[]
  /** The presenter page's last `nav` state: the shape the rounds send. */
  template: NavState
  /** The fields of the presenter page's POST bodies, per key. */
  postFields: Record<string, string[]>
  /** Key press to the presenter page's POST (its 10 ms debounce and Vue). */
  keyToPost: Spread
  /** POST to a simulated viewer's receipt. */
  postToViewer: Spread
  /** POST to the audience page's socket. */
  postToAudienceSocket: Spread
  /** POST to the audience page's route change. */
  postToAudienceRoute: Spread
  /** Key press in the presenter page to the audience page's route change. */
  keyToAudienceRoute: Spread
  actions: number
  /** Where the simulated viewers did not do what the browser did; empty when the check passed. */
  problems: string[]
  /**
   * Where the room, real page included, did not get what the presenter sent
   * (a state missed, or held in another form), and how many broadcasts the
   * server sent out of the presenter's order.
   */
  faults: string[]
  reordered: number
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The audience page's URL for a slide. */
export function audienceUrl(server: DevServer, slide = 1): string {
  return `http://${PHONE_HOST}:${server.port}/${slide}`
}

/** Opens the real audience page and has it hold the demo's state too. */
export async function openAudience(browser: Browser, server: DevServer): Promise<RecordedPage> {
  const audience = await recordedPage(browser)
  await openSettled(audience.page, audienceUrl(server), /^\/1$/)
  await audience.page.evaluate(async (path) => {
    const w = globalThis as unknown as { __demo: unknown }
    w.__demo = (await import(path)).default
  }, statePath(DEMO_KEY, true))
  return audience
}

/** The audience page's copy of the demo state. */
export function audienceDemo(audience: RecordedPage): Promise<unknown> {
  return audience.page.evaluate(() =>
    JSON.parse(JSON.stringify((globalThis as unknown as { __demo: unknown }).__demo))
  )
}

/** Replays what the audience page's socket got through a viewer's code. */
export function replayPage(
  sync: readonly { at: number; data: string }[],
  start: ReadonlyMap<string, unknown>,
): SimViewer {
  const viewer = new SimViewer({ origin: '', pageOrigin: '', keys: KEYS, sign })
  for (const [key, state] of start) viewer.seed(key, structuredClone(state))
  for (const m of sync) viewer.feed(m.data, m.at)
  return viewer
}

/** The audience page's routes as states reached. */
export function routesSeen(routes: readonly { at: number; path: string }[]): Seen[] {
  return routes.flatMap((r) => {
    const step = routeStep(r.path)
    return step ? [{ signature: `nav ${step.page}/${step.clicks}`, at: r.at }] : []
  })
}

/** Problems in how one follower followed, in words. */
export function followProblems(who: string, actions: readonly Action[], r: FollowResult): string[] {
  const out: string[] = []
  if (r.missing) {
    const missed = actions.filter((_, i) => r.lags[i] === undefined).map((a) => a.signature)
    out.push(`${who} missed ${r.missing} of ${actions.length} states (${missed.join(', ')})`)
  }
  if (r.outOfOrder) out.push(`${who} saw ${r.outOfOrder} states out of order`)
  if (r.unexpected) out.push(`${who} reached ${r.unexpected} states the presenter never sent`)
  if (r.finalSignature !== actions.at(-1)?.signature) {
    out.push(`${who} ended at ${r.finalSignature}, the presenter at ${actions.at(-1)?.signature}`)
  }
  return out
}

export const lagsOf = (results: readonly FollowResult[]) =>
  results.flatMap((r) => r.lags.filter((l): l is number => l !== undefined))

export async function calibrate(
  server: DevServer,
  browser: Browser,
  audience: RecordedPage,
  options: { slides: number; pace: Pace; viewers: number },
): Promise<Calibration> {
  const { slides, pace } = options
  const problems: string[] = []
  const presenter = await recordedPage(browser)
  const { page } = presenter
  try {
    // Without the password Slidev asks for it (a prompt) and, refused, shows the slide.
    page.on('dialog', (dialog) => void dialog.dismiss())
    await openSettled(page, `${server.origin}/presenter/1`, /^\/1$/)
    const without = new URL(page.url()).pathname
    await openSettled(
      page,
      `${server.origin}/presenter/1?password=${encodeURIComponent(server.password)}`,
      /^\/presenter\/1$/,
    )
    const withPassword = new URL(page.url()).pathname

    const viewers = Array.from({ length: options.viewers }, () =>
      new SimViewer({
        origin: server.origin,
        token: server.token,
        pageOrigin: `http://${PHONE_HOST}:${server.port}`,
        keys: KEYS,
        sign,
      }))
    const { failures } = await joinAll(viewers)
    problems.push(...failures.map((f) => `a simulated viewer could not join: ${f}`))
    await sleep(500)
    await Promise.all([clearLog(page), clearLog(audience.page)])
    for (const v of viewers) v.reset()
    const start = new Map<string, unknown>()
    for (const key of KEYS) start.set(key, await fetchServerState(server.origin, key))

    // The walk, by keyboard, as a speaker does it.
    const last = 1 + slides
    for (let press = 0; press < slides * 4; press++) {
      if ((routeStep(new URL(page.url()).pathname)?.page ?? 0) >= last) break
      await page.keyboard.press('ArrowRight')
      await sleep(pace.stepMs)
    }
    // A demo run, through the page's own `server-reactive:<key>?diff` import.
    const presenterDemo = await page.evaluate(async ({ path, lines, lineMs }) => {
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
      const demo = (await import(path)).default
      demo.runId = -1
      demo.status = 'running'
      for (let i = 0; i < lines; i++) {
        await sleep(lineMs)
        demo.lines[i] = { at: Date.now(), level: 'log', text: `line ${i + 1} of the check` }
      }
      await sleep(lineMs)
      demo.status = 'done'
      await sleep(50)
      return JSON.parse(JSON.stringify(demo))
    }, { path: statePath(DEMO_KEY, true), lines: pace.lines, lineMs: pace.lineMs })
    await sleep(1_000)

    const [log, audienceLog] = await Promise.all([readLog(page), readLog(audience.page)])
    const { actions, bodies } = actionsFromPosts(log.posts, start)
    const navActions = actions.filter((a) => a.signature.startsWith('nav '))
    if (navActions.length < slides) {
      problems.push(
        `the presenter page sent ${navActions.length} slide changes for ${slides} key presses`,
      )
    }

    // Our presenter sends the whole demo state as the patch, as this page should.
    let demoState = structuredClone(start.get(DEMO_KEY))
    for (const body of bodies.get(DEMO_KEY) ?? []) {
      demoState = apply(demoState, structuredClone(body.patch))
      if (!sameState(body.patch, demoState)) {
        problems.push(
          `the presenter page sent a partial patch, unlike ours: ${JSON.stringify(body.patch)}`,
        )
      }
    }

    // The simulation must match the browser: the same states in the same
    // order, and the same demo state at the end.
    const simResults = viewers.map((v) => follow(actions, v.seen))
    const pageViewer = replayPage(audienceLog.sync, start)
    const socketResult = follow(actions, pageViewer.seen)
    const bySignature = (seen: readonly Seen[]) => seen.map((s) => s.signature).join(' | ')
    const audienceState = await audienceDemo(audience)
    for (const [i, v] of viewers.entries()) {
      if (bySignature(v.seen) !== bySignature(pageViewer.seen)) {
        problems.push(
          `simulated viewer ${i + 1} and the audience page got different state sequences:\n` +
            `  ${bySignature(v.seen)}\n  ${bySignature(pageViewer.seen)}`,
        )
      }
      if (!sameState(v.state(DEMO_KEY), audienceState)) {
        problems.push(
          `simulated viewer ${i + 1} ended with another demo state than the audience page`,
        )
      }
    }

    // Everyone must match the presenter; where all fall short alike, the
    // channel did, not the simulation.
    const routeResult = follow(navActions, routesSeen(audienceLog.routes))
    const faults = [
      ...followProblems("the audience page's socket", actions, socketResult),
      ...followProblems("the audience page's router", navActions, routeResult),
    ]
    for (
      const [who, copy] of [
        ['the audience page', audienceState],
        ['the server', await fetchServerState(server.origin, DEMO_KEY)],
      ] as const
    ) {
      if (!sameState(copy, presenterDemo)) {
        faults.push(
          `${who} holds another demo state than the presenter page:\n` +
            `  ${JSON.stringify(copy)}\n  ${JSON.stringify(presenterDemo)}`,
        )
      }
    }

    // Key press → POST, for each slide change: the last key before its POST.
    const keyToPost = navActions.flatMap((a) => {
      const key = log.keys.filter((k) => k.at <= a.sentAt).at(-1)
      return key ? [a.sentAt - key.at] : []
    })
    const keyToRoute = navActions.flatMap((a, i) => {
      const key = log.keys.filter((k) => k.at <= a.sentAt).at(-1)
      const lag = routeResult.lags[i]
      return key && lag !== undefined ? [a.sentAt - key.at + lag] : []
    })

    const navBodies = bodies.get('nav') ?? []
    const lastNav = navBodies.at(-1)?.data as NavState | undefined
    if (!lastNav) throw new Error(`the presenter page sent no nav state:\n${server.output()}`)
    const { lastUpdate: _, ...template } = lastNav
    const steps: NavStep[] = []
    for (const a of navActions) {
      const body = navBodies.findLast((b) => sign('nav', b.data) === a.signature)
      const nav = body?.data as NavState
      steps.push({ page: nav.page, clicks: nav.clicks, clicksTotal: nav.clicksTotal })
    }
    const postFields = Object.fromEntries(
      [...bodies].map((
        [key, list],
      ) => [key, [...new Set(list.flatMap((b) => Object.keys(b)))].sort()]),
    )
    await Promise.all(viewers.map((v) => v.close()))
    return {
      passwordGuard: { without, with: withPassword },
      steps,
      template: template as NavState,
      postFields,
      keyToPost: spread(keyToPost),
      postToViewer: spread(lagsOf(simResults)),
      postToAudienceSocket: spread(lagsOf([socketResult])),
      postToAudienceRoute: spread(lagsOf([routeResult])),
      keyToAudienceRoute: spread(keyToRoute),
      actions: actions.length,
      problems: [...problems, ...presenter.errors.map((e) => `presenter page: ${e}`)],
      faults,
      reordered: pageViewer.reordered,
    }
  } finally {
    await presenter.context.close()
  }
}
