/**
 * Share links, exactly as ../shared/CONTRACT.md defines them:
 *
 *   <deck-url>/<slide-number>?demo=<demo-id>&code=<lz-string compressToEncodedURIComponent(code)>
 *
 * Opening one puts the code into that demo's editor but never runs it. A
 * link whose code cannot be decoded gives a message and changes nothing.
 */
import lz from 'lz-string'

/** Longest `code` parameter accepted (the compressed form). */
const MAX_ENCODED = 2_000_000

export function shareUrl(
  opts: { deckUrl: string; slide: number; id: string; code: string },
): string {
  const base = opts.deckUrl.endsWith('/') ? opts.deckUrl : `${opts.deckUrl}/`
  return `${base}${opts.slide}?demo=${encodeURIComponent(opts.id)}&code=${
    lz.compressToEncodedURIComponent(opts.code)
  }`
}

/** The deck's own address: the origin plus the base path it is served under (Vite's BASE_URL). */
export function deckUrl(base: string): string {
  return new URL(base, location.origin).href
}

/**
 * A query parameter as it was written. `URLSearchParams` would turn the `+`
 * of lz-string's alphabet into spaces, so the raw text is read instead.
 */
function rawParam(search: string, name: string): string | undefined {
  for (const part of search.replace(/^\?/, '').split('&')) {
    const eq = part.indexOf('=')
    const key = eq < 0 ? part : part.slice(0, eq)
    if (key === name) return eq < 0 ? '' : part.slice(eq + 1)
  }
  return undefined
}

export type SharedCode =
  | { kind: 'code'; code: string }
  | { kind: 'unreadable'; message: string }

/** A visible, printable program: no control characters but whitespace, no broken surrogates. */
function looksLikeText(text: string): boolean {
  // deno-lint-ignore no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD]/.test(text)) return false
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)
}

/**
 * The code a share link carries for demo `id`, if the link is for this demo.
 * Returns undefined when the address has no share link for it.
 */
export function readSharedCode(
  id: string,
  search: string = location.search,
): SharedCode | undefined {
  let demo: string | undefined
  try {
    demo = decodeURIComponent(rawParam(search, 'demo') ?? '')
  } catch {
    return undefined
  }
  if (demo !== id) return undefined
  const raw = rawParam(search, 'code')
  const unreadable = (why: string): SharedCode => ({
    kind: 'unreadable',
    message:
      `This share link's code could not be read (${why}); the demo keeps its own code.`,
  })
  if (raw === undefined || raw === '') return unreadable('the link has no code')
  if (raw.length > MAX_ENCODED) return unreadable('it is too long')
  let encoded: string
  try {
    encoded = decodeURIComponent(raw)
  } catch {
    return unreadable('it is not valid URL text')
  }
  let code: string | null
  try {
    code = lz.decompressFromEncodedURIComponent(encoded)
  } catch {
    code = null
  }
  if (code === null || code === '') return unreadable('it is not lz-string data')
  // A link the share button made decodes back to exactly itself; anything
  // else must at least be readable text, or it is a damaged link.
  const exact = lz.compressToEncodedURIComponent(code) === encoded.replace(/ /g, '+')
  if (!exact && !looksLikeText(code)) return unreadable('it looks damaged or cut short')
  return { kind: 'code', code }
}

/**
 * Once demo `id` has applied the share link in the address (`search`), the
 * route's `query` without it, so a reload or the next slide does not apply
 * it again over later edits; `undefined` when the address holds no share
 * link for this demo.
 */
export function queryWithoutShareLink(
  search: string,
  id: string,
  query: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const params = new URLSearchParams(search)
  if (!params.has('code') || params.get('demo') !== id) return undefined
  const { demo: _demo, code: _code, ...rest } = query
  return rest
}

/** Copies `text`; falls back to a hidden textarea where the Clipboard API is missing or refused. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // Insecure origin, no permission, or no Clipboard API: try the old way.
  }
  try {
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.style.cssText = 'position:fixed;top:0;left:0;opacity:0;pointer-events:none'
    document.body.appendChild(area)
    area.select()
    const ok = document.execCommand('copy')
    area.remove()
    return ok
  } catch {
    return false
  }
}
