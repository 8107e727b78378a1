/**
 * The console formatter: turns what a demo passes to `console.log` into the
 * plain text DevTools would show for it. It runs inside the sandbox worker
 * (and in main-thread mode), so it must never crash, never call user getters,
 * and never build an unbounded string: a demo may log a 10 MB string, a
 * million-item array or a Proxy that throws on every trap.
 *
 * Output is plain text. The UI puts it in `textContent`, so HTML stays text;
 * ANSI escapes and other control characters are stripped here.
 *
 * Over 300 lines, one job: one formatter per kind of value (strings, arrays,
 * maps, errors, proxies), all under the same depth, length and getter rules.
 */

export interface FormatOptions {
  /** Nesting levels shown before `{…}` / `Array(n)`. */
  maxDepth?: number
  /** Entries shown per array, object, Map or Set before "… N more items". */
  maxItems?: number
  /** Characters in one formatted line before it is cut. */
  maxLength?: number
  /** Rewrites an error's stack so frames point at the user's lines. */
  mapStack?: (stack: string) => string
  /**
   * Promise state cannot be read synchronously from JS; the sandbox probes it
   * and answers here. Without it every promise shows as pending.
   */
  promiseState?: (p: Promise<unknown>) => PromiseState | undefined
}

export type PromiseState =
  | { state: 'fulfilled'; value: unknown }
  | { state: 'rejected'; value: unknown }

// deno-lint-ignore no-explicit-any
type AnyFunction = (...args: any[]) => unknown

const DEFAULTS = { maxDepth: 3, maxItems: 100, maxLength: 10_000 }

// CSI sequences (colours, cursor moves), OSC sequences (titles, links) and any
// other lone ESC pair; then C0/C1 controls except tab and newline.
// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?|\x9b[0-?]*[ -/]*[@-~]/g
// deno-lint-ignore no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g

/** Removes ANSI escape sequences and invisible control characters. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '').replace(CONTROL, '')
}

/** Cuts `text` to `max` characters, saying how much was left out. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  const rest = text.length - max
  return `${text.slice(0, max)}… (${rest.toLocaleString('en-US')} more characters)`
}

interface Ctx {
  opts: Required<Omit<FormatOptions, 'mapStack' | 'promiseState'>> & FormatOptions
  /** Objects on the current path, to spot cycles. */
  path: object[]
  /** Objects found to be cycle targets, with their `*n` number. */
  refs: Map<object, number>
  /** Characters produced so far; formatting stops early past maxLength. */
  budget: number
}

/** Formats one value the way DevTools shows a top-level console argument. */
export function formatValue(value: unknown, options: FormatOptions = {}): string {
  const ctx = makeCtx(options)
  const text = typeof value === 'string' ? value : fmt(value, ctx, 0, true)
  return stripAnsi(truncate(text, ctx.opts.maxLength))
}

/**
 * Formats a console call's arguments into one line: printf-style specifiers
 * in a leading string (%s %d %i %f %o %O %c %%), the rest joined by spaces.
 */
export function formatArgs(args: readonly unknown[], options: FormatOptions = {}): string {
  const ctx = makeCtx(options)
  const parts: string[] = []
  let rest = 0
  if (typeof args[0] === 'string' && args[0].includes('%') && args.length > 1) {
    let next = 1
    const head = args[0].replace(/%([sdifoOc%])/g, (whole, spec: string) => {
      if (spec === '%') return '%'
      if (next >= args.length) return whole
      const arg = args[next++]
      switch (spec) {
        case 's':
          return typeof arg === 'string' ? arg : fmt(arg, ctx, 1, false)
        case 'd':
        case 'i': {
          if (typeof arg === 'bigint') return `${arg}n`
          if (typeof arg === 'symbol') return 'NaN'
          // Chrome and Node print %d as an integer, like %i.
          return fmtNumber(Math.trunc(Number(arg)))
        }
        case 'f':
          return typeof arg === 'symbol' ? 'NaN' : String(Number(arg))
        case 'c':
          return '' // CSS styling has no meaning in plain text
        default:
          return fmt(arg, ctx, 0, true)
      }
    })
    parts.push(truncate(head, ctx.opts.maxLength))
    rest = next
  }
  // Each part is cut to what is left of the line, so the total stays bounded
  // however many huge arguments there are.
  let used = parts.reduce((n, p) => n + p.length + 1, 0)
  for (let i = rest; i < args.length; i++) {
    const left = ctx.opts.maxLength - used
    if (left <= 0) {
      parts.push(`… (${args.length - i} more arguments)`)
      break
    }
    const a = args[i]
    const text = typeof a === 'string' ? a : fmt(a, ctx, 0, true)
    ctx.budget += text.length
    const part = truncate(text, left)
    used += part.length + 1
    parts.push(part)
  }
  return stripAnsi(parts.join(' '))
}

function makeCtx(options: FormatOptions): Ctx {
  return { opts: { ...DEFAULTS, ...options }, path: [], refs: new Map(), budget: 0 }
}

/** The string as it appears inside an object: quoted, with escapes. */
export function quote(s: string, max = DEFAULTS.maxLength): string {
  const body = truncate(s, max)
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
  return `'${body}'`
}

function fmtNumber(n: number): string {
  return Object.is(n, -0) ? '-0' : String(n)
}

function fmtKey(key: string | symbol): string {
  if (typeof key === 'symbol') return `[${safeSymbol(key)}]`
  return /^[A-Za-z_$][\w$]*$/.test(key) || /^(0|[1-9]\d*)$/.test(key) ? key : quote(key)
}

function safeSymbol(s: symbol): string {
  try {
    return s.toString()
  } catch {
    return 'Symbol()'
  }
}

function fnName(f: AnyFunction): string {
  try {
    const name = Object.getOwnPropertyDescriptor(f, 'name')?.value
    return typeof name === 'string' ? name : ''
  } catch {
    return ''
  }
}

function fmtFunction(f: AnyFunction): string {
  const name = fnName(f)
  let source = ''
  try {
    source = Function.prototype.toString.call(f).slice(0, 16)
  } catch { /* a revoked proxy, say */ }
  if (/^class\b/.test(source)) return `[class ${name || '(anonymous)'}]`
  const kind = Object.prototype.toString.call(f)
  const prefix = kind === '[object AsyncFunction]'
    ? 'async ƒ '
    : kind === '[object GeneratorFunction]'
    ? 'ƒ* '
    : kind === '[object AsyncGeneratorFunction]'
    ? 'async ƒ* '
    : 'ƒ '
  return `${prefix}${name}()`
}

/** The class name DevTools puts in front of an object, or '' for plain ones. */
function constructorName(o: object): string {
  try {
    const proto = Object.getPrototypeOf(o)
    if (proto === null) return '[Object: null prototype]'
    if (proto === Object.prototype) return ''
    const ctor = Object.getOwnPropertyDescriptor(proto, 'constructor')?.value
    const name = typeof ctor === 'function' ? fnName(ctor) : ''
    return name === 'Object' ? '' : name || 'Object'
  } catch {
    return 'Object'
  }
}

function errorText(e: Error, ctx: Ctx, top: boolean): string {
  let stack: unknown
  let name: unknown
  let message: unknown
  try {
    stack = e.stack
    name = e.name
    message = e.message
  } catch { /* a getter that throws */ }
  const head = `${typeof name === 'string' ? name : 'Error'}${
    message !== undefined && message !== '' ? `: ${String(message)}` : ''
  }`
  if (!top || typeof stack !== 'string') return head
  const mapped = ctx.opts.mapStack ? ctx.opts.mapStack(stack) : stack
  // V8 starts the stack with "Name: message"; other engines give only frames.
  return mapped.startsWith(head) || /^\w*Error\b/.test(mapped) ? mapped : `${head}\n${mapped}`
}

function fmt(value: unknown, ctx: Ctx, depth: number, top: boolean): string {
  switch (typeof value) {
    case 'string':
      return quote(value, ctx.opts.maxLength)
    case 'number':
      return fmtNumber(value)
    case 'bigint':
      return `${value}n`
    case 'boolean':
      return String(value)
    case 'undefined':
      return 'undefined'
    case 'symbol':
      return safeSymbol(value)
    case 'function':
      return fmtFunction(value as AnyFunction)
  }
  if (value === null) return 'null'
  const obj = value as object
  if (ctx.path.includes(obj)) {
    let n = ctx.refs.get(obj)
    if (n === undefined) ctx.refs.set(obj, (n = ctx.refs.size + 1))
    return `[Circular *${n}]`
  }
  ctx.path.push(obj)
  let text: string
  try {
    text = fmtObject(obj, ctx, depth, top)
  } catch {
    text = '[object]' // a Proxy whose traps throw, or similar
  } finally {
    ctx.path.pop()
  }
  const ref = ctx.refs.get(obj)
  return ref === undefined ? text : `<ref *${ref}> ${text}`
}

function fmtObject(obj: object, ctx: Ctx, depth: number, top: boolean): string {
  const tag = Object.prototype.toString.call(obj).slice(8, -1)
  const deep = depth >= ctx.opts.maxDepth

  if (obj instanceof Error || tag === 'Error') return errorText(obj as Error, ctx, top)
  if (tag === 'Date') {
    const t = Date.prototype.getTime.call(obj)
    return Number.isNaN(t) ? 'Invalid Date' : Date.prototype.toString.call(obj)
  }
  if (tag === 'RegExp') return RegExp.prototype.toString.call(obj)
  if (tag === 'Promise') {
    const s = ctx.opts.promiseState?.(obj as Promise<unknown>)
    if (!s) return 'Promise {<pending>}'
    const inner = fmt(s.value, ctx, depth + 1, false)
    return s.state === 'fulfilled' ? `Promise {${inner}}` : `Promise {<rejected> ${inner}}`
  }
  if (tag === 'WeakMap' || tag === 'WeakSet' || tag === 'WeakRef') return `${tag} {}`
  if (tag === 'ArrayBuffer' || tag === 'SharedArrayBuffer') {
    return `${tag}(${(obj as ArrayBuffer).byteLength})`
  }
  if (tag === 'DataView') return `DataView(${(obj as DataView).byteLength})`
  if (ArrayBuffer.isView(obj)) {
    const arr = obj as unknown as ArrayLike<number | bigint>
    const len = arr.length
    if (deep) return `${tag}(${len})`
    const items: string[] = []
    const shown = Math.min(len, ctx.opts.maxItems)
    for (let i = 0; i < shown; i++) {
      const v = arr[i]
      items.push(typeof v === 'bigint' ? `${v}n` : fmtNumber(v as number))
    }
    if (len > shown) items.push(moreItems(len - shown))
    return `${tag}(${len}) [${items.join(', ')}]`
  }
  if (tag === 'Map') {
    const map = obj as Map<unknown, unknown>
    const size = map.size
    if (deep) return `Map(${size})`
    const items: string[] = []
    for (const [k, v] of Map.prototype.entries.call(map)) {
      if (items.length >= ctx.opts.maxItems || ctx.budget > ctx.opts.maxLength) break
      items.push(spend(ctx, `${fmt(k, ctx, depth + 1, false)} => ${fmt(v, ctx, depth + 1, false)}`))
    }
    if (size > items.length) items.push(moreItems(size - items.length))
    return `Map(${size}) {${items.join(', ')}}`
  }
  if (tag === 'Set') {
    const set = obj as Set<unknown>
    const size = set.size
    if (deep) return `Set(${size})`
    const items: string[] = []
    for (const v of Set.prototype.values.call(set)) {
      if (items.length >= ctx.opts.maxItems || ctx.budget > ctx.opts.maxLength) break
      items.push(spend(ctx, fmt(v, ctx, depth + 1, false)))
    }
    if (size > items.length) items.push(moreItems(size - items.length))
    return `Set(${size}) {${items.join(', ')}}`
  }
  if (Array.isArray(obj)) return fmtArray(obj, ctx, depth, top)
  return fmtPlain(obj, ctx, depth)
}

function spend(ctx: Ctx, text: string): string {
  ctx.budget += text.length + 2
  return text
}

function moreItems(n: number): string {
  return `… ${n.toLocaleString('en-US')} more item${n === 1 ? '' : 's'}`
}

function fmtArray(arr: unknown[], ctx: Ctx, depth: number, top: boolean): string {
  const len = arr.length
  const name = constructorName(arr)
  const label = name && name !== 'Array' ? name : ''
  if (depth >= ctx.opts.maxDepth) return `${label || 'Array'}(${len})`
  const items: string[] = []
  let i = 0
  let shown = 0
  while (i < len && shown < ctx.opts.maxItems && ctx.budget <= ctx.opts.maxLength) {
    const d = Object.getOwnPropertyDescriptor(arr, i)
    if (!d) {
      // Holes show as DevTools does: "empty × 3".
      let j = i
      while (j < len && !Object.prototype.hasOwnProperty.call(arr, j) && j - i < 1e6) j++
      items.push(`empty × ${j - i}`)
      i = j
    } else {
      items.push(spend(ctx, 'value' in d ? fmt(d.value, ctx, depth + 1, false) : '[Getter]'))
      i++
    }
    shown++
  }
  if (i < len) items.push(moreItems(len - i))
  // Extra named properties on an array are shown after its items.
  for (const key of Reflect.ownKeys(arr)) {
    if (typeof key === 'string' && (key === 'length' || /^(0|[1-9]\d*)$/.test(key))) continue
    if (items.length >= ctx.opts.maxItems + 1) break
    const d = Object.getOwnPropertyDescriptor(arr, key)
    if (!d?.enumerable) continue
    items.push(spend(ctx, `${fmtKey(key)}: ${propText(d, ctx, depth)}`))
  }
  const prefix = label ? `${label}(${len}) ` : top && len > 1 ? `(${len}) ` : ''
  return `${prefix}[${items.join(', ')}]`
}

function propText(d: PropertyDescriptor, ctx: Ctx, depth: number): string {
  if ('value' in d) return fmt(d.value, ctx, depth + 1, false)
  return d.get && d.set ? '[Getter/Setter]' : d.get ? '[Getter]' : '[Setter]'
}

function fmtPlain(obj: object, ctx: Ctx, depth: number): string {
  const name = constructorName(obj)
  const label = name ? `${name} ` : ''
  if (depth >= ctx.opts.maxDepth) return `${label}{…}`
  const items: string[] = []
  const keys = Reflect.ownKeys(obj)
  let shown = 0
  for (const key of keys) {
    if (ctx.budget > ctx.opts.maxLength) break
    const d = Object.getOwnPropertyDescriptor(obj, key)
    if (!d?.enumerable) continue
    if (shown >= ctx.opts.maxItems) {
      shown++
      continue
    }
    items.push(spend(ctx, `${fmtKey(key)}: ${propText(d, ctx, depth)}`))
    shown++
  }
  if (shown > items.length) items.push(moreItems(shown - items.length))
  return `${label}{${items.join(', ')}}`
}

/**
 * `console.table` as a box-drawn text table, one string with newlines. Rows
 * are the data's entries; columns are the union of the rows' keys (or
 * `columns`), plus "Values" for primitive rows.
 */
export function formatTable(
  data: unknown,
  columns?: readonly string[],
  options: FormatOptions = {},
): string {
  if (data === null || typeof data !== 'object') return formatValue(data, options)
  const ctx = makeCtx({ ...options, maxDepth: 1 })
  const rows: [string, unknown][] = []
  if (data instanceof Map) {
    for (const [k, v] of data) rows.push([fmt(k, ctx, 1, false), v])
  } else if (data instanceof Set) {
    let i = 0
    for (const v of data) rows.push([String(i++), v])
  } else {
    for (const k of Object.keys(data)) rows.push([k, (data as Record<string, unknown>)[k]])
  }
  const max = ctx.opts.maxItems
  const cut = rows.length - max
  rows.length = Math.min(rows.length, max)
  const cols: string[] = columns ? [...columns] : []
  let hasValues = false
  for (const [, v] of rows) {
    if (v !== null && typeof v === 'object' && !columns) {
      for (const k of Object.keys(v)) if (!cols.includes(k) && cols.length < 20) cols.push(k)
    } else if (v === null || typeof v !== 'object') hasValues = true
  }
  const header = ['(index)', ...cols, ...(hasValues ? ['Values'] : [])]
  const body = rows.map(([k, v]) => {
    const cells = [k]
    for (const c of cols) {
      const isObj = v !== null && typeof v === 'object'
      cells.push(
        isObj && Object.prototype.hasOwnProperty.call(v, c)
          ? fmt((v as Record<string, unknown>)[c], ctx, 1, false)
          : '',
      )
    }
    if (hasValues) cells.push(v !== null && typeof v === 'object' ? '' : fmt(v, ctx, 1, false))
    return cells.map((c) => truncate(c, 60))
  })
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)) + 2)
  const line = (l: string, m: string, r: string) =>
    l + widths.map((w) => '─'.repeat(w)).join(m) + r
  const row = (cells: string[]) =>
    '│' + cells.map((c, i) => center(c, widths[i])).join('│') + '│'
  const out = [line('┌', '┬', '┐'), row(header), line('├', '┼', '┤'), ...body.map(row)]
  out.push(line('└', '┴', '┘'))
  if (cut > 0) out.push(moreItems(cut))
  return stripAnsi(out.join('\n'))
}

function center(text: string, width: number): string {
  const pad = width - text.length
  const left = Math.floor(pad / 2)
  return ' '.repeat(left) + text + ' '.repeat(pad - left)
}
