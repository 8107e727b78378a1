/**
 * The small kit every demo may import: a timer you can await, a fake network
 * with delays you choose, and a way to burn CPU on purpose. Nothing here
 * touches the real network, so demos run the same on a disconnected stage,
 * in the deck's sandbox and under `deno run`.
 */

/** Resolves after `ms` milliseconds, like `asyncio.sleep` in Python. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** What `fakeFetch` resolves to: the parts of a `Response` the demos use. */
export interface FakeResponse {
  url: string
  ok: boolean
  status: number
  json(): Promise<unknown>
  text(): Promise<string>
}

export interface FakeFetchOptions {
  /** How long the "server" takes to answer, in ms. Default 300. */
  delay?: number
  /** Answer with HTTP 500 instead of 200. */
  fail?: boolean
  /** The JSON body to answer with. Default `{ url }`. */
  body?: unknown
}

/**
 * Pretends to fetch `url`: resolves after `delay` ms with a response-like
 * object. Like the real `fetch`, it returns a Promise at once and only
 * rejects on a network failure, never on an HTTP error status.
 */
export function fakeFetch(
  url: string,
  { delay = 300, fail = false, body = { url } }: FakeFetchOptions = {},
): Promise<FakeResponse> {
  return new Promise((resolve) => {
    setTimeout(() => {
      const text = JSON.stringify(body)
      resolve({
        url,
        ok: !fail,
        status: fail ? 500 : 200,
        json: () => Promise.resolve(JSON.parse(text)),
        text: () => Promise.resolve(text),
      })
    }, delay)
  })
}

/**
 * Keeps this thread busy for `ms` milliseconds, the way real CPU-bound work
 * (parsing, resizing an image, hashing) would. Returns how many loop turns
 * it managed, so callers can show the work was real.
 */
export function work(ms: number): number {
  const end = performance.now() + ms
  let turns = 0
  while (performance.now() < end) turns++
  return turns
}
