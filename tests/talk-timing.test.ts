/**
 * The talk fits its 35-minute slot. Each slide's speaker notes start with
 * what the speaker says on stage; a paragraph that starts with
 * "For readers:" holds the rest, for people reading the deck alone. This
 * test counts the spoken words per section and checks them against the
 * timing plan in the README: a section's budget minus its demo time, at
 * 140 words a minute. It also checks that the plan's slide ranges and its
 * "words now" column describe the deck as it is.
 */
import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'

const root = new URL('../', import.meta.url)
const WORDS_PER_MINUTE = 140
const FOR_READERS = 'For readers:'

/** Every speaker note in a markdown file, in slide order. */
export function notesOf(markdown: string): string[] {
  return [...markdown.matchAll(/^<!--\n([\s\S]*?)\n-->$/gm)].map((m) => m[1].trim())
}

/** The part of a note said on stage: everything before "For readers:". */
export function spokenPart(note: string): string {
  const at = note.search(new RegExp(`(^|\\n\\s*\\n)${FOR_READERS}`))
  return at === -1 ? note : note.slice(0, at)
}

export function countWords(text: string): number {
  // A `[click]` marker (a diagram's next step, logic/builds.ts) is not said.
  return text.replace(/\[click(?::\d+)?\]/gi, ' ').split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length
}

/** "2:30" → 150 seconds; an empty cell is no time at all. */
function seconds(cell: string): number {
  if (!cell) return 0
  const [m, s] = cell.split(':').map(Number)
  return m * 60 + s
}

interface PlanRow {
  first: number
  last: number
  section: string
  demoSeconds: number
  budgetSeconds: number
  wordsMax: number
  wordsNow: number
}

/** The table under "## Timing plan for speakers" in README.md. */
function timingPlan(readme: string): PlanRow[] {
  const section = readme.split('## Timing plan for speakers')[1].split('\n## ')[0]
  return section
    .split('\n')
    .filter((line) => /^\|\s*\d/.test(line))
    .map((line) => {
      const cells = line.split('|').slice(1, -1).map((c) => c.trim())
      const [first, last] = cells[0].split(/[–-]/).map(Number)
      return {
        first,
        last: last ?? first,
        section: cells[1],
        demoSeconds: seconds(cells[3]),
        budgetSeconds: seconds(cells[4]),
        wordsMax: Number(cells[5].replace(/,/g, '')),
        wordsNow: Number(cells[6].replace(/,/g, '')),
      }
    })
}

/** The notes of each section: the title slide's belong to the opening. */
async function sections(): Promise<{ file: string; notes: string[] }[]> {
  const files = [...Deno.readDirSync(new URL('pages/', root))]
    .map((e) => e.name)
    .filter((name) => name.endsWith('.md'))
    .sort()
  const result = []
  for (const name of files) {
    result.push({ file: `pages/${name}`, notes: notesOf(await Deno.readTextFile(new URL(`pages/${name}`, root))) })
  }
  const cover = notesOf(await Deno.readTextFile(new URL('slides.md', root)))
  result[0].notes.unshift(...cover)
  return result
}

const readme = await Deno.readTextFile(new URL('README.md', root))
const plan = timingPlan(readme)
const deck = await sections()

Deno.test('the timing plan has one row per section, and its slide ranges match the deck', () => {
  assertEquals(plan.length, deck.length, 'one README row per pages/*.md file')
  let next = 1
  for (const [i, row] of plan.entries()) {
    const slides = deck[i].notes.length
    assertEquals(
      [row.first, row.last],
      [next, next + slides - 1],
      `${row.section} (${deck[i].file}) has ${slides} slides`,
    )
    next += slides
  }
})

Deno.test('the plan adds up to 35 minutes, and each word budget is its speaking time at 140 wpm', () => {
  assertEquals(plan.reduce((s, r) => s + r.budgetSeconds, 0), 35 * 60)
  for (const row of plan) {
    const words = Math.floor(((row.budgetSeconds - row.demoSeconds) / 60) * WORDS_PER_MINUTE)
    assertEquals(row.wordsMax, words, `${row.section}: words max`)
  }
})

Deno.test('every note has its spoken part first, of at least 12 words', () => {
  for (const { file, notes } of deck) {
    for (const note of notes) {
      const spoken = countWords(spokenPart(note))
      assert(spoken >= 12, `${file}: a note speaks only ${spoken} words: ${note.slice(0, 60)}`)
    }
  }
})

Deno.test('each section speaks within its budget, and the README says how much', () => {
  const rows = plan.map((row, i) => {
    const words = deck[i].notes.reduce((sum, note) => sum + countWords(spokenPart(note)), 0)
    return { section: row.section, words, max: row.wordsMax, stated: row.wordsNow }
  })
  const over = rows.filter((r) => r.words > r.max)
  assertEquals(over, [], 'sections whose spoken notes run over their budget')
  const stale = rows.filter((r) => r.words !== r.stated)
  assertEquals(stale, [], 'README "words now" column is out of date: write the counted words')
  const total = rows.reduce((s, r) => s + r.words, 0)
  const max = rows.reduce((s, r) => s + r.max, 0)
  assert(total <= max, `${total} spoken words, budget ${max}`)
})
