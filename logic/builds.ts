/**
 * The steps of each concept diagram's build: one click of the speaker's
 * clicker per step, in the order the slide's notes tell them. A slide that
 * shows a diagram sets `clicks:` to its step count and marks each step in
 * its notes with `[click]` (logic/builds.test.ts checks both); the diagram
 * reads the slide's clicks through ../composables/useBuild.ts. Step 0 is
 * what shows before the first click.
 */
export const BUILDS = {
  EventLoopDiagram: ['the call stack', 'the task queue', 'the microtasks', 'render'],
  DeliveryAnalogy: ['you', 'the order', 'the kitchen and the rider', 'the notification'],
  ConcurrencyVsParallelism: ['time slices on one core', 'one event loop', 'two cores'],
  ThreadsVsWorkers: ['two workers', 'messages'],
  KitchenAnalogy: ['the cook', 'the oven and the pot', 'a second cook'],
} as const satisfies Record<string, readonly string[]>

export type BuildName = keyof typeof BUILDS

/** The component names, for finding a diagram in a slide's markdown. */
export const BUILD_NAMES = Object.keys(BUILDS) as BuildName[]

/** `[click]` markers in a note (Slidev's own syntax; `[click:2]` counts two). */
export function clickMarkers(note: string): number {
  return [...note.matchAll(/\[click(?::(\d+))?\]/gi)].reduce((n, m) => n + Number(m[1] ?? 1), 0)
}
