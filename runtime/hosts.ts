/**
 * The host interface: what a language needs to give run.ts to run its
 * programs. A host starts one run of a program and reports on it through
 * `HostIO`, as `SandboxMessage`s (protocol.ts), the same for every language;
 * run.ts turns those into the run's event stream (events.ts: started,
 * lines, trace, diagnostic, end), under the time limit and the watchdog,
 * and ends the run exactly once.
 *
 * The hosts:
 * - `typescript` (ts-host.ts): a sandbox worker in the sandbox frame;
 * - main-thread mode for the freeze demo (ts-host.ts);
 * - `python` (python-host.ts): CPython on Pyodide in a module worker in the frame;
 * - `go` (go-host.ts): a Go program compiled to js/wasm at build time, in a module worker in the frame.
 *
 * Adding a language is one host file, one line in `HOSTS` (run.ts) and its
 * entry in `LANG_FILES` below (extension, default file name); the
 * UI (useLiveDemo.ts) only passes the demo's `lang` along and consumes the
 * same events whatever the language.
 */
import type { HostedWorker } from './host-pool.ts'
import type { FloodLimits } from './limits.ts'
import type { Diagnostic, LogLevel, SandboxMessage } from './protocol.ts'

export type Lang = 'typescript' | 'python' | 'go'
export const LANGS: readonly Lang[] = ['typescript', 'python', 'go']

/** Each language's file extension, and the file name a run gets unless it says otherwise. */
export const LANG_FILES: Readonly<Record<Lang, { ext: string; file: string }>> = {
  typescript: { ext: 'ts', file: 'demo.ts' },
  python: { ext: 'py', file: 'demo.py' },
  go: { ext: 'go', file: 'main.go' },
}

/** A file's language, from its extension (TypeScript unless it is a .py or .go file). */
export function langOfFile(file: string): Lang {
  return LANGS.find((l) => l !== 'typescript' && file.endsWith(`.${LANG_FILES[l].ext}`)) ?? 'typescript'
}

/** One program to run, as the host gets it. */
export interface Program {
  /** The editor's text. */
  code: string
  /** The name shown in stacks and tracebacks (`demo.ts`, `demo.py`, `main.go`). */
  file: string
  /** Importable sources beside it (TypeScript's demo toolkit). */
  modules: Record<string, string>
  limits: FloodLimits
  /** Record the event loop's trace (TypeScript worker runs only). */
  trace: boolean
  demoId?: string
  /** Longest the code may keep its thread (main-thread mode guards it itself). */
  blockLimitMs: number
  /** The demo's file (`17-goroutines.go`): Go runs the binary built from it. */
  src?: string
  /** That file's text: Go runs its binary only while the code is unchanged. */
  original?: string
}

/** What a host may do to the run it started; run.ts implements it. */
export interface HostIO {
  /** A message from the program's host, already parsed (untrusted input: parse first). */
  receive(m: SandboxMessage | undefined): void
  /** A line of the runner's own, such as load progress. */
  system(text: string, level?: LogLevel): void
  /** The program did not compile: a marker in the editor, if `file` is the editor's, and the end. */
  reject(d: Diagnostic, file: string): void
  /** The host itself failed (could not start, could not load): an error line and the end. */
  fail(text: string): void
  /**
   * Supervises a worker in the sandbox frame for this run: its reports on
   * `worker.port` become `receive` calls, the watchdog pings it (and its
   * frame), and the run's end terminates it. Call before posting to it.
   */
  watch(worker: HostedWorker): void
  /** Whether the run has ended (Stop, a limit, the program). */
  readonly ended: boolean
}

/** A started run, seen from run.ts. */
export interface HostRun {
  /** The run ended (any reason): release what only this run holds. */
  stop(): void
}

export interface Host {
  readonly lang: Lang
  /**
   * The time limit counts from the program's `started`, not from Run: the
   * host may first have to load its language (Pyodide takes seconds cold).
   */
  readonly timeFromStart?: boolean
  /** Gets the next Run ready (a spare worker, the language loaded); cheap to call again. */
  prepare(modules: Record<string, string>): void
  start(program: Program, io: HostIO): HostRun
}
