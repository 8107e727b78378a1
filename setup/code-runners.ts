/**
 * Replaces Slidev's built-in runners for JavaScript and TypeScript, which
 * evaluate `{monaco-run}` blocks with `new Function` on the deck's own
 * thread with no time limit. Here every such block runs in the same
 * sandboxed Worker as the live demos (../runtime/run.ts): a fresh worker
 * per run, a 10 s limit, no DOM, no network. A new run of a block stops
 * its previous one.
 *
 * Slidev loads this file only when a `{monaco-run}` block runs, and the
 * runtime itself is imported lazily from here.
 */
import { shallowRef } from 'vue'

// The shapes of @slidev/types' CodeRunner, kept local: that package is not a direct dependency.
type Output = { text: string; class?: string } | { error: string }
type Runner = (code: string, ctx: unknown) => Promise<ReturnType<typeof shallowRef<Output[]>>>
type Runners = Record<string, Runner>

const MAX_OUTPUT = 500
let previous: { stop(): void } | undefined

const runInSandbox: Runner = async (code) => {
  const { startRun } = await import('../runtime/run.ts')
  previous?.stop()
  const output = shallowRef<Output[]>([])
  const push = (items: Output[]) => {
    output.value = output.value.concat(items).slice(-MAX_OUTPUT)
  }
  previous = startRun({ code, file: 'snippet.ts' }, {
    lines: (lines) =>
      push(
        lines.map((l) =>
          l.level === 'error' ? { error: l.text } : {
            text: '  '.repeat(l.depth) + l.text,
            class: l.level === 'system' ? 'op-60 italic' : undefined,
          }
        ),
      ),
    status: () => {},
  })
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
