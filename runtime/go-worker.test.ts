// The Go host's worker, run for real in a Deno worker with programs this
// machine's Go compiles to js/wasm (skipped where Go is not installed; CI
// has it): output comes as lines, exit 0 ends `done`, and a deadlock ends
// `error` with Go's own fatal line and the exit status, instead of hanging.
import { deepStrictEqual as assertEquals, match as assertMatch, ok as assert } from 'node:assert/strict'
import { DEFAULT_LIMITS } from './limits.ts'
import type { SandboxMessage } from './protocol.ts'
import type { GoWorkerMessage } from './go.worker.ts'
import { hasCommand } from '../scripts/has-command.ts'

const hasGo = await hasCommand('go')

async function compile(source: string): Promise<{ wasm: Uint8Array; wasmExec: Uint8Array }> {
  const dir = await Deno.makeTempDir()
  try {
    await Deno.writeTextFile(`${dir}/main.go`, source)
    const build = await new Deno.Command('go', {
      args: ['build', '-o', `${dir}/main.wasm`, `${dir}/main.go`],
      env: { GOOS: 'js', GOARCH: 'wasm', GOFLAGS: '' },
    }).output()
    assert(build.success, new TextDecoder().decode(build.stderr))
    const root = new TextDecoder().decode((await new Deno.Command('go', { args: ['env', 'GOROOT'] }).output()).stdout).trim()
    return { wasm: await Deno.readFile(`${dir}/main.wasm`), wasmExec: await Deno.readFile(`${root}/lib/wasm/wasm_exec.js`) }
  } finally {
    await Deno.remove(dir, { recursive: true })
  }
}

/** Runs a program in go.worker.ts and resolves with everything it reported, once the run has ended. */
async function run(source: string): Promise<SandboxMessage[]> {
  const { wasm, wasmExec } = await compile(source)
  const worker = new Worker(new URL('./go.worker.ts', import.meta.url), { type: 'module' })
  const deck = new MessageChannel()
  const host = new MessageChannel()
  worker.postMessage({ type: 'connect', deck: deck.port2, host: host.port2 }, [deck.port2, host.port2])
  const got: SandboxMessage[] = []
  try {
    return await new Promise((resolve) => {
      deck.port1.onmessage = (e: MessageEvent<SandboxMessage>) => {
        got.push(e.data)
        if (e.data.type === 'done' || e.data.type === 'error') resolve(got)
      }
      const msg: GoWorkerMessage = {
        type: 'run',
        file: 'main.go',
        limits: DEFAULT_LIMITS,
        wasm: wasm.buffer as ArrayBuffer,
        wasmExec: wasmExec.buffer as ArrayBuffer,
      }
      deck.port1.postMessage(msg)
    })
  } finally {
    worker.terminate()
    deck.port1.close()
    host.port1.close()
  }
}

const texts = (ms: SandboxMessage[]) => ms.flatMap((m) => (m.type === 'lines' ? m.lines.map((l) => `${l.level}: ${l.text}`) : []))

Deno.test({
  name: 'go.worker: goroutines print line by line, and exit 0 ends the run done',
  ignore: !hasGo,
  async fn() {
    const got = await run(`package main

import (
	"fmt"
	"time"
)

func main() {
	done := make(chan int)
	for _, ms := range []int{30, 10, 20} {
		go func(ms int) {
			time.Sleep(time.Duration(ms) * time.Millisecond)
			done <- ms
		}(ms)
		fmt.Println("job", <-done)
	}
	fmt.Print("no newline at the end")
}
`)
    assertEquals(texts(got), ['log: job 30', 'log: job 10', 'log: job 20', 'log: no newline at the end'])
    assert(got.some((m) => m.type === 'started'))
    assertEquals(got.at(-1), { type: 'done' })
  },
})

Deno.test({
  name: 'go.worker: a deadlock ends the run with Go\'s fatal line and its exit status, not a hang',
  ignore: !hasGo,
  async fn() {
    const got = await run(`package main

import "fmt"

func main() {
	fmt.Println("waiting")
	<-make(chan int)
}
`)
    const out = texts(got).join('\n')
    assertMatch(out, /^log: waiting\n/)
    assertMatch(out, /error: fatal error: all goroutines are asleep - deadlock!/)
    assertMatch(out, /system: exit status 2$/)
    assertEquals(got.at(-1)?.type, 'error')
  },
})
