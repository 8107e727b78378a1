/**
 * Runs every Go and Python snippet the slides show and stores what it really
 * printed in `snippets/captured/<snippet>.txt`, which the slides import
 * beside the code. Each capture starts with where and when it was made (the
 * Go or Python version, the core count, the date), and `captured/index.json`
 * keeps a hash of each snippet so `snippets.test.ts` fails when a snippet
 * changed and its capture was not refreshed.
 *
 *     deno run -A snippets/capture.ts            (every snippet)
 *     deno run -A snippets/capture.ts race.go    (only the snippets named)
 *
 * A tool that is not installed is not an error: the capture then says so,
 * and so does the slide.
 */

export interface Capture {
  /** The snippet file, in `snippets/`. */
  snippet: string
  /** The tool the runs need, as a person installs it. */
  tool: 'go' | 'python3'
  /** Each run: the command line, as shown on the slide. */
  runs: string[][]
}

export const CAPTURES: Capture[] = [
  { snippet: 'goroutines.go', tool: 'go', runs: [['go', 'run', 'goroutines.go']] },
  { snippet: 'threads_gil.py', tool: 'python3', runs: [['python3', 'threads_gil.py']] },
  { snippet: 'processes.py', tool: 'python3', runs: [['python3', 'processes.py']] },
  {
    snippet: 'race.go',
    tool: 'go',
    runs: [
      ['for', 'i', 'in', '1', '2', '3;', 'do', 'go', 'run', 'race.go;', 'done'],
      ['go', 'run', '-race', 'race.go'],
    ],
  },
  { snippet: 'race_mutex.go', tool: 'go', runs: [['go', 'run', '-race', 'race_mutex.go']] },
  {
    snippet: 'cpu_pool.go',
    tool: 'go',
    runs: [['go', 'run', 'cpu_pool.go'], ['GOMAXPROCS=1', 'go', 'run', 'cpu_pool.go']],
  },
]

export const dir = new URL('.', import.meta.url).pathname
export const capturedDir = `${dir}captured/`

/** Hex SHA-256 of a snippet's source: what the capture was made from. */
export async function sourceHash(snippet: string): Promise<string> {
  const bytes = await Deno.readFile(`${dir}${snippet}`)
  const digest = await crypto.subtle.digest('SHA-256', bytes)
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

async function output(cmd: string[]): Promise<{ ok: boolean; code: number; text: string }> {
  try {
    const out = await new Deno.Command(cmd[0], {
      args: cmd.slice(1),
      cwd: dir,
      // GOFLAGS off: a developer's own flags must not change what the slide shows.
      env: { GOFLAGS: '' },
    }).output()
    const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr)
    return { ok: true, code: out.code, text }
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return { ok: false, code: -1, text: '' }
    throw error
  }
}

/** The tool's version as it names itself: `go1.26.8`, `Python 3.11.7`. */
async function version(tool: Capture['tool']): Promise<string | null> {
  const run = await output(tool === 'go' ? ['go', 'version'] : ['python3', '--version'])
  if (!run.ok || run.code !== 0) return null
  const text = run.text.trim()
  return tool === 'go' ? (/go\d+(\.\d+)+/.exec(text)?.[0] ?? text) : text
}

/** What `tidy` took out of a run's output, said in the capture's header. */
export const TRIMMED = {
  created: '"Goroutine N created at" stacks',
  paths: 'the folders in file paths',
} as const

/**
 * The race detector's report is long: keep what a slide can show. Drop the
 * "Goroutine N created at" blocks (where the goroutines were started) and
 * shorten absolute paths to the file name; keep the first report of a race
 * and count the others. `removed` collects what was taken out, so the
 * capture can say it is trimmed.
 */
export function tidy(text: string, removed = new Set<string>()): string {
  if (text.includes(dir)) removed.add(TRIMMED.paths)
  const kept: string[] = []
  let skipping = false
  for (const line of text.replaceAll(dir, '').split('\n')) {
    if (/^Goroutine \d+ \(.*\) created at:$/.test(line)) {
      skipping = true
      removed.add(TRIMMED.created)
    }
    if (skipping && (line.trim() === '' || line.startsWith('====='))) {
      skipping = false
      if (line.trim() === '') continue
    }
    if (skipping) continue
    kept.push(line)
  }
  // One report shows the race; later ones (the same lines, other goroutines) are counted.
  const reports: string[] = []
  let dropped = 0
  for (let i = 0; i < kept.length; i++) {
    const start = kept[i].startsWith('=====') && kept[i + 1] === 'WARNING: DATA RACE'
    if (!start) {
      reports.push(kept[i])
      continue
    }
    let end = i + 1
    while (end < kept.length && !kept[end].startsWith('=====')) end++
    if (reports.some((line) => line === 'WARNING: DATA RACE')) dropped++
    else reports.push(...kept.slice(i, end + 1))
    i = end
  }
  if (dropped) removed.add(`${dropped} more report${dropped === 1 ? '' : 's'} on the same lines`)
  return reports.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()
}

/** A `#` comment in lines of at most `width` characters, so a narrow capture column shows it whole. */
export function wrapComment(text: string, width = 44): string[] {
  const lines: string[] = []
  let line = '#'
  for (const word of text.split(' ')) {
    if (line.length > 2 && line.length + 1 + word.length > width) {
      lines.push(line)
      line = '# '
    }
    line += ` ${word}`
  }
  return [...lines, line]
}

export interface Index {
  [snippet: string]: { sha256: string; captured: string; tool: string | null; cores: number }
}

async function captureOne(c: Capture, date: string): Promise<Index[string]> {
  const cores = navigator.hardwareConcurrency
  const ver = await version(c.tool)
  const name = c.tool === 'go' ? 'Go' : 'Python'
  const lines: string[] = []
  if (ver === null) {
    lines.push(
      `# ${name} was not installed when this was captured (${date}),`,
      `# so there is no output to show. Install ${name} and run`,
      '# deno run -A snippets/capture.ts',
    )
  } else {
    lines.push(`# ${ver} · ${cores} cores`, `# captured ${date} on ${Deno.build.os}`)
    const removed = new Set<string>()
    const runs: string[] = []
    for (const cmd of c.runs) {
      // One stream, stdout and stderr in the order the program wrote them.
      const run = await output(['sh', '-c', `${cmd.join(' ')} 2>&1`])
      runs.push(`$ ${cmd.join(' ')}`, tidy(run.text, removed))
    }
    // The slides call captures what the programs really printed: say what was cut.
    if (removed.size) lines.push(...wrapComment(`trimmed, left out: ${[...removed].join(', ')}`))
    lines.push(...runs)
  }
  await Deno.writeTextFile(`${capturedDir}${c.snippet}.txt`, lines.join('\n') + '\n')
  return { sha256: await sourceHash(c.snippet), captured: date, tool: ver, cores }
}

if (import.meta.main) {
  await Deno.mkdir(capturedDir, { recursive: true })
  const date = new Date().toISOString().slice(0, 10)
  // `capture.ts race.go` re-captures only the snippets named; the others keep theirs.
  const only = Deno.args.filter((a) => !a.startsWith('-'))
  const unknown = only.filter((name) => !CAPTURES.some((c) => c.snippet === name))
  if (unknown.length) throw new Error(`not a snippet in CAPTURES: ${unknown.join(', ')}`)
  const index: Index = only.length
    ? JSON.parse(await Deno.readTextFile(`${capturedDir}index.json`).catch(() => '{}'))
    : {}
  for (const c of CAPTURES.filter((c) => !only.length || only.includes(c.snippet))) {
    index[c.snippet] = await captureOne(c, date)
    console.log(`captured ${c.snippet}`)
  }
  await Deno.writeTextFile(`${capturedDir}index.json`, JSON.stringify(index, null, 2) + '\n')
}
