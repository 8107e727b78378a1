/**
 * Runs every Go and Python snippet shown on the slides and checks what it
 * really prints, so the code on screen is known to work.
 */
import assert from 'node:assert/strict'
import { CAPTURES, capturedDir, type Index, sourceHash } from './capture.ts'
import { hasCommand } from '../scripts/has-command.ts'

const dir = new URL('.', import.meta.url).pathname

async function run(cmd: string, args: string[]): Promise<string> {
  const out = await new Deno.Command(cmd, { args, cwd: dir }).output()
  const stderr = new TextDecoder().decode(out.stderr)
  assert.equal(out.code, 0, `${cmd} ${args.join(' ')} failed:\n${stderr}`)
  return new TextDecoder().decode(out.stdout)
}


/**
 * Go runs the .go snippets natively where it is installed (CI has it). On a
 * machine without Go, as on a newcomer's laptop, those runs are skipped, as
 * the Go e2e tests are, and the captures beside them are still checked below.
 * Debian's own golang-go (1.19) would not do: the snippets need Go 1.25 or
 * later (sync.WaitGroup.Go), so nothing is installed here.
 */
const withGo = await hasCommand('go')

const seconds = (text: string, label: string): number => {
  const m = new RegExp(`${label}\\s*([\\d.]+) s`).exec(text)
  assert.ok(m, `no "${label}" time in:\n${text}`)
  return Number(m[1])
}

Deno.test('goroutines.go: three goroutines finish in order of their waits, together', { ignore: !withGo }, async () => {
  const lines = (await run('go', ['run', 'goroutines.go'])).trim().split('\n')
  // Started in the order 300, 100, 200 and done in the order 100, 200, 300:
  // the 300 ms wait began first and ended last, so the waits overlapped. The
  // order proves it on a machine of any speed; a bound on the total would be
  // a wall-clock check that a busy machine can fail.
  assert.deepEqual(lines.map((l) => l.split(' ')[0]), ['100', '200', '300'])
  // A sleep is a lower bound: the last is done at 300 ms or later.
  const last = Number(/done at (\d+) ms/.exec(lines[2])?.[1])
  assert.ok(last >= 300, lines[2])
})

Deno.test('threads_gil.py: times the work one after the other and in two threads, and reports only what Python says', async () => {
  const text = await run('python3', ['threads_gil.py'])
  const cpu = (label: string) => Number(new RegExp(`${label}\\s*[\\d.]+ s, CPU ([\\d.]+) s`).exec(text)?.[1])
  const wall = seconds(text, 'two threads:')
  assert.ok(seconds(text, 'one after the other:') > 0 && wall > 0, text)
  assert.ok(cpu('one after the other:') > 0 && cpu('two threads:') > 0, text)
  const free = /free-threaded build: (yes|no)/.exec(text)?.[1]
  assert.ok(free, text)
  // With the GIL, two threads never keep two cores busy: their CPU time
  // stays within their wall-clock time (the times are printed rounded).
  if (free === 'no') assert.ok(cpu('two threads:') <= wall * 1.2 + 0.02, text)
  // Python 3.13+ says whether the GIL is on; older ones say they cannot.
  assert.match(text, /GIL enabled: (True|False)|no sys\._is_gil_enabled\(\): new in 3\.13/)
})

Deno.test('processes.py: a process pool gets the same results; the speed-up follows from the printed times', async () => {
  const text = await run('python3', ['processes.py'])
  const one = seconds(text, '1 process:')
  const two = seconds(text, '2 processes:')
  const m = /speed-up ([\d.]+) \/ ([\d.]+) = (\d+\.\d)×/.exec(text)
  assert.ok(m, text)
  assert.deepEqual([Number(m[1]), Number(m[2])], [one, two])
  assert.equal(m[3], (one / two).toFixed(1))
})

Deno.test('race.go: the race detector reports the unsynchronised counter++ and exits 66', { ignore: !withGo }, async () => {
  const out = await new Deno.Command('go', { args: ['run', '-race', 'race.go'], cwd: dir }).output()
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr)
  assert.equal(out.code, 1, text) // go run reports the program's exit status 66 and fails
  assert.match(text, /WARNING: DATA RACE/)
  assert.match(text, /exit status 66/)
  const [, got, of] = /counter: (\d+) of (\d+)/.exec(text) ?? []
  assert.ok(Number(got) <= Number(of), text)
})

Deno.test('race_mutex.go: with a mutex no update is lost and the race detector is quiet', { ignore: !withGo }, async () => {
  const text = await run('go', ['run', '-race', 'race_mutex.go'])
  assert.equal(text.trim(), 'counter: 8000000 of 8000000')
})

Deno.test('cpu_pool.go: reports the CPUs and GOMAXPROCS Go sees, three timed runs and the speed-up between the last two', { ignore: !withGo }, async () => {
  for (const procs of [undefined, 1]) {
    const out = await new Deno.Command('go', {
      args: ['run', 'cpu_pool.go'],
      cwd: dir,
      env: procs ? { GOMAXPROCS: String(procs) } : {},
    }).output()
    const text = new TextDecoder().decode(out.stdout)
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr))
    const lines = text.trim().split('\n')
    const [, cpus, max] = /^NumCPU: (\d+) · GOMAXPROCS: (\d+)$/.exec(lines[0]) ?? []
    assert.ok(Number(cpus) >= 1, text)
    assert.equal(Number(max), procs ?? Number(cpus), text)
    const runs = lines.slice(1, 4).map((l) => /^(\d) goroutine\(s\): (\d+) ms$/.exec(l))
    assert.deepEqual(runs.map((m) => m?.[1]), ['1', '1', '4'], text)
    const [one, four] = [Number(runs[1]![2]), Number(runs[2]![2])]
    const speedUp = Number(/^speed-up: (\d+\.\d\d)×$/.exec(lines[4])?.[1])
    // Printed ms are truncated and the ratio rounded: it lies between the bounds they allow.
    assert.ok(speedUp >= one / (four + 1) - 0.005 && speedUp <= (one + 1) / four + 0.005, text)
  }
})

Deno.test('every snippet has a capture, made from its current source', async () => {
  const index: Index = JSON.parse(await Deno.readTextFile(`${capturedDir}index.json`))
  const shown = [...Deno.readDirSync(dir)]
    .map((e) => e.name)
    .filter((n) => /\.(go|py)$/.test(n))
    .sort()
  assert.deepEqual(CAPTURES.map((c) => c.snippet).sort(), shown, 'a snippet is missing from CAPTURES')
  const stale: string[] = []
  for (const { snippet } of CAPTURES) {
    const entry = index[snippet]
    if (!entry || entry.sha256 !== await sourceHash(snippet)) stale.push(snippet)
    const text = await Deno.readTextFile(`${capturedDir}${snippet}.txt`)
    assert.match(text, /^# (.+ · \d+ cores\n# captured \d{4}-\d\d-\d\d on |(Go|Python) was not installed)/, snippet)
  }
  assert.deepEqual(
    stale,
    [],
    'these snippets changed since their output was captured: run `deno run -A snippets/capture.ts`',
  )
})

Deno.test('the captures show what the slides say they show', async () => {
  const read = (s: string) => Deno.readTextFile(`${capturedDir}${s}.txt`)
  const ran = (text: string) => !/was not installed/.test(text)
  const race = await read('race.go')
  if (ran(race)) {
    assert.match(race, /\$ go run -race race\.go\n=+\nWARNING: DATA RACE/)
    assert.match(race, /Found \d+ data race\(s\)\nexit status 66/)
  }
  const mutex = await read('race_mutex.go')
  if (ran(mutex)) assert.match(mutex, /counter: 8000000 of 8000000\n$/)
})
