/**
 * The trace half of the instrument step (instrument.ts, `trace: true`): the
 * edits that let the sandbox's recorder (trace.ts) see the call stack, the
 * awaits and the current line of a program while it really runs.
 *
 * What is inserted, always on the line where its node starts:
 * - every non-generator function body (and the main program):
 *   `const $$f = $$sandbox.te(name, line, async, file); try { … } finally { $$sandbox.tx($$f) }`
 *   An arrow's expression body becomes a block that returns it.
 * - every `await X`: `$$sandbox.tr($$f, await $$sandbox.ts($$f, X, line))`.
 *   `ts` and `tr` return the very value they are given, so the program
 *   awaits the same object as before and no microtask tick is added: the
 *   order of everything stays as it was (tests/ordering proves it).
 * - every statement in a statement list: `$$sandbox.tl(line);`, the current
 *   line of the running frame.
 * - every catch block in a traced function starts with `$$sandbox.tk($$f);`:
 *   a rejected `await` jumps there without passing `tr`, and the frame has
 *   resumed all the same.
 *
 * Generators are left alone: a `yield` suspends a frame in a way no hook can
 * see without wrapping the generator, which would change its behaviour. An
 * `await` inside an async generator is left alone for the same reason.
 */
import { SANDBOX_HOOKS } from './protocol.ts'

/** A node of acorn's syntax tree, as both halves of the instrument step read it. */
export interface AstNode {
  type: string
  start: number
  end: number
  /** Present when parsed with `locations` (a traced run). */
  loc?: { start: { line: number } }
  [key: string]: unknown
}

/** One change to the compiled code, for instrument.ts's applyEdits. */
export interface Edit {
  at: number
  /** Characters replaced from `at`; 0 for a pure insertion. */
  remove: number
  text: string
  /** Order among edits at the same offset: lower goes first. */
  order: number
}

const H = SANDBOX_HOOKS

/** Edits that trace `program`; `main` is false for modules the program imports. */
export function traceEdits(program: AstNode, file: string, main: boolean): Edit[] {
  const edits: Edit[] = []
  const fileArg = main ? '' : `,${JSON.stringify(file)}`
  const line = (n: AstNode) => n.loc?.start.line ?? 1
  // At one offset, applyEdits puts higher orders further right. Openers of
  // outer nodes must end up left of inner ones, closers right of them, and
  // every closer left of every opener (one node ends where the next begins).
  const open = (at: number, text: string, depth: number) => edits.push({ at, remove: 0, text, order: 1000 + depth })
  const close = (at: number, text: string, depth: number) => edits.push({ at, remove: 0, text, order: -1000 - depth })

  const enter = (name: string, ln: number, isAsync: boolean) =>
    `;const $$f=${H}.te(${JSON.stringify(name)},${ln},${isAsync}${fileArg});try{`
  const exit = `}finally{${H}.tx($$f)}`

  /** Statement markers and the frame around a list of statements. */
  const statements = (list: AstNode[], depth: number) => {
    for (const s of list) {
      if (s.type === 'FunctionDeclaration' || (s.type === 'ExpressionStatement' && typeof s.directive === 'string')) continue
      open(s.start, `${H}.tl(${line(s)});`, depth + 1)
    }
  }

  /** Where a body's frame opens: after its directive prologue ("use strict"). */
  const afterDirectives = (list: AstNode[], fallback: number) => {
    let at = fallback
    for (const s of list) {
      if (s.type === 'ExpressionStatement' && typeof s.directive === 'string') at = s.end
      else break
    }
    return at
  }

  // `traced` says whether the nearest function has a `$$f` (awaits there may be traced).
  const visit = (node: AstNode, depth: number, traced: boolean, name: string): void => {
    switch (node.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression': {
        const generator = node.generator === true
        const isAsync = node.async === true
        const body = node.body as AstNode
        const fname = functionName(node, name)
        for (const p of node.params as AstNode[]) visit(p, depth + 1, false, '')
        if (generator) {
          visitChildren(body, depth + 1, false)
          return
        }
        if (body.type === 'BlockStatement') {
          const list = body.body as AstNode[]
          const at = afterDirectives(list, body.start + 1)
          // An empty body opens and closes at one offset: one edit, in that order.
          if (at === body.end - 1) open(at, enter(fname, line(node), isAsync) + exit, depth)
          else {
            open(at, enter(fname, line(node), isAsync), depth)
            close(body.end - 1, exit, depth)
          }
          statements(list, depth)
          for (const s of list) visit(s, depth + 2, true, '')
        } else {
          open(body.start, `{${enter(fname, line(node), isAsync)}${H}.tl(${line(body)});return `, depth)
          close(body.end, `${exit}}`, depth)
          visit(body, depth + 1, true, '')
        }
        return
      }
      case 'AwaitExpression': {
        const arg = node.argument as AstNode
        if (traced) {
          open(node.start, `${H}.tr($$f,`, depth)
          open(arg.start, `${H}.ts($$f,`, depth + 1)
          close(arg.end, `,${line(node)})`, depth + 1)
          close(node.end, ')', depth)
        }
        visit(arg, depth + 2, traced, '')
        return
      }
      case 'CatchClause': {
        // A rejected await lands here without passing `tr`: the frame resumed.
        const body = node.body as AstNode
        if (traced) open(body.start + 1, `${H}.tk($$f);`, depth + 1)
        if (node.param) visit(node.param as AstNode, depth + 1, traced, '')
        visit(body, depth + 1, traced, '')
        return
      }
      case 'BlockStatement':
      case 'StaticBlock':
        statements(node.body as AstNode[], depth)
        for (const s of node.body as AstNode[]) visit(s, depth + 2, traced, '')
        return
      case 'SwitchCase':
        if (node.test) visit(node.test as AstNode, depth + 1, traced, '')
        statements(node.consequent as AstNode[], depth)
        for (const s of node.consequent as AstNode[]) visit(s, depth + 2, traced, '')
        return
      case 'VariableDeclarator': {
        const id = node.id as AstNode
        visit(id, depth + 1, traced, '')
        if (node.init) visit(node.init as AstNode, depth + 1, traced, id.type === 'Identifier' ? String(id.name) : '')
        return
      }
      case 'Property':
      case 'MethodDefinition':
      case 'PropertyDefinition': {
        const key = node.key as AstNode
        const keyName = key.type === 'Identifier' ? String(key.name) : key.type === 'Literal' ? String(key.value) : ''
        if (node.computed) visit(key, depth + 1, traced, '')
        if (node.value) visit(node.value as AstNode, depth + 1, traced, keyName)
        return
      }
      case 'AssignmentExpression': {
        const left = node.left as AstNode
        visit(left, depth + 1, traced, '')
        visit(node.right as AstNode, depth + 1, traced, memberName(left))
        return
      }
      case 'CallExpression':
      case 'NewExpression': {
        visit(node.callee as AstNode, depth + 1, traced, '')
        const callee = memberName(node.callee as AstNode)
        const role = node.type === 'NewExpression' && callee === 'Promise' ? 'Promise executor' : `${callee} callback`
        for (const a of node.arguments as AstNode[]) visit(a, depth + 1, traced, callee ? role : '')
        return
      }
      default:
        visitChildren(node, depth, traced)
    }
  }
  const visitChildren = (node: AstNode, depth: number, traced: boolean) => {
    for (const key in node) {
      if (key === 'loc') continue
      const child = node[key]
      if (Array.isArray(child)) {
        for (const c of child) if (isNode(c)) visit(c, depth + 1, traced, '')
      } else if (isNode(child)) visit(child, depth + 1, traced, '')
    }
  }

  // The main program is a frame of its own; an imported module's top level is not.
  const body = program.body as AstNode[]
  if (main) {
    const at = afterDirectives(body, program.start)
    // The closer goes on a line of its own after the code: a last line
    // ending in a // comment would swallow it.
    if (at === program.end) open(at, enter('(main program)', 1, true) + '\n' + exit, 0)
    else {
      open(at, enter('(main program)', 1, true), 0)
      close(program.end, '\n' + exit, 0)
    }
  }
  statements(body, 0)
  for (const s of body) visit(s, 2, main, '')
  return edits
}

function isNode(v: unknown): v is AstNode {
  return typeof v === 'object' && v !== null && typeof (v as AstNode).type === 'string'
}

/** `order`, `api.get`, `this.tick`: the short name of a callee or assignment target. */
function memberName(n: AstNode): string {
  if (n.type === 'Identifier') return String(n.name)
  if (n.type === 'MemberExpression' && !n.computed) {
    const prop = String((n.property as AstNode).name)
    const obj = n.object as AstNode
    return obj.type === 'Identifier' || obj.type === 'ThisExpression'
      ? `${obj.type === 'ThisExpression' ? 'this' : String(obj.name)}.${prop}`
      : prop
  }
  return ''
}

/** The name a person would give a function: its own, its variable's, or what it is passed to. */
function functionName(node: AstNode, given: string): string {
  const id = node.id as AstNode | null | undefined
  if (id?.type === 'Identifier') return String(id.name)
  if (given) return given
  return node.type === 'ArrowFunctionExpression' ? '(arrow function)' : '(anonymous)'
}
