/**
 * `deno task bench`: the talk against baselines, side by side in one run.
 *
 * - first slide: time to visible, bytes and requests before it, for the talk
 *   and for a plain Slidev deck with the same theme and no Monaco;
 * - build time of both;
 * - click on Run to first output line, cold and warm, for our live demo and
 *   for Slidev's own `{monaco-run}` runner;
 * - long tasks (over 50 ms) on the deck's main thread when a demo slide
 *   opens, cold, for every demo slide of ours and for the `{monaco-run}`
 *   slide of the baseline;
 * - the longest main-thread task of the deck during a flood of a million
 *   console lines (ours only: Slidev's runner would run the loop itself on
 *   the main thread);
 * - parallelism (bench/parallelism.ts): the worker pool's speed-up for 1, 2
 *   and 4 workers, long tasks while the worker demos run, frames per second
 *   while the pool runs, and a warm worker's start. `deno task bench --write`
 *   also writes them to BENCHMARKS.md;
 * - Python and Go (bench/languages.ts): Run to first line cold, reached in
 *   order and warm, Stop, Go's first and later Runs, the files' sizes
 *   (`--write` puts them into BENCHMARKS.md too).
 *
 * Every figure is a median over runs taken alternately, so load on this
 * shared machine falls on both sides alike. Options: BENCH_RUNS (page loads
 * per deck, default 9), BENCH_BUILDS (builds per deck, default 2),
 * BENCH_CLICKS (warm runs, default 15).
 */
import LZString from 'lz-string'
import { launchChromium, openPage, serveDeck } from '../tests/e2e/harness.ts'
import { sourceSlides } from '../tests/e2e/deck-source.ts'
import { afterAllSlidesLoaded, jumpToSlide, recordLongTasks, slideChunks, stopDeckTrace, TRACE_CATEGORIES } from '../tests/e2e/long-tasks.ts'
import { clickToLine, firstSlide, median, watchFirstSlide } from './measure.ts'
import { buildDeck } from '../scripts/build.ts'
import { traceOverhead } from './trace-overhead.ts'
import { benchParallelism, keepFigures, machine, parallelismMarkdown, writeSection } from './parallelism.ts'
import { benchLanguages, writeLanguagesSection } from './languages.ts'

const ROOT = new URL('../', import.meta.url)
const OUT = new URL('bench/results/', ROOT)
const RUNS = Number(Deno.env.get('BENCH_RUNS') ?? 9)
const BUILDS = Number(Deno.env.get('BENCH_BUILDS') ?? 2)
const CLICKS = Number(Deno.env.get('BENCH_CLICKS') ?? 15)

const decks = {
  talk: { entry: 'slides.md', out: new URL('talk/', OUT) },
  plain: { entry: 'bench/plain/slides.md', out: new URL('plain/', OUT) },
  monacoRun: { entry: 'bench/monaco-run/slides.md', out: new URL('monaco-run/', OUT) },
}
type DeckName = keyof typeof decks

async function build(name: DeckName): Promise<number> {
  const { entry, out } = decks[name]
  const started = performance.now()
  // The talk's headmatter has `download: true`: its build prints the PDF too,
  // with the system Chromium, as `deno task build` does (so its build time holds the PDF's).
  if (name === 'talk') {
    await buildDeck(['--out', out.pathname])
    return performance.now() - started
  }
  const res = await new Deno.Command('node_modules/.bin/slidev', {
    cwd: ROOT.pathname,
    args: ['build', entry, '--out', out.pathname],
    stdout: 'null',
    stderr: 'piped',
  }).output()
  if (!res.success) {
    throw new Error(`build of ${entry} failed:\n${new TextDecoder().decode(res.stderr)}`)
  }
  return performance.now() - started
}

function row(label: string, ours: number, base: number, unit: string, digits = 0): string {
  const f = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: digits })
  return `${label.padEnd(34)} ${(f(ours) + ' ' + unit).padStart(14)} ${
    (f(base) + ' ' + unit).padStart(14)
  } ${(base ? `${(ours / base).toFixed(2)}×` : '—').padStart(8)}`
}

async function main() {
  const loadAtStart = Deno.loadavg()[0]
  await Deno.mkdir(OUT, { recursive: true })
  console.log(`Building (${BUILDS}× each, alternating)…`)
  const buildMs: Record<DeckName, number[]> = { talk: [], plain: [], monacoRun: [] }
  for (let i = 0; i < BUILDS; i++) {
    for (const name of ['talk', 'plain'] as const) buildMs[name].push(await build(name))
  }
  await build('monacoRun')

  const browser = await launchChromium()
  const servers = {
    talk: serveDeck(decks.talk.out),
    plain: serveDeck(decks.plain.out),
    monacoRun: serveDeck(decks.monacoRun.out),
  }
  try {
    console.log(`First slide (${RUNS} fresh loads each, alternating)…`)
    const first: Record<
      'talk' | 'plain',
      { visibleMs: number[]; bytes: number[]; requests: number[] }
    > = {
      talk: { visibleMs: [], bytes: [], requests: [] },
      plain: { visibleMs: [], bytes: [], requests: [] },
    }
    for (let i = 0; i < RUNS; i++) {
      for (const name of ['talk', 'plain'] as const) {
        const { context, page } = await openPage(browser, servers[name].origin)
        await watchFirstSlide(page)
        await page.goto(`${servers[name].origin}/1`)
        const m = await firstSlide(page)
        first[name].visibleMs.push(m.visibleMs)
        first[name].bytes.push(m.bytes)
        first[name].requests.push(m.requests)
        await context.close()
      }
    }

    const t = first.talk, p = first.plain
    console.log(
      `\n${''.padEnd(34)} ${'talk'.padStart(14)} ${'baseline'.padStart(14)} ${'ratio'.padStart(8)}`,
    )
    console.log('— first slide (baseline: plain Slidev deck, no Monaco)')
    console.log(
      row('time to first slide visible', median(t.visibleMs), median(p.visibleMs), 'ms', 1),
    )
    console.log(
      row('bytes before first slide', median(t.bytes) / 1024, median(p.bytes) / 1024, 'KiB', 1),
    )
    console.log(row('requests before first slide', median(t.requests), median(p.requests), ''))
    console.log(
      row('build time (ours with its PDF)', median(buildMs.talk) / 1000, median(buildMs.plain) / 1000, 's', 1),
    )
    console.log(`\nRun latency (cold once per fresh page, ${CLICKS} warm clicks)…`)
    const ours = await runLatency(servers.talk.origin, 'talk')
    const plainRuns = await runLatency(servers.talk.origin, 'talk', 'three-ways')
    const slidev = await runLatency(servers.monacoRun.origin, 'monacoRun')

    console.log("— click Run to first output line (baseline: Slidev's {monaco-run})")
    console.log(
      row('cold, visualizer on (playground)', median(ours.cold), median(slidev.cold), 'ms', 1),
    )
    console.log(row('warm, visualizer on (playground)', median(ours.warm), median(slidev.warm), 'ms', 1))
    console.log(
      row('cold, visualizer off (three-ways)', median(plainRuns.cold), median(slidev.cold), 'ms', 1),
    )
    console.log(row('warm, visualizer off (three-ways)', median(plainRuns.warm), median(slidev.warm), 'ms', 1))
    const stop = await watchdogStop(servers.talk.origin)
    console.log('— an endless loop, `while (true) {}`: Run to the watchdog\'s line (ours only; Slidev\'s runner never stops it)')
    console.log(`${'stopped after, median of 5'.padEnd(34)} ${(stop + ' ms').padStart(14)}`)

    console.log(`\nLong tasks when a demo slide opens (cold, once every slide has loaded)…`)
    const demoSlides = (await sourceSlides()).filter((s) => /<LiveDemo/.test(s.raw)).map((s) => s.no)
    const oursOpen = await openingLongTasks(browser, servers.talk.origin, decks.talk.out, demoSlides, 1)
    const slidevOpen = await openingLongTasks(browser, servers.monacoRun.origin, decks.monacoRun.out, [2], demoSlides.length)
    console.log("— long tasks when a demo slide opens (baseline: Slidev's {monaco-run} slide)")
    console.log(row('slide openings with a long task', oursOpen.withLong, slidevOpen.withLong, `of ${demoSlides.length}`))
    console.log(row('long tasks, all openings', oursOpen.count, slidevOpen.count, ''))
    console.log(row('longest task', oursOpen.longest, slidevOpen.longest, 'ms'))
    // The floor: the plain deck's text slides, jumped to on the same probe.
    // Each of its slides has one `# ` title (bench/plain/slides.md); slide 1 is where the probe starts.
    const plainCount = (await Deno.readTextFile(new URL(decks.plain.entry, ROOT))).match(/^# /gm)?.length ?? 0
    const plainSlides = Array.from({ length: plainCount - 1 }, (_, i) => i + 2)
    const floorOpen = await openingLongTasks(
      browser,
      servers.plain.origin,
      decks.plain.out,
      Array.from({ length: demoSlides.length }, (_, i) => plainSlides[i % plainSlides.length]),
      1,
      (no) => `.slidev-page-${no}`,
    )
    console.log('— the same, against the plain deck\'s text slides (the floor)')
    console.log(row('slide openings with a long task', oursOpen.withLong, floorOpen.withLong, `of ${demoSlides.length}`))
    console.log(row('longest task', oursOpen.longest, floorOpen.longest, 'ms'))

    console.log('\nA flood of 1e6 console lines…')
    const flood = await floodLongestTask(browser, servers.talk.origin)
    console.log(`— the deck's main thread during the flood (ours only)`)
    console.log(`${'longest task (trace), median of 3'.padEnd(34)} ${(flood.longest + ' ms').padStart(14)}`)
    console.log(`${'long tasks per run, median'.padEnd(34)} ${String(flood.count).padStart(14)}`)

    console.log('\nThe event-loop visualizer\'s trace: each demo run untraced and traced, alternately…')
    console.log(`${'demo'.padEnd(34)} ${'untraced'.padStart(14)} ${'traced'.padStart(14)} ${'ratio'.padStart(8)}`)
    for (const d of await traceOverhead(browser, servers.talk.origin)) {
      console.log(row(d.id, d.tracedMs, d.plainMs, 'ms').replace(/^(.{34}) +(\S+ ms) +(\S+ ms)/, (_, l, a, b) => `${l} ${b.padStart(14)} ${a.padStart(14)}`))
    }

    console.log(
      `\nmedians of ${RUNS} loads, ${BUILDS} builds, ${ours.cold.length} cold and ${ours.warm.length} warm runs per side`,
    )

    console.log('')
    const parallelism = await benchParallelism(browser, servers.talk.origin, decks.talk.out)
    const m = machine(browser, [loadAtStart, Deno.loadavg()[0]])
    await keepFigures(parallelism, m)
    const md = parallelismMarkdown(parallelism, m)
    console.log(`\n${md}`)
    if (Deno.args.includes('--write')) {
      await writeSection(md)
      console.log('(written to BENCHMARKS.md)')
    }

    console.log('\nPython (Pyodide) and Go (js/wasm): cold, in order, warm, Stop, sizes (bench/languages.ts)…')
    const languages = await benchLanguages(decks.talk.out)
    console.log(`\n${languages}`)
    if (Deno.args.includes('--write')) {
      await writeLanguagesSection(languages)
      console.log('(written to BENCHMARKS.md)')
    }
  } finally {
    await browser.close()
    for (const s of Object.values(servers)) await s.close()
  }
}

/** How long after Run an endless loop is stopped by the watchdog, on the deck's clock; median of 5. */
async function watchdogStop(origin: string): Promise<number> {
  const slide = (await sourceSlides()).find((s) => /id="playground"/.test(s.raw))!
  const code = LZString.compressToEncodedURIComponent('while (true) {}')
  const browser = await launchChromium()
  const times: number[] = []
  try {
    const { page } = await openPage(browser, origin)
    await page.goto(`${origin}/${slide.no}?demo=playground&code=${code}`)
    await page.waitForSelector('iframe[data-sandbox-frame]', { state: 'attached' })
    await page.waitForTimeout(1_500)
    for (let i = 0; i < 5; i++) {
      times.push(await clickToLine(page, {
        button: '[data-live-demo="playground"] [data-action="run"]',
        line: '[data-live-demo="playground"] [data-log]',
        expect: 'did not give its thread back',
      }))
      await page.waitForTimeout(300)
    }
  } finally {
    await browser.close()
  }
  return Math.round(median(times))
}

/** Cold and warm latency of one deck's runner (of our demo `id`), each cold run on a fresh page. */
async function runLatency(origin: string, deck: 'talk' | 'monacoRun', id = 'playground') {
  const cold: number[] = []
  const warm: number[] = []
  const browser = await launchChromium()
  try {
    for (let i = 0; i < 3; i++) {
      const { context, page } = await openPage(browser, origin)
      const sel = await openRunner(page, origin, deck, id)
      // Let the slide settle as a speaker's would before the first click.
      await page.waitForTimeout(1500)
      cold.push(await clickToLine(page, sel))
      if (i === 0) {
        for (let k = 0; k < CLICKS; k++) {
          await page.waitForTimeout(250)
          warm.push(await clickToLine(page, sel))
        }
      }
      await context.close()
    }
  } finally {
    await browser.close()
  }
  return { cold, warm }
}

/** Opens each slide in `slides` cold (a fresh page, jumped to after Slidev's preload), `times` times each. */
async function openingLongTasks(
  browser: import('playwright-core').Browser,
  origin: string,
  dist: URL,
  slides: number[],
  times: number,
  /** What shows once slide `no` is ready: a demo's Run button by default. */
  ready = (no: number) => `.slidev-page-${no} [data-action="run"], .slidev-page-${no} [title="Run code"]`,
) {
  const chunks = slideChunks(dist)
  let withLong = 0, count = 0, longest = 0
  for (let i = 0; i < times; i++) {
    for (const no of slides) {
      const { context, page } = await openPage(browser, origin)
      const tasks = await recordLongTasks(page)
      await page.goto(`${origin}/1`)
      await afterAllSlidesLoaded(page, chunks)
      const t = await tasks.now()
      await jumpToSlide(page, no)
      await page.waitForSelector(ready(no))
      await page.waitForTimeout(2_500)
      const long = await tasks.since(t)
      if (long.length) withLong++
      count += long.length
      longest = Math.max(longest, ...long)
      await context.close()
    }
  }
  return { withLong, count, longest }
}

/**
 * Runs a million console.log calls in the playground, 3 times, and returns
 * the medians of: the deck's longest main-thread task, from a Chromium trace
 * (so tasks under 50 ms count too), and its long tasks (Long Tasks API).
 */
async function floodLongestTask(browser: import('playwright-core').Browser, origin: string) {
  const slide = (await sourceSlides()).find((s) => /id="playground"/.test(s.raw))!
  const code = LZString.compressToEncodedURIComponent("for (let i = 0; i < 1e6; i++) console.log('line', i)")
  const longest: number[] = [], counts: number[] = []
  for (let i = 0; i < 3; i++) {
    const { context, page } = await openPage(browser, origin)
    const tasks = await recordLongTasks(page)
    await page.goto(`${origin}/${slide.no}?demo=playground&code=${code}`)
    await page.waitForSelector('iframe[data-sandbox-frame]', { state: 'attached' })
    await afterAllSlidesLoaded(page, slideChunks(decks.talk.out))
    await page.waitForTimeout(500)
    const t = await tasks.now()
    await browser.startTracing(page, { categories: TRACE_CATEGORIES })
    await page.click('[data-live-demo="playground"] [data-action="run"]')
    await page.waitForFunction(() => {
      const s = document.querySelector('[data-live-demo="playground"]')?.getAttribute('data-status')
      return s && s !== 'running' && s !== 'idle'
    }, undefined, { timeout: 30_000 })
    longest.push(Math.max(0, ...(await stopDeckTrace(browser, origin)).map((t) => t.ms)))
    counts.push((await tasks.since(t)).length)
    await context.close()
  }
  return { longest: median(longest), count: median(counts) }
}

async function openRunner(
  page: import('playwright-core').Page,
  origin: string,
  deck: 'talk' | 'monacoRun',
  /** Our demo: the playground (visualizer on), or three-ways (visualizer off). */
  id = 'playground',
) {
  const marker = `bench-${Math.random().toString(36).slice(2, 8)}`
  if (deck === 'monacoRun') {
    await page.goto(`${origin}/2`)
    await page.waitForSelector('[title="Run code"]')
    // Slidev's block prints 'hello'.
    return {
      button: '[title="Run code"]',
      line: '.slidev-runner-output .output-line',
      expect: 'hello',
    }
  }
  const slide = (await sourceSlides()).find((s) => s.raw.includes(`id="${id}"`))
  if (!slide) throw new Error(`no slide with the ${id} demo`)
  const code = LZString.compressToEncodedURIComponent(`console.log('${marker}')`)
  await page.goto(`${origin}/${slide.no}?demo=${id}&code=${code}`)
  await page.waitForSelector(`[data-live-demo="${id}"] [data-action="run"]`)
  return {
    button: `[data-live-demo="${id}"] [data-action="run"]`,
    line: `[data-live-demo="${id}"] [data-log]`,
    expect: marker,
  }
}

if (import.meta.main) await main()
