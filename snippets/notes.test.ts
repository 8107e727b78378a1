/**
 * The speaker's notes beside a capture say what the capture shows: every
 * time or ratio a note cites is printed in the capture beside it, and a note
 * that compares (slower, faster, modest, nothing lost…) says what the
 * captured figures say. So re-capturing cannot leave the talk contradicting
 * the slide it is spoken over.
 */
import assert from 'node:assert/strict'
import { sourceSlides } from '../tests/e2e/deck-source.ts'
import { capturedDir } from './capture.ts'

const slides = await sourceSlides()

/** The notes of the slide that shows `snippet`'s capture. */
function noteBeside(snippet: string): string {
  const slide = slides.find((s) => s.raw.includes(`@/snippets/captured/${snippet}.txt`))
  assert.ok(slide, `no slide shows the capture of ${snippet}`)
  return slide.note.replace(/\s+/g, ' ')
}

const capture = (snippet: string) => Deno.readTextFileSync(`${capturedDir}${snippet}.txt`)
const ran = (text: string) => !/was not installed/.test(text)

function seconds(text: string, label: string): number {
  const m = new RegExp(`${label}\\s*([\\d.]+) s`).exec(text)
  assert.ok(m, `no "${label}" time in:\n${text}`)
  return Number(m[1])
}

Deno.test('every time and ratio a note cites is in the capture beside it', () => {
  const shown = [...new Set(slides.flatMap((s) => [...s.raw.matchAll(/@\/snippets\/captured\/([\w.]+)\.txt/g)].map((m) => m[1])))]
  // The asyncio slides run live now; five captures stay (goroutines, threads, processes, race, race with a mutex).
  assert.ok(shown.length >= 5, `only ${shown.length} captures shown`)
  const missing: string[] = []
  for (const snippet of shown) {
    const text = capture(snippet)
    const figures = noteBeside(snippet).match(/\d+\.\d+ s\b|\d+(\.\d+)?×/g) ?? []
    for (const figure of figures) if (!text.includes(figure)) missing.push(`${snippet}: ${figure}`)
  }
  assert.deepEqual(missing, [], 'figures the notes cite that their captures do not print')
})

Deno.test('threads and the GIL: the notes compare the two times as the capture does', () => {
  const text = capture('threads_gil.py')
  if (!ran(text)) return
  const one = seconds(text, 'one after the other:'), two = seconds(text, 'two threads:')
  const note = noteBeside('threads_gil.py')
  assert.ok(note.includes(`${one.toFixed(2)} s`) && note.includes(`${two.toFixed(2)} s`), 'the notes cite both times')
  if (/\b(even )?slower\b/.test(note)) assert.ok(two > one, `"slower", but ${two} s vs ${one} s`)
  if (/(?<!\bno |\bnot )\bfaster\b/.test(note)) assert.ok(two < one, `"faster", but ${two} s vs ${one} s`)
  if (/\b(no|not) faster\b/.test(note)) assert.ok(two >= one * 0.9, `"no faster", but ${two} s vs ${one} s`)
  if (/\bthe same time\b/.test(note)) assert.equal(two, one)
  // Only what the interpreter reported: no GIL flag made up on a Python without one.
  if (!/GIL enabled: (True|False)/.test(text)) assert.match(text, /no sys\._is_gil_enabled\(\): new in 3\.13/)
})

Deno.test('processes: the printed speed-up follows from the printed times, and the notes say it', () => {
  const text = capture('processes.py')
  if (!ran(text)) return
  const m = /speed-up ([\d.]+) \/ ([\d.]+) = ([\d.]+)×/.exec(text)
  assert.ok(m, text)
  const [a, b, ratio] = [Number(m[1]), Number(m[2]), Number(m[3])]
  assert.equal(a, seconds(text, '1 process:'))
  assert.equal(b, seconds(text, '2 processes:'))
  assert.equal(ratio.toFixed(1), (a / b).toFixed(1))
  const note = noteBeside('processes.py')
  assert.ok(note.includes(`${m[3]}×`), `the notes do not cite the ${m[3]}× speed-up`)
  if (/\bmodest\b/.test(note)) assert.ok(ratio < 1.5, `"modest", but ${ratio}×`)
  if (/\b(slower|no faster)\b/.test(note)) assert.ok(ratio <= 1, `"slower", but ${ratio}×`)
  if (/\b(twice|double)\b/.test(note)) assert.ok(ratio >= 1.8, `"twice", but ${ratio}×`)
})

Deno.test('the Go race: the notes say what the plain runs printed', () => {
  const text = capture('race.go')
  if (!ran(text)) return
  const plain = [...text.split('$ go run -race')[0].matchAll(/^counter: (\d+) of/gm)].map((m) => Number(m[1]))
  assert.equal(plain.length, 3, text)
  const note = noteBeside('race.go')
  const lost = plain.filter((n) => n < 8_000_000).length
  if (/\bevery (plain )?run printed the full 8000000\b/.test(note)) assert.equal(lost, 0, `runs lost updates: ${plain}`)
  if (/\bdifferent totals\b/.test(note)) assert.ok(new Set(plain).size > 1, `the same total each run: ${plain}`)
  const said = /\b(one|two|three) of the three plain runs lost updates\b/.exec(note)?.[1]
  if (said) assert.equal(['one', 'two', 'three'].indexOf(said) + 1, lost, `${lost} runs lost updates: ${plain}`)
  assert.match(text, /^# trimmed, left out: /m, 'the race capture is trimmed: its header must say so')
})

Deno.test('the CPU-bound pool: the notes cite the native speed-ups the capture printed, and compare them as it does', () => {
  const text = capture('cpu_pool.go')
  if (!ran(text)) return
  const [parallel, oneThread] = [...text.matchAll(/^speed-up: (\d+\.\d\d)×$/gm)].map((m) => Number(m[1]))
  assert.ok(parallel !== undefined && oneThread !== undefined, text)
  const note = noteBeside('cpu_pool.go')
  assert.ok(note.includes(`${parallel.toFixed(2)}×`), `the notes do not cite the ${parallel}× speed-up`)
  if (/\bfinish sooner\b/.test(note)) assert.ok(parallel > 1, `"finish sooner", but ${parallel}×`)
  if (/\babout twice as fast\b/.test(note)) assert.ok(parallel >= 1.7, `"about twice", but ${parallel}×`)
  if (/\bspeed-up is gone\b/.test(note)) assert.ok(oneThread <= 1.2, `"gone", but ${oneThread}× with GOMAXPROCS=1`)
})
