/**
 * A simulated presenter window: sends the presenter's position and a live
 * demo's state the way the presenter page does (see protocol.ts), and notes
 * when each change left. Like the page, it does not wait for one POST to
 * answer before sending the next.
 */
import { diff, type NavState, postSync, randId, type SyncPost } from './protocol.ts'
import { now } from './tally.ts'

/** Where the presenter is: what changes from one step to the next. */
export type NavStep = Pick<NavState, 'page' | 'clicks' | 'clicksTotal'>

/**
 * A demo's synced state, the shape a live-demo mirror might take. Lines are
 * keyed by their number, not kept in an array: once a window has received
 * another window's change, the plugin's diff mangles arrays (see
 * protocol.test.ts).
 */
export interface DemoState {
  runId: number
  status: 'idle' | 'running' | 'done'
  lines: Record<number, { at: number; level: string; text: string }>
}

export class SimPresenter {
  /** The random id of each state module in the presenter's page. */
  readonly sources: Record<string, string> = {}
  /** What the page puts in `lastUpdate.id`: its origin and a random id. */
  readonly windowId: string
  /** Each POST's time to its response, in ms. */
  readonly postMs: number[] = []
  readonly failures: string[] = []
  readonly #pending: Promise<void>[] = []
  #demo: DemoState | undefined

  constructor(readonly origin: string, readonly template: NavState) {
    this.windowId = `${origin}_${randId()}`
  }

  /** Moves to a step; returns when the change was sent. */
  nav(step: NavStep): number {
    const time = Date.now()
    const data: NavState = {
      ...structuredClone(this.template),
      ...step,
      lastUpdate: { id: this.windowId, type: 'presenter', time },
    }
    return this.#post('nav', { data })
  }

  /** Replaces a demo key's whole state (a fresh start). */
  demoReset(key: string, state: DemoState): number {
    this.#demo = structuredClone(state)
    return this.#post(key, { data: state })
  }

  /**
   * Changes the demo's state and sends it as a `server-reactive:<key>?diff`
   * import does. The page diffs against its copy of the last state it
   * *received* from another window; a window that only writes has no such
   * copy, so its "patch" is its whole state, every time.
   */
  demoChange(key: string, change: (state: DemoState) => void): number {
    if (!this.#demo) throw new Error('demoReset first')
    change(this.#demo)
    return this.#post(key, { patch: diff(this.#demo, null) })
  }

  #post(key: string, body: Omit<SyncPost, 'source' | 'timestamp'>): number {
    const sentAt = now()
    this.sources[key] ??= randId()
    const request = postSync(this.origin, key, {
      source: this.sources[key],
      ...body,
      timestamp: Date.now(),
    }).then(
      async (res) => {
        await res.body?.cancel()
        if (!res.ok) this.failures.push(`POST ${key}: HTTP ${res.status}`)
        this.postMs.push(now() - sentAt)
      },
      (error) => {
        this.failures.push(`POST ${key}: ${error}`)
      },
    )
    this.#pending.push(request)
    return sentAt
  }

  /** The demo state as the presenter holds it. */
  get demo(): DemoState | undefined {
    return this.#demo
  }

  /** Waits for every POST sent so far to answer. */
  async settle(): Promise<void> {
    await Promise.all(this.#pending)
    this.#pending.length = 0
  }
}
