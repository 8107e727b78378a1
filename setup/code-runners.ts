/**
 * Replaces Slidev's built-in runners for JavaScript and TypeScript, which
 * evaluate `{monaco-run}` blocks with `new Function` on the deck's own
 * thread with no time limit. Here every such block runs in the same
 * sandbox as the live demos (../runtime/run.ts): a fresh worker per run in
 * a frame of its own, the default time and block limits, no DOM, no network. A new run of a block stops
 * its previous one.
 *
 * Slidev loads this file only when a `{monaco-run}` block runs, and the
 * runtime itself is imported lazily from here. The output is the run's
 * console as the runtime bounded it (its `lines` events), shown as it is,
 * with the dropped count in the console's one wording.
 */
import { shallowRef } from 'vue'
import { droppedText } from '../runtime/console-tail.ts'
import type { ConsoleLine } from '../runtime/protocol.ts'

// The shapes of @slidev/types' CodeRunner and defineCodeRunnersSetup (an identity
// function), kept local: @slidev/types is not a direct dependency of the deck.
type Output = { text: string; class?: string } | { error: string }
type Runner = (code: string, ctx: unknown) => Promise<ReturnType<typeof shallowRef<Output[]>>>
type Runners = Record<string, Runner>

let previous: { stop(): void } | undefined

/**
 * Runs a block in the sandbox and resolves once the run has ended (done,
 * error or the time limit), so Slidev's "running" state and print export see
 * the whole output. The returned ref is the one filled while it ran.
 */
const runInSandbox: Runner = async (code) => {
  const output = shallowRef<Output[]>([])
  let runtime: typeof import('../runtime/run.ts')
  try {
    runtime = await import('../runtime/run.ts')
  } catch (error) {
    output.value = [{ error: `The sandbox could not be loaded: ${String(error)}` }]
    return output
  }
  previous?.stop()
  const run = runtime.startRun({ code, file: 'snippet.ts' }, (e) => {
    if (e.type === 'lines') output.value = shown(e.lines, e.dropped)
  })
  previous = run
  await run.finished
  return output
}

const system = 'op-60 italic'

function shown(lines: readonly ConsoleLine[], dropped: number): Output[] {
  const out: Output[] = dropped ? [{ text: droppedText(dropped), class: system }] : []
  for (const l of lines) {
    out.push(l.level === 'error' ? { error: l.text } : { text: '  '.repeat(l.depth) + l.text, class: l.level === 'system' ? system : undefined })
  }
  return out
}

export default function setupCodeRunners(runners: Runners): Runners {
  return {
    ...runners,
    javascript: runInSandbox,
    js: runInSandbox,
    typescript: runInSandbox,
    ts: runInSandbox,
  }
}
