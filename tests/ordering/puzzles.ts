/**
 * Ordering puzzles: small programs whose output order depends on exactly
 * how the event loop treats tasks, microtasks, awaits and promise
 * resolution. Written for this project from the ECMAScript and HTML rules
 * (PerformPromiseThen, Await, NewPromiseResolveThenableJob, timers, ports),
 * not taken from elsewhere.
 *
 * The visualizer must not change any of these orders: ordering.test.ts runs
 * each one in the real sandbox with and without the trace (in Deno), and
 * tests/e2e/ordering.test.ts does the same in Chromium.
 */
export interface Puzzle {
  name: string
  source: string
  /**
   * The first `settled` lines always come in the same order; the ones after
   * race between task sources (a port's message and a timer), which HTML
   * leaves to the browser, and Deno and Chromium answer differently from
   * run to run even without the trace: compare them as a set.
   */
  settled?: number
}

const p = (name: string, source: string, settled?: number): Puzzle => ({ name, source: source.trim(), settled })

export const puzzles: Puzzle[] = [
  p('await a plain value', `
async function f() { console.log('f1'); await 1; console.log('f2') }
f(); console.log('main')
Promise.resolve().then(() => console.log('then'))`),
  p('await a native promise', `
const ready = Promise.resolve('v')
async function f() { const v = await ready; console.log('f', v) }
f()
ready.then(() => console.log('then A')).then(() => console.log('then B'))
console.log('sync')`),
  p('await a thenable', `
const thenable = { then(ok: (v: string) => void) { console.log('then() called'); ok('t') } }
async function f() { console.log('before'); console.log('got', await thenable) }
f()
Promise.resolve().then(() => console.log('p1')).then(() => console.log('p2')).then(() => console.log('p3'))`),
  p('async function returning a promise takes two more ticks', `
async function returnsPromise() { return Promise.resolve('rp') }
async function returnsValue() { return 'rv' }
returnsPromise().then((v) => console.log(v))
returnsValue().then((v) => console.log(v))
Promise.resolve().then(() => console.log('t1')).then(() => console.log('t2')).then(() => console.log('t3'))`),
  p('return await inside try/finally', `
async function f() {
  try { return await Promise.resolve('value') } finally { console.log('finally') }
}
f().then((v) => console.log('resolved', v))
Promise.resolve().then(() => console.log('a')).then(() => console.log('b')).then(() => console.log('c'))`),
  p('return without await inside try/finally', `
async function f() {
  try { return Promise.resolve('value') } finally { console.log('finally') }
}
f().then((v) => console.log('resolved', v))
Promise.resolve().then(() => console.log('a')).then(() => console.log('b')).then(() => console.log('c'))`),
  p('Promise.all', `
const a = new Promise((r) => setTimeout(() => { console.log('timer a'); r('a') }, 2))
const b = Promise.resolve('b')
Promise.all([a, b, 'c']).then((v) => console.log('all', v.join()))
b.then(() => console.log('b then'))`),
  p('Promise.race', `
const slow = new Promise((r) => setTimeout(() => r('slow'), 5))
const fast = new Promise((r) => setTimeout(() => r('fast'), 1))
Promise.race([slow, fast]).then((v) => console.log('race', v))
fast.then(() => console.log('fast then'))`),
  p('Promise.any', `
Promise.any([Promise.reject(new Error('x')), Promise.resolve('y')]).then((v) => console.log('any', v))
Promise.any([Promise.reject(1), Promise.reject(2)]).catch((e) => console.log('none', e.constructor.name, e.errors.join()))
Promise.resolve().then(() => console.log('tick 1')).then(() => console.log('tick 2'))`),
  p('Promise.allSettled', `
Promise.allSettled([Promise.resolve(1), Promise.reject(2)]).then((r) => console.log(r.map((x) => x.status).join()))
Promise.resolve().then(() => console.log('t1')).then(() => console.log('t2')).then(() => console.log('t3'))`),
  p('microtasks queued from microtasks run before the timer', `
setTimeout(() => console.log('timer'), 0)
queueMicrotask(() => {
  console.log('m1')
  queueMicrotask(() => {
    console.log('m2')
    Promise.resolve().then(() => console.log('m3'))
  })
})`),
  p('nested timers', `
setTimeout(() => {
  console.log('outer')
  setTimeout(() => console.log('inner'), 0)
  Promise.resolve().then(() => console.log('outer micro'))
}, 0)
setTimeout(() => console.log('second'), 0)`),
  p('a microtask between two timers', `
setTimeout(() => { console.log('t1'); Promise.resolve().then(() => console.log('p1')) }, 0)
setTimeout(() => console.log('t2'), 0)`),
  p('MessageChannel against setTimeout', `
const { port1, port2 } = new MessageChannel()
port2.onmessage = (e) => { console.log('message', e.data); port2.close() }
setTimeout(() => console.log('timeout'), 0)
port1.postMessage('hi')
Promise.resolve().then(() => console.log('micro'))`, 1),
  p('then on a settled promise vs a pending one', `
let resolve!: (v: string) => void
const pending = new Promise<string>((r) => (resolve = r))
pending.then(() => console.log('pending then'))
Promise.resolve().then(() => console.log('settled then'))
resolve('now')
console.log('sync end')`),
  p('resolve with a promise adopts it two ticks later', `
const inner = Promise.resolve('inner')
const outer = new Promise((r) => r(inner))
outer.then(() => console.log('outer'))
inner.then(() => console.log('i1')).then(() => console.log('i2')).then(() => console.log('i3'))`),
  p('chained then vs sibling then', `
const p = Promise.resolve()
p.then(() => console.log('a1')).then(() => console.log('a2'))
p.then(() => console.log('b1')).then(() => console.log('b2'))`),
  p('catch and finally', `
Promise.reject(new Error('no'))
  .finally(() => console.log('finally 1'))
  .catch((e) => console.log('caught', e.message))
  .finally(() => console.log('finally 2'))
Promise.resolve().then(() => console.log('x')).then(() => console.log('y')).then(() => console.log('z'))`),
  p('await in a loop', `
async function loop() { for (let i = 0; i < 3; i++) { await null; console.log('loop', i) } }
loop()
Promise.resolve().then(() => console.log('p1')).then(() => console.log('p2')).then(() => console.log('p3'))`),
  p('two async functions interleave', `
async function a() { console.log('a1'); await null; console.log('a2'); await null; console.log('a3') }
async function b() { console.log('b1'); await null; console.log('b2'); await null; console.log('b3') }
a(); b()`),
  p('an async function awaiting another', `
async function inner() { console.log('inner start'); await null; console.log('inner end'); return 'x' }
async function outer() { console.log('outer start'); const v = await inner(); console.log('outer got', v) }
outer(); Promise.resolve().then(() => console.log('p1')).then(() => console.log('p2')).then(() => console.log('p3'))`),
  p('rejected await caught', `
async function f() {
  try { await Promise.reject(new Error('bad')) } catch (e) { console.log('caught', (e as Error).message) }
  console.log('after')
}
f(); Promise.resolve().then(() => console.log('p1')).then(() => console.log('p2'))`),
  p('top-level await', `
console.log('start')
setTimeout(() => console.log('timer'), 0)
await null
console.log('after await null')
await new Promise((r) => setTimeout(r, 1))
console.log('after the timer')`),
  p('setTimeout with delays', `
setTimeout(() => console.log('10 ms'), 10)
setTimeout(() => console.log('0 ms'), 0)
setTimeout(() => console.log('5 ms'), 5)`),
  p('clearTimeout', `
const id = setTimeout(() => console.log('never'), 0)
setTimeout(() => console.log('kept'), 0)
Promise.resolve().then(() => clearTimeout(id))`),
  p('setInterval cleared after three ticks', `
let n = 0
const id = setInterval(() => {
  console.log('tick', ++n)
  Promise.resolve().then(() => console.log('micro', n))
  if (n === 3) clearInterval(id)
}, 1)`),
  p('Promise constructor runs its executor at once', `
console.log('before')
new Promise((resolve) => { console.log('executor'); resolve(1) }).then(() => console.log('then'))
console.log('after')`),
  p('then returning a thenable', `
Promise.resolve()
  .then(() => ({ then(ok: (v: string) => void) { console.log('custom then'); ok('done') } }))
  .then((v) => console.log('got', v))
Promise.resolve().then(() => console.log('p1')).then(() => console.log('p2')).then(() => console.log('p3')).then(() => console.log('p4'))`),
  p('Promise.withResolvers', `
const { promise, resolve } = Promise.withResolvers<string>()
promise.then((v) => console.log('resolved', v))
queueMicrotask(() => console.log('micro'))
resolve('r')
console.log('sync')`),
  p('async arrow functions and methods', `
const obj = { async m() { await null; console.log('method') } }
const arrow = async () => { await null; console.log('arrow') }
obj.m(); arrow(); queueMicrotask(() => console.log('micro'))`),
  p('a worker message', `
const source = 'onmessage = (e) => postMessage(e.data * 2)'
const worker = new Worker('data:text/javascript,' + encodeURIComponent(source))
worker.onmessage = (e) => { console.log('from worker', e.data); worker.terminate() }
worker.postMessage(21)
setTimeout(() => console.log('timer'), 0)
Promise.resolve().then(() => console.log('micro'))`),
  p('await inside then callback chain', `
Promise.resolve().then(async () => { console.log('x1'); await null; console.log('x2') }).then(() => console.log('x3'))
Promise.resolve().then(() => console.log('y1')).then(() => console.log('y2')).then(() => console.log('y3'))`),
  p('unhandled rejection handled late', `
const p = Promise.reject(new Error('late'))
setTimeout(() => p.catch((e) => console.log('handled', e.message)), 0)
Promise.resolve().then(() => console.log('micro'))`),
  p('class with async method and getter', `
class Shop {
  get name() { return 'shop' }
  async open() { console.log(this.name, 'opening'); await null; console.log(this.name, 'open') }
}
new Shop().open(); console.log('sync')`),
]

/**
 * The console as text. Columns in stack traces are masked: the trace's hooks
 * sit on the same line as the code (so lines stay right), which moves columns.
 */
export function comparable(lines: { level: string; text: string }[], settled?: number): string[] {
  const text = lines.map((l) => `${l.level}: ${l.text.replace(/(\.ts:\d+):\d+/g, '$1')}`)
  return settled === undefined ? text : [...text.slice(0, settled), ...text.slice(settled).sort()]
}
