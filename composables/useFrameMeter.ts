/**
 * A frame meter for the page's main thread: a requestAnimationFrame loop
 * that records how long each frame took, and the Long Tasks API's count of
 * tasks over 50 ms where the browser has it. While the thread is blocked no
 * frame comes, so the meter stops, and the frame after shows the gap.
 *
 * It runs only while `active` (its slide is shown and the meter is on
 * screen): off screen it has no loop and no observer, and costs nothing.
 */
import { onScopeDispose, type Ref, shallowRef, watch } from 'vue'

/** A frame longer than this is marked as long: the Long Tasks API's own threshold. */
export const LONG_MS = 50
/** How many frame times the graph keeps. */
export const FRAMES_KEPT = 120

export interface FrameMeterOptions {
  active: Ref<boolean>
  /** Called every frame with the ring of recent frame times (ms), newest last. */
  draw?: (frames: readonly number[], x: number) => void
}

export function useFrameMeter({ active, draw }: FrameMeterOptions) {
  const fps = shallowRef(0)
  /** The longest frame since the meter started, in ms. */
  const longest = shallowRef(0)
  /** Long tasks the browser reported since the meter started; `undefined` without the API. */
  const longTasks = shallowRef<number>()
  const frames: number[] = []
  /** The loop is on: the slide is shown and the meter on screen. */
  const running = shallowRef(false)
  let raf = 0
  let last = 0
  let observer: PerformanceObserver | undefined
  let position = 0
  let second = { start: 0, count: 0 }

  const loop = (now: number) => {
    if (last) {
      const dt = now - last
      frames.push(dt)
      if (frames.length > FRAMES_KEPT) frames.shift()
      if (dt > longest.value) longest.value = Math.round(dt)
    }
    last = now
    second.count++
    if (now - second.start >= 500) {
      fps.value = Math.round((second.count * 1000) / (now - second.start))
      second = { start: now, count: 0 }
    }
    position = (now / 16.67) % 100
    draw?.(frames, position)
    raf = requestAnimationFrame(loop)
  }

  function start() {
    if (raf) return
    running.value = true
    last = 0
    second = { start: performance.now(), count: 0 }
    raf = requestAnimationFrame(loop)
    if (typeof PerformanceObserver === 'function' && PerformanceObserver.supportedEntryTypes?.includes('longtask')) {
      longTasks.value ??= 0
      observer = new PerformanceObserver((list) => {
        longTasks.value = (longTasks.value ?? 0) + list.getEntries().length
      })
      observer.observe({ type: 'longtask' })
    }
  }
  function stop() {
    if (raf) cancelAnimationFrame(raf)
    raf = 0
    running.value = false
    observer?.disconnect()
    observer = undefined
  }
  function reset() {
    frames.length = 0
    longest.value = 0
    if (longTasks.value !== undefined) longTasks.value = 0
  }

  watch(active, (on) => (on ? start() : stop()), { immediate: true })
  onScopeDispose(stop)

  return { fps, longest, longTasks, reset, running }
}
