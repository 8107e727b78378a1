/**
 * What the Python host (python.worker.ts) does with Python's own words:
 * the setup code run once per interpreter, tracebacks cut down to the
 * user's frames (Pyodide's own frames say nothing to the audience), the
 * editor position of an error, and the clear line for a program that tries
 * to start a thread or a process.
 */

/**
 * Runs once per interpreter, before any program. Where the browser cannot
 * suspend WebAssembly for a promise (no JS Promise Integration),
 * `__sandbox_fallback()` makes `asyncio.run(main())` schedule `main()` on
 * Pyodide's event loop instead of blocking, and the runner then waits for
 * every task (`__sandbox_drain`).
 */
export const PYTHON_SETUP = `
import asyncio

def __sandbox_can_run_sync():
    try:
        from pyodide.ffi import can_run_sync
        return bool(can_run_sync())
    except Exception:
        return False

async def __sandbox_drain():
    while True:
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task() and not t.done()]
        if not tasks:
            return
        await asyncio.wait(tasks)

def __sandbox_fallback():
    def run(main, *, debug=None, loop_factory=None):
        return asyncio.ensure_future(main)
    asyncio.run = run
`

export const ONE_THREAD =
  'This Python runs on one thread, in WebAssembly: it cannot start threads (threading) or processes (multiprocessing). The slide\'s native capture shows the real threads.'

/** A traceback with only the frames in `file` (and the lines under them). */
export function cleanTraceback(text: string, file: string): string {
  const lines = text.replace(/\s+$/, '').split('\n')
  const out: string[] = []
  let keep = true
  for (const line of lines) {
    const frame = /^ {2}File "([^"]*)", line \d+/.exec(line)
    if (frame) keep = frame[1] === file
    else if (!line.startsWith('    ')) keep = true
    if (keep) out.push(line)
  }
  return out.join('\n')
}

/** The last position in `file` a traceback names, for the editor's marker. */
export function tracebackPosition(text: string, file: string): { line: number; column: number } | undefined {
  let at: { line: number; column: number } | undefined
  const re = /^ {2}File "([^"]*)", line (\d+)/gm
  for (const m of text.matchAll(re)) if (m[1] === file) at = { line: Number(m[2]), column: 1 }
  return at
}

/** The program tried to start a thread or a process, which Pyodide cannot. */
export function wantsThreads(traceback: string): boolean {
  return /can't start new thread|No module named '?_?multiprocessing|multiprocessing|_posixsubprocess|OSError: \[Errno 52\]|not supported on (this|Emscripten)/i
    .test(traceback.split('\n').slice(-3).join('\n'))
}

/** The exception's own line (`ZeroDivisionError: division by zero`), for the editor's marker. */
export function errorLine(traceback: string): string {
  const lines = traceback.trim().split('\n')
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/^[A-Za-z_][\w.]*(Error|Exception|Warning|Interrupt|Exit)\b/.test(lines[i])) return lines[i]
  }
  return lines.at(-1) ?? 'Error'
}
