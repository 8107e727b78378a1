/**
 * Replays a run's trace (runtime/trace.ts) as the event-loop visualizer's
 * steps: after each recorded event, what is on the call stack, what the host
 * holds (timers, requests, workers), what waits in the task queue and in the
 * microtask queue, what the console shows, which line runs, and one sentence
 * saying what just happened. Step 0 is the state before the first line runs;
 * when the run has ended, a last step says how, with every console line.
 *
 * Two moments the engine never reports are inferred here, and the steps say
 * so:
 * - A timer's callback enters the task queue once its delay has passed:
 *   from the time the timer was set plus its delay, compared with each
 *   step's real timestamp.
 * - A reaction whose promise settled inside the engine (an async function's
 *   result, `Promise.all`, adopting a thenable) has no `queue` event: it
 *   enters the queue as late as it can have, in the step just before it
 *   runs. The same goes for a message from a worker.
 *
 * Over 300 lines, one job: one pass over the trace keeps the stack, queues
 * and console together in one closure, so each step is a snapshot of them;
 * split, every helper would need all of that state passed in.
 */
import { type ConsoleLine, isTimelineEvent, type RunStatus, type TraceEvent } from '../runtime/protocol.ts'

export interface StepItem {
  key: string
  text: string
}

/** A line printed during the run, as the trace saw it. */
export type StepLine = Pick<ConsoleLine, 'level' | 'text' | 't'>

export interface Step {
  stack: StepItem[]
  suspended: StepItem[]
  host: StepItem[]
  tasks: StepItem[]
  microtasks: StepItem[]
  /**
   * The console at this step. Steps share one list of lines and keep only
   * how many they show (thousands of steps must not each copy it).
   */
  readonly console: readonly StepLine[]
  /** How many console lines this step shows. */
  printed: number
  /** The running line of the main file, if the running frame is there. */
  line?: number
  sentence: string
  /** ms since the run started. */
  t: number
}

/** Entries a region keeps per step. */
const SHOWN = 12

type Inferred = { k: 'inferred'; q: 'micro' | 'task'; id: number; label: string; t: number }
type Replayed = TraceEvent | Inferred

/** Adds the queue entries the engine hid, just before the task or microtask runs. */
export function inferQueued(events: TraceEvent[]): Replayed[] {
  const queued = new Set<string>()
  const out: Replayed[] = []
  for (const e of events) {
    const key = (q: string, id: number) => `${q}:${id}`
    let run: { q: 'micro' | 'task'; id: number; label: string } | undefined
    if (e.k === 'queue' || e.k === 'post') queued.add(key(e.k === 'queue' ? 'micro' : 'task', e.id))
    else if (e.k === 'await' && e.ready) queued.add(key('micro', e.id))
    else if (e.k === 'enter' && e.via) run = e.via
    else if (e.k === 'run') run = e
    else if (e.k === 'resume') run = { q: 'micro', id: e.id, label: '' }
    // A timer's task is known from its `timer` event; only an unknown task is inferred.
    if (e.k === 'timer') queued.add(key('timer', e.id))
    if (run && !queued.has(key(run.q, run.id)) && !(run.q === 'task' && queued.has(key('timer', run.id)))) {
      out.push({ k: 'inferred', q: run.q, id: run.id, label: run.label || resumeLabel(events, run.id), t: e.t })
    }
    if (run) queued.delete(key(run.q, run.id))
    out.push(e)
  }
  return out
}

function resumeLabel(events: TraceEvent[], id: number): string {
  const a = events.find((e) => e.k === 'await' && e.id === id)
  return a && a.k === 'await' ? a.label : 'a promise reaction'
}

interface Timer {
  id: number
  label: string
  due: number
  ms: number
  repeat: boolean
  order: number
}

const END_SENTENCE: Record<Exclude<RunStatus, 'idle' | 'running'>, string> = {
  done: 'The run is done: no task, timer or microtask is left.',
  error: 'An uncaught error ended the run.',
  timeout: 'The runner stopped the program: it ran past its limit.',
  stopped: 'The run was stopped.',
}

export interface RunEnd {
  status: Exclude<RunStatus, 'idle' | 'running'>
  /** Every line the demo's console shows, runner lines included. */
  lines: readonly StepLine[]
}

/** The steps of a run, from its trace so far; `end` adds the last step once the run has ended. */
export function buildSteps(events: TraceEvent[], end?: RunEnd): Step[] {
  const stack: { f: number; name: string; resumed: boolean }[] = []
  const suspended = new Map<number, { name: string; line?: number }>()
  const timers = new Map<number, Timer>()
  const tasks: StepItem[] = []
  const micro: StepItem[] = []
  const workers = new Map<number, string>()
  const consoleLines: StepLine[] = []
  const names = new Map<number, string>()
  let order = 0
  let line: number | undefined
  let t = 0

  const step = (s: Omit<Step, 'console'>, lines: readonly StepLine[]): Step =>
    Object.defineProperty(s, 'console', { get: () => lines.slice(0, s.printed), enumerable: false }) as Step
  const steps: Step[] = [step({
    stack: [],
    suspended: [],
    host: [],
    tasks: [],
    microtasks: [],
    printed: 0,
    sentence: 'Before the first line runs: the stack and both queues are empty.',
    t: 0,
  }, consoleLines)]

  const frameIndex = (f: number) => {
    for (let i = stack.length - 1; i >= 0; i--) if (stack[i].f === f) return i
    return -1
  }
  const fire = (id: number) => {
    if (timers.get(id)?.repeat) rearm(id)
    else timers.delete(id)
    removeFrom(tasks, `task:${id}`)
  }
  const removeFrom = (list: StepItem[], key: string) => {
    const i = list.findIndex((x) => x.key === key)
    if (i !== -1) list.splice(i, 1)
  }
  const fname = (f: number) => names.get(f) ?? 'a function'
  const call = (name: string) => (name.startsWith('(') ? name : `${name}()`)
  /** Timers whose delay has passed by `now` wait in the task queue, in the order they fell due. */
  const timerTasks = (now: number) =>
    [...timers.values()]
      .filter((x) => x.due <= now)
      .sort((a, b) => a.due - b.due || a.order - b.order)
      .map((x) => ({ key: `task:${x.id}`, text: x.label }))
  /** A region shows its first entries and counts the rest: a flood of timers must not fill memory step by step. */
  const capped = (items: readonly StepItem[], total = items.length) =>
    total <= SHOWN
      ? items.slice()
      : [...items.slice(0, SHOWN), { key: 'more', text: `… and ${(total - SHOWN).toLocaleString('en-US')} more` }]
  const snapshot = (sentence: string, lines: readonly StepLine[] = consoleLines) => {
    const due = timerTasks(t)
    steps.push(step({
      // Top first; a deep recursion shows its top frames and counts the rest.
      stack: capped(
        stack.slice(-SHOWN - 1).map((fr, i, top) => ({
          key: `f${fr.f}:${stack.length - top.length + i}`,
          text: call(fr.name) + (fr.resumed ? ' (resumed)' : ''),
        })).reverse(),
        stack.length,
      ),
      suspended: [...suspended].slice(0, SHOWN).map(([f, s]) => ({
        key: `s${f}`,
        text: `${call(s.name)} suspended${s.line ? `, line ${s.line}` : ''}`,
      })),
      host: capped([
        ...[...timers.values()].filter((x) => x.due > t).map((x) => ({ key: `timer:${x.id}`, text: x.label })),
        ...[...workers].map(([id, label]) => ({ key: `worker:${id}`, text: `${label}, on a thread of its own` })),
      ]),
      tasks: capped([...due, ...tasks]),
      microtasks: capped(micro),
      printed: lines.length,
      line,
      sentence,
      t,
    }, lines))
  }

  // The thread timeline's events (spans, messages) are not steps of the loop.
  for (const e of inferQueued(events.filter((e) => !isTimelineEvent(e)))) {
    t = Math.max(t, e.t)
    if (e.k === 'log') line = e.line ?? line
    else if (e.k !== 'inferred' && e.k !== 'cap') line = e.line
    switch (e.k) {
      case 'inferred': {
        const list = e.q === 'micro' ? micro : tasks
        list.push({ key: `${e.q}:${e.id}`, text: e.label })
        const where = e.q === 'micro' ? 'microtask' : 'task'
        snapshot(`${e.label}: it waits in the ${where} queue. (The engine hides when it got there; this is the latest it can have been.)`)
        break
      }
      case 'enter': {
        names.set(e.f, e.name)
        let sentence = `${call(e.name)} is called: a new frame goes on the call stack.`
        if (e.via?.q === 'micro') {
          removeFrom(micro, `micro:${e.via.id}`)
          sentence = `A microtask runs: ${e.via.label}. It calls ${call(e.name)}.`
        } else if (e.via?.q === 'task') {
          fire(e.via.id)
          sentence = `The event loop takes the next task: ${e.via.label}. It calls ${call(e.name)}.`
        }
        if (e.name === '(main program)') sentence = 'The program starts: its first task is running the script.'
        stack.push({ f: e.f, name: e.name, resumed: false })
        snapshot(sentence)
        break
      }
      case 'exit': {
        const i = frameIndex(e.f)
        if (i !== -1) stack.length = i
        let sentence = `${call(fname(e.f))} returns; its frame leaves the stack.`
        if (!stack.length) {
          sentence += micro.length
            ? ' The stack is empty, so the microtasks run now, all of them.'
            : ' The stack is empty and no microtask waits: this task is over.'
        }
        snapshot(sentence)
        break
      }
      case 'await': {
        const i = frameIndex(e.f)
        if (i !== -1) stack.length = i
        suspended.set(e.f, { name: fname(e.f), line: e.line })
        if (e.ready) micro.push({ key: `micro:${e.id}`, text: e.label })
        snapshot(
          e.ready
            ? `await suspends ${call(fname(e.f))}. What it awaits has already settled, so its continuation enters the microtask queue now.`
            : `await suspends ${call(fname(e.f))}; its continuation runs as a microtask once the promise settles.`,
        )
        break
      }
      case 'resume': {
        removeFrom(micro, `micro:${e.id}`)
        suspended.delete(e.f)
        stack.push({ f: e.f, name: fname(e.f), resumed: true })
        snapshot(`${call(fname(e.f))} resumes after its await, as a microtask.`)
        break
      }
      case 'queue': {
        micro.push({ key: `micro:${e.id}`, text: e.label })
        snapshot(
          e.why === 'queueMicrotask'
            ? 'queueMicrotask puts its callback on the microtask queue.'
            : e.why === 'then'
            ? '.then on a promise that has already settled: its callback enters the microtask queue at once.'
            : `A promise settles, so the reaction waiting on it enters the microtask queue: ${e.label}.`,
        )
        break
      }
      case 'run': {
        if (e.q === 'micro') removeFrom(micro, `micro:${e.id}`)
        else fire(e.id)
        snapshot(e.q === 'micro' ? `A microtask runs: ${e.label}.` : `The event loop takes the next task: ${e.label}.`)
        break
      }
      case 'timer':
        timers.set(e.id, { id: e.id, label: e.label, due: e.t + e.ms, ms: e.ms, repeat: e.repeat, order: order++ })
        snapshot(`${e.label}: the host keeps the timer; once it is due, its callback waits in the task queue.`)
        break
      case 'clear':
        timers.delete(e.id)
        removeFrom(tasks, `task:${e.id}`)
        snapshot('The timer is cancelled: its callback will never run.')
        break
      case 'post':
        tasks.push({ key: `task:${e.id}`, text: e.label })
        snapshot('A message is posted: its message event waits in the task queue.')
        break
      case 'worker':
        if (e.alive) workers.set(e.id, e.label)
        else workers.delete(e.id)
        snapshot(e.alive ? `${e.label} starts, on a thread of its own.` : `${e.label} ends.`)
        break
      case 'log':
        consoleLines.push({ level: e.level, text: e.text, t: e.t })
        snapshot(`console.${e.level === 'result' || e.level === 'system' ? 'log' : e.level} prints “${short(e.text)}”.`)
        break
      case 'cap':
        snapshot(`The visualizer stopped recording after ${e.max.toLocaleString('en-US')} events; the program ran on.`)
        break
    }
  }

  function rearm(id: number) {
    const x = timers.get(id)
    if (x) timers.set(id, { ...x, due: t + x.ms, order: order++ })
  }

  if (end) {
    stack.length = 0
    line = undefined
    if (end.status === 'done') {
      // Nothing is pending, by the runner's own count.
      timers.clear()
      workers.clear()
      tasks.length = 0
      micro.length = 0
      suspended.clear()
    }
    snapshot(END_SENTENCE[end.status], end.lines)
  }
  return steps
}

/** A console row as the visualizer shows it. */
export type StepConsoleLine = ConsoleLine & { id: number }

/**
 * The console a visualizer shows at `step`: every line of the demo's console
 * (`lines`) when `whole` (following the run, or at the last step of an ended
 * one), else the lines printed until that step, from the trace. Never a
 * slice of `lines`: once a run prints more than the console keeps, that list
 * starts with an "N earlier lines dropped" row and holds the newest lines.
 */
export function consoleAtStep(step: Step, lines: readonly StepConsoleLine[], whole: boolean): readonly StepConsoleLine[] {
  if (whole) return lines
  return step.console.map((l, i) => ({ level: l.level, text: l.text, t: l.t, depth: 0, id: i + 1 }))
}

function short(text: string): string {
  const first = text.split('\n')[0]
  return first.length > 60 ? `${first.slice(0, 57)}…` : first
}
