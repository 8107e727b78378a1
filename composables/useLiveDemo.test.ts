import { deepStrictEqual as assertEquals } from 'node:assert/strict'
import { effectScope } from 'vue'
import type { RunEvent } from '../runtime/events.ts'
import { useLiveDemo } from './useLiveDemo.ts'
import { loadedRuntime } from '../logic/runtimeLoader.ts'

const memory = () => {
  let kept: string | undefined
  return { load: () => kept, save: (v: string) => ((kept = v), true), clear: () => void (kept = undefined) }
}

Deno.test("stopping a run this window only shows (another window's) says nothing to the other windows", () => {
  const scope = effectScope()
  scope.run(() => {
    const demo = useLiveDemo({ id: 'd', src: 'x.ts', storage: memory(), search: '' })
    const heard: RunEvent[] = []
    demo.onRunEvent((e) => heard.push(e))
    demo.replay([
      { seq: 0, type: 'started', code: 'console.log(1)', lang: 'typescript', trace: false },
      { seq: 1, type: 'lines', lines: [{ level: 'log', text: '1', t: 0, depth: 0 }], dropped: 0 },
    ])
    assertEquals(demo.status.value, 'running')
    // Leaving the slide stops the demo: the window that runs it stops its own run and says so.
    demo.stop()
    assertEquals(heard, [])
    assertEquals(demo.lines.value.map((l) => l.text), ['1'])
  })
  scope.stop()
})

Deno.test('Stop while the runner is still loading ends the run as stopped, and tells the other windows', async () => {
  // This path needs a runner not yet loaded in this process (the unit tests share one).
  assertEquals(loadedRuntime(), undefined)
  const scope = effectScope()
  await scope.run(async () => {
    const demo = useLiveDemo({ id: 'd', src: 'x.ts', storage: memory(), search: '' })
    const heard: RunEvent[] = []
    demo.onRunEvent((e) => heard.push(e))
    const finished = demo.run()
    demo.stop()
    assertEquals(heard.map((e) => e.type), ['started', 'lines', 'end'])
    assertEquals(demo.status.value, 'stopped')
    assertEquals(await finished, 'stopped')
  })
  scope.stop()
})
