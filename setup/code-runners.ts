/**
 * Replaces Slidev's built-in runners for JavaScript and TypeScript, which
 * evaluate `{monaco-run}` blocks with `new Function` on the deck's own
 * thread with no time limit. Here every such block runs in the same
 * sandbox as the live demos (../runtime/run.ts): a fresh worker per run in
 * a frame of its own, the default time and block limits, no DOM, no network. A new run of a block stops
 * its previous one.
 *
 * Slidev loads this file only when a `{monaco-run}` block runs, and the
 * runtime itself is imported lazily from here.
 */
import { shallowRef } from 'vue'

// The shapes of @slidev/types' CodeRunner and defineCodeRunnersSetup (an identity
// function), kept local: @slidev/types is not a direct dependency of the deck.
type Output = { text: string; class?: string } | { error: string }
type Runner = (code: string, ctx: unknown) => Promise<ReturnType<typeof shallowRef<Output[]>>>
type Runners = Record<string, Runner>

const MAX_OUTPUT = 500
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
  const push = (items: Output[]) => {
    output.value = output.value.concat(items).slice(-MAX_OUTPUT)
  }
  const run = runtime.startRun({ code, file: 'snippet.ts' }, {
    lines: (lines, dropped) => {
      const gap: Output[] = dropped ? [{ text: `(${dropped.toLocaleString('en-US')} lines dropped)`, class: 'op-60 italic' }] : []
      push(gap.concat(lines.map((l) =>
        l.level === 'error' ? { error: l.text } : {
          text: '  '.repeat(l.depth) + l.text,
          class: l.level === 'system' ? 'op-60 italic' : undefined,
        }
      )))
    },
    end: () => {},
  })
  previous = run
  await run.finished
  return output
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
