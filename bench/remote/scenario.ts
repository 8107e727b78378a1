/**
 * What the presenter does in a load round, and how a state is named so the
 * viewers' receipts can be matched to the presenter's actions: ten slides,
 * then a demo run that streams its console lines and ends.
 */
import { applyBroadcast, decodePost, type NavState, type SyncPost } from './protocol.ts'
import type { DemoState, NavStep, SimPresenter } from './presenter.ts'
import type { Action } from './tally.ts'

/** The demo's state key. Nothing in the deck imports it. */
export const DEMO_KEY = 'loadTestDemo'

/** The keys a viewer follows: Slidev's position, and the demo. */
export const KEYS = ['nav', DEMO_KEY] as const

export const IDLE_DEMO: DemoState = { runId: 0, status: 'idle', lines: {} }

/** Names a state: `nav 3/0` (slide 3, click 0), `demo 2:running:5`. */
export function sign(key: string, state: unknown): string {
  if (key === 'nav') {
    const nav = state as NavState
    return `nav ${nav.page}/${nav.clicks}`
  }
  const demo = state as DemoState
  return `demo ${demo.runId}:${demo.status}:${Object.keys(demo.lines ?? {}).length}`
}

export interface Pace {
  /** Between two slide changes, in ms. */
  stepMs: number
  /** Console lines the demo run prints. */
  lines: number
  /** Between two lines, in ms (the page sends a change 10 ms after the last). */
  lineMs: number
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Plays the round with a simulated presenter: each step of the walk, then
 * demo run `runId`. Returns the actions in the order they were sent. The
 * demo must have been reset (`demoReset`) first: a patch cannot clear old
 * lines, since the broadcast drops the `undefined` that would delete them.
 */
export async function play(
  presenter: SimPresenter,
  steps: readonly NavStep[],
  runId: number,
  pace: Pace,
): Promise<Action[]> {
  const actions: Action[] = []
  const send = (key: string, sentAt: number, state: unknown) =>
    actions.push({ signature: sign(key, state), sentAt })
  for (const step of steps) {
    send('nav', presenter.nav(step), step)
    await sleep(pace.stepMs)
  }
  const change = (fn: (demo: DemoState) => void) =>
    send(DEMO_KEY, presenter.demoChange(DEMO_KEY, fn), presenter.demo)
  change((d) => {
    d.runId = runId
    d.status = 'running'
  })
  for (let i = 0; i < pace.lines; i++) {
    await sleep(pace.lineMs)
    change((
      d,
    ) => (d.lines[i] = { at: Date.now(), level: 'log', text: `line ${i + 1} of run ${runId}` }))
  }
  await sleep(pace.lineMs)
  change((d) => (d.status = 'done'))
  return actions
}

/**
 * The actions behind the POSTs a real page sent, from the states it started
 * at. Each change is applied as a viewer gets it (the broadcast is JSON, so
 * `undefined` drops out); a POST that leaves the named state as it was (say
 * a new `clicksTotal`) is not an action of its own.
 */
export function actionsFromPosts(
  posts: readonly { at: number; url: string; body: string }[],
  start: ReadonlyMap<string, unknown>,
): { actions: Action[]; bodies: Map<string, SyncPost[]> } {
  const states = new Map(start)
  const last = new Map([...start].map(([key, state]) => [key, sign(key, state)]))
  const actions: Action[] = []
  const bodies = new Map<string, SyncPost[]>()
  for (const post of posts) {
    const key = new URL(post.url, 'http://x').pathname.replace('/@server-reactive/', '')
    const body = decodePost(post.body)
    bodies.set(key, [...(bodies.get(key) ?? []), body])
    if (!states.has(key)) continue
    const state = applyBroadcast(structuredClone(states.get(key)), JSON.parse(JSON.stringify(body)))
    states.set(key, state)
    const signature = sign(key, state)
    if (signature === last.get(key)) continue
    last.set(key, signature)
    actions.push({ signature, sentAt: post.at })
  }
  return { actions, bodies }
}

/** Whether two states hold the same values, whatever their keys' order. */
export function sameState(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b)
}

function canonical(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
        : v,
  )
}
