import { deepStrictEqual as assertEquals, ok as assert } from 'node:assert/strict'
import { cleanTraceback, errorLine, tracebackPosition, wantsThreads } from './python-traceback.ts'

// As Pyodide 314 reports them: its own frames first, then the program's.
const ZERO = `Traceback (most recent call last):
  File "/lib/python314.zip/_pyodide/_base.py", line 597, in eval_code_async
    await CodeRunner(
    ...<9 lines>...
    .run_async(globals, locals)
  File "demo.py", line 3, in <module>
    f()
    ~^^
  File "demo.py", line 2, in f
    1/0
    ~^~
ZeroDivisionError: division by zero`

Deno.test('a traceback keeps only the program\'s frames, and names its last line', () => {
  assertEquals(
    cleanTraceback(ZERO, 'demo.py'),
    `Traceback (most recent call last):
  File "demo.py", line 3, in <module>
    f()
    ~^^
  File "demo.py", line 2, in f
    1/0
    ~^~
ZeroDivisionError: division by zero`,
  )
  assertEquals(tracebackPosition(ZERO, 'demo.py'), { line: 2, column: 1 })
  assertEquals(errorLine(ZERO), 'ZeroDivisionError: division by zero')
})

Deno.test('a syntax error points at its line; a traceback outside the program has no position', () => {
  const syntax = `Traceback (most recent call last):
  File "/lib/python314.zip/_pyodide/_base.py", line 340, in _parse_and_compile_gen
    mod = compile(source, filename, mode, flags | ast.PyCF_ONLY_AST)
  File "demo.py", line 4
    x = (
        ^
SyntaxError: '(' was never closed`
  assertEquals(tracebackPosition(syntax, 'demo.py'), { line: 4, column: 1 })
  assertEquals(errorLine(syntax), "SyntaxError: '(' was never closed")
  assertEquals(tracebackPosition('RuntimeError: x', 'demo.py'), undefined)
})

Deno.test('threads and processes are recognised; other errors are not', () => {
  assert(wantsThreads('  File "demo.py", line 2\nRuntimeError: can\'t start new thread'))
  assert(wantsThreads("ModuleNotFoundError: No module named '_multiprocessing'\nThe module '_multiprocessing' is removed from the Python standard library in the Pyodide distribution due to browser limitations.\nSee https://pyodide.org/en/stable/usage/loading-packages.html for more details."))
  assert(wantsThreads('NotImplementedError: This Python build lacks multiprocessing.synchronize, usually due to named semaphores being unavailable on this platform.'))
  assert(!wantsThreads(ZERO))
})
