import { deepStrictEqual as assertEquals } from 'node:assert/strict'
import { useDemoView } from './useDemoView.ts'

const state = (v: ReturnType<typeof useDemoView>) => [v.view.value, v.traced.value, v.loop.value, v.threads.value]

Deno.test('a demo starts with the view its props ask for; the timeline wins over the visualizer', () => {
  assertEquals(useDemoView().view.value, 'console')
  assertEquals(useDemoView({ visualize: true }).view.value, 'loop')
  assertEquals(useDemoView({ timeline: true }).view.value, 'threads')
  assertEquals(useDemoView({ visualize: true, timeline: true }).view.value, 'threads')
  assertEquals(useDemoView({ timeline: true, mainThread: true }).view.value, 'console')
})

Deno.test('one view at a time: a toggle shows its view or goes back to the console; runs are traced while either shows', () => {
  const v = useDemoView({ visualize: true })
  assertEquals(state(v), ['loop', true, true, false])
  v.toggle('threads')
  assertEquals(state(v), ['threads', true, false, true])
  v.toggle('threads')
  assertEquals(state(v), ['console', false, false, false])
  v.toggle('loop')
  assertEquals(state(v), ['loop', true, true, false])
})

Deno.test('main-thread mode offers neither view', () => {
  const v = useDemoView({ mainThread: true })
  v.toggle('loop')
  assertEquals(state(v), ['console', false, false, false])
})
