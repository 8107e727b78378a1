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
  /** Cancels the request, as `fetch`'s `signal` does (see `fakeFetch`). */
  signal?: AbortSignal
}

/**
 * Pretends to fetch `url`: resolves after `delay` ms with a response-like
 * object. Like the real `fetch`, it returns a Promise at once and rejects
 * only on a network failure or an abort, never on an HTTP error status.
 *
 * Like `fetch`, it honours `signal`: once the signal is aborted, the pending
 * request rejects with the signal's reason (a `DOMException` named
 * `AbortError` after a plain `controller.abort()`), its timer is cleared, and
 * reading the body of a response it already gave rejects the same way.
 */
export function fakeFetch(
  url: string,
  { delay = 300, fail = false, body = { url }, signal }: FakeFetchOptions = {},
): Promise<FakeResponse> {
  const aborted = () => signal?.reason ?? new DOMException('This operation was aborted', 'AbortError')
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(aborted())
    const onAbort = () => {
      clearTimeout(timer)
      reject(aborted())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      const text = JSON.stringify(body)
      const read = <T>(value: () => T) => signal?.aborted ? Promise.reject(aborted()) : Promise.resolve(value())
      resolve({
        url,
        ok: !fail,
        status: fail ? 500 : 200,
        json: () => read(() => JSON.parse(text)),
        text: () => read(() => text),
      })
    }, delay)
    signal?.addEventListener('abort', onAbort, { once: true })
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

/**
 * Counts the primes in `[from, to)` by trial division: honest CPU-bound work
 * for the worker demos. Self-contained (no outside names), so it can be sent
 * to a worker as source text by `workerFromFunction`.
 */
export function countPrimes([from, to]: number[]): number {
  let count = 0
  for (let n = Math.max(from, 2); n < to; n++) {
    let d = 2
    while (d * d <= n && n % d) d++
    if (d * d > n) count++
  }
  return count
}

/** A Web Worker made from one function: `run` sends it work, `terminate` ends it. */
export interface FunctionWorker<In, Out> {
  /** Posts `input` to the worker; resolves with what the function returned there. */
  run(input: In): Promise<Out>
  /**
   * Stops the worker's thread at once and frees its Blob URL. (Browsers stop
   * even a worker busy in a loop; Deno 2.9 lets such a loop run on, see
   * demos/13-cancel.ts.)
   */
  terminate(): void
}

/**
 * Starts a module Web Worker (its own thread, its own event loop) that runs
 * `fn` on every input it is sent. The function travels as source text in a
 * Blob URL, so it must be self-contained: a worker has its own global scope
 * and cannot see the caller's variables or imports, only what it is posted
 * (a structured clone). Works in browsers and under `deno run`.
 */
export function workerFromFunction<In, Out>(
  fn: (input: In) => Out | Promise<Out>,
): FunctionWorker<In, Out> {
  const source = `const fn = (${fn});
self.onmessage = async ({ data: [id, input] }) => {
  try { self.postMessage([id, true, await fn(input)]) }
  catch (e) { self.postMessage([id, false, e instanceof Error ? e.message : String(e)]) }
}`
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }))
  const worker = new Worker(url, { type: 'module' })
  // Replies carry the id of their request, so several runs may be in flight.
  const pending = new Map<number, [(out: Out) => void, (error: Error) => void]>()
  let nextId = 0
  worker.onmessage = ({ data: [id, ok, value] }: MessageEvent<[number, boolean, unknown]>) => {
    const [resolve, reject] = pending.get(id) ?? []
    pending.delete(id)
    if (ok) resolve?.(value as Out)
    else reject?.(new Error(String(value)))
  }
  // A worker that fails to start (say, a method passed as `fn`) fails its runs, never hangs.
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault()
    for (const [, reject] of pending.values()) reject(new Error(event.message))
    pending.clear()
  }
  return {
    run: (input) =>
      new Promise<Out>((resolve, reject) => {
        pending.set(++nextId, [resolve, reject])
        worker.postMessage([nextId, input])
      }),
    terminate() {
      worker.terminate()
      URL.revokeObjectURL(url)
    },
  }
}

/**
 * Whether `scheduler.yield()` exists here: Chrome 129+ and Firefox 142+.
 * Chromium 94 to 128 has a `scheduler` without `yield`, and Deno and Safari
 * have no `scheduler`; there, give the thread back with a 0 ms timer instead.
 */
export function canYield(): boolean {
  return typeof scheduler === 'object' && typeof scheduler?.yield === 'function'
}

/** What to say where SharedArrayBuffer is missing: why, and how to fix it. */
export const NO_SHARED_MEMORY = 'No SharedArrayBuffer: this page is not cross-origin isolated. ' +
  'Fix: serve it with the headers Cross-Origin-Opener-Policy: same-origin and ' +
  'Cross-Origin-Embedder-Policy: require-corp, or over HTTPS or localhost, ' +
  'where its service worker adds them (README: "Hosting").'

/**
 * Runs `fn(...args)` in `count` Web Workers at the same moment, and resolves
 * once every one has returned. Each worker starts its own thread, then
 * sleeps in `Atomics.wait` until all `count` are up, so their runs really
 * overlap: without that start line one worker may finish before the next
 * has started. `args` are posted to each worker: a SharedArrayBuffer among
 * them is shared, not copied. Like `workerFromFunction`, `fn` travels as
 * source text, so it must be self-contained. Needs SharedArrayBuffer (a
 * cross-origin isolated page).
 */
export async function inWorkers<Args extends unknown[]>(
  count: number,
  fn: (...args: Args) => unknown,
  ...args: Args
): Promise<void> {
  const source = `const fn = (${fn});
self.onmessage = ({ data: [gate, count, args] }) => {
  Atomics.add(gate, 0, 1) // here
  Atomics.notify(gate, 0) // wake the others to look
  let here
  while ((here = Atomics.load(gate, 0)) < count) Atomics.wait(gate, 0, here)
  try { fn(...args); self.postMessage([true]) }
  catch (e) { self.postMessage([false, e instanceof Error ? e.message : String(e)]) }
}`
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }))
  const gate = new Int32Array(new SharedArrayBuffer(4))
  const workers = Array.from({ length: count }, () => new Worker(url, { type: 'module' }))
  try {
    await Promise.all(workers.map((worker) =>
      new Promise<void>((resolve, reject) => {
        worker.onmessage = ({ data: [ok, message] }: MessageEvent<[boolean, string?]>) =>
          ok ? resolve() : reject(new Error(message))
        worker.onerror = (event: ErrorEvent) => {
          event.preventDefault()
          reject(new Error(event.message))
        }
        worker.postMessage([gate, count, args])
      })
    ))
  } finally {
    workers.forEach((worker) => worker.terminate())
    URL.revokeObjectURL(url)
  }
}

/** Starts a stopwatch: the function it returns gives the whole ms elapsed since. */
export function stopwatch(): () => number {
  const t0 = performance.now()
  return () => Math.round(performance.now() - t0)
}

/** Several workers running one function, fed from one list. */
export interface WorkerPool<In, Out> {
  /** Runs every input, each on the next free worker; results keep the inputs' order. */
  map(inputs: In[]): Promise<Out[]>
  /** Ends every worker's thread. */
  terminate(): void
}

/**
 * Starts `size` workers that each run `fn` (see `workerFromFunction`), and
 * resolves once each has run `warmUp`, so start-up is paid before you time
 * the work. `map` uses one "lane" per worker, like demo 08: each lane takes
 * the next input as soon as its worker is free, so a slow input never holds
 * up the rest.
 */
export async function workerPool<In, Out>(
  fn: (input: In) => Out | Promise<Out>,
  size: number,
  warmUp: NoInfer<In>,
): Promise<WorkerPool<In, Out>> {
  const workers = Array.from({ length: Math.max(1, size) }, () => workerFromFunction(fn))
  const terminate = () => workers.forEach((worker) => worker.terminate())
  try {
    await Promise.all(workers.map((worker) => worker.run(warmUp)))
  } catch (error) {
    terminate()
    throw error
  }
  return {
    async map(inputs) {
      const results: Out[] = new Array(inputs.length)
      let next = 0
      await Promise.all(workers.map(async (worker) => {
        while (next < inputs.length) {
          const i = next++
          results[i] = await worker.run(inputs[i])
        }
      }))
      return results
    },
    terminate,
  }
}
