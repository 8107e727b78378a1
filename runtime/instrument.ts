/**
 * Step 2 of a run: rewrite the compiled JavaScript so the sandbox keeps
 * control of it. Every insertion goes on the line where its node starts, so
 * line numbers in stacks still match the user's code.
 *
 * Always:
 * - `import(x)` becomes `$$sandbox.import(x)`: the sandbox resolves the demo
 *   toolkit and refuses everything else, because the sandbox is offline.
 * - `import.meta` becomes `$$sandbox.meta`, so Deno-style `import.meta.main`
 *   checks in demos still work.
 *
 * With `guard: true` (main-thread mode, where no Worker can be terminated):
 * - `$$sandbox.tick();` starts every loop body, function body, catch and
 *   finally block, and arrow expression bodies become `($$sandbox.tick(), e)`.
 *   `tick` throws once the time budget is spent, which cuts endless loops,
 *   recursion and microtask chains (each callback is a function body). Catch
 *   and finally blocks are guarded too so a `try` inside an endless loop
 *   cannot swallow the stop.
 */
import { parse } from 'acorn'
import { type Diagnostic, type StepResult, toDiagnostic } from './transpile.ts'

import { SANDBOX_HOOKS } from './protocol.ts'
import { type AstNode, type Edit, traceEdits } from './trace-instrument.ts'

export { SANDBOX_HOOKS }

export interface InstrumentOptions {
  /** Insert budget guards (main-thread mode). */
  guard?: boolean
  /**
   * Insert the event-loop visualizer's hooks (trace-instrument.ts). Not
   * with `guard`: main-thread mode is never traced.
   */
  trace?: boolean
  /** The file being instrumented, and whether it is the main program (traces name imported files). */
  file?: string
  main?: boolean
}

export function instrument(code: string, options: InstrumentOptions = {}): StepResult {
  let ast: AstNode
  try {
    ast = parse(code, {
      ecmaVersion: 'latest',
      // After transpile there are no import/export declarations left, but
      // parsing as a module allows import.meta and top-level await.
      sourceType: 'module',
      allowReturnOutsideFunction: true,
      allowHashBang: true,
      // The trace needs line numbers, and parentheses kept so an arrow's
      // `({ … })` body is wrapped outside its parentheses.
      locations: options.trace === true,
      preserveParens: options.trace === true,
    }) as unknown as AstNode
  } catch (e) {
    return { ok: false, diagnostic: toDiagnostic(e, true) }
  }
  const edits: Edit[] = []
  const tick = `${SANDBOX_HOOKS}.tick();`
  const guardBlock = (block: unknown) => {
    const b = block as AstNode | null
    if (b?.type === 'BlockStatement') edits.push({ at: b.start + 1, remove: 0, text: tick, order: 0 })
  }
  const guardStatement = (body: AstNode) => {
    if (body.type === 'BlockStatement') return guardBlock(body)
    // `while (x) y()` → `while (x) {$$sandbox.tick();y()}`
    edits.push({ at: body.start, remove: 0, text: `{${tick}`, order: 1 })
    edits.push({ at: body.end, remove: 0, text: '}', order: -1 })
  }

  walk(ast, (node) => {
    switch (node.type) {
      case 'ImportExpression':
        edits.push({ at: node.start, remove: 'import'.length, text: `${SANDBOX_HOOKS}.import`, order: 0 })
        return
      case 'MetaProperty': {
        const meta = node.meta as AstNode & { name: string }
        if (meta.name === 'import') {
          edits.push({ at: node.start, remove: node.end - node.start, text: `${SANDBOX_HOOKS}.meta`, order: 0 })
        }
        return
      }
    }
    if (!options.guard || options.trace) return
    switch (node.type) {
      case 'WhileStatement':
      case 'DoWhileStatement':
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
        guardStatement(node.body as AstNode)
        return
      case 'FunctionDeclaration':
      case 'FunctionExpression':
        guardBlock(node.body)
        return
      case 'ArrowFunctionExpression': {
        const body = node.body as AstNode
        if (body.type === 'BlockStatement') guardBlock(body)
        else {
          edits.push({ at: body.start, remove: 0, text: `(${SANDBOX_HOOKS}.tick(), `, order: 1 })
          edits.push({ at: body.end, remove: 0, text: ')', order: -1 })
        }
        return
      }
      case 'CatchClause':
        guardBlock(node.body)
        return
      case 'TryStatement':
        guardBlock(node.finalizer)
        return
    }
  })

  if (options.trace && !options.guard) {
    edits.push(...traceEdits(ast as unknown as AstNode, options.file ?? 'demo.ts', options.main ?? true))
  }
  return { ok: true, code: applyEdits(code, edits) }
}

/** Visits every node depth-first; Acorn's ESTree nodes are plain objects. */
function walk(node: AstNode, visit: (node: AstNode) => void): void {
  const stack: AstNode[] = [node]
  while (stack.length) {
    const n = stack.pop()!
    visit(n)
    for (const key in n) {
      const child = n[key]
      if (Array.isArray(child)) {
        for (const c of child) if (isNode(c)) stack.push(c)
      } else if (isNode(child)) stack.push(child)
    }
  }
}

function isNode(v: unknown): v is AstNode {
  return typeof v === 'object' && v !== null && typeof (v as AstNode).type === 'string'
}

/**
 * Applies edits from the end backwards so earlier offsets stay valid. At one
 * offset, closers (`}` / `)`, order -1) go before openers (order 1), so
 * `a => b => c` nests correctly.
 */
function applyEdits(code: string, edits: Edit[]): string {
  edits.sort((a, b) => b.at - a.at || b.order - a.order)
  let out = code
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.at + e.remove)
  return out
}

export type { Diagnostic }
