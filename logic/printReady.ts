/**
 * Tells `slidev export` when the printed deck is really ready.
 *
 * The exporter waits on the `[data-waitfor]` elements it finds once the page
 * has loaded, and on "Loading slide…" placeholders it finds then. On a busy
 * machine the slides can still be arriving at that moment, before either
 * exists: it then prints 45 pages of "Loading slide…" (seen here, one export
 * in six under load). So this marker is in the page from its first script on,
 * and its target appears only once every slide has loaded and every other
 * `[data-waitfor]` (each live demo's sandboxed print run) has its target.
 */
export const READY_ATTRIBUTE = 'data-print-all-ready'

export function markPrintReady(loads: (() => Promise<unknown>)[], doc: Document = document): HTMLElement {
  const marker = doc.createElement('div')
  marker.dataset.waitfor = `[${READY_ATTRIBUTE}]`
  // In the page's corner, invisible, on top of every printed page's content.
  marker.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0;pointer-events:none'
  // First in the body: after the last printed slide it would start a page of its own.
  doc.body.prepend(marker)
  const settled = () =>
    doc.querySelector('.slidev-slide-loading') === null &&
    [...doc.querySelectorAll<HTMLElement>('[data-waitfor]')]
      .filter((el) => el !== marker)
      .every((el) => el.querySelector(el.dataset.waitfor!) !== null)
  Promise.allSettled(loads.map((load) => load())).then(() => {
    const check = () => {
      if (!settled()) return void setTimeout(check, 100)
      const ready = doc.createElement('i')
      ready.setAttribute(READY_ATTRIBUTE, '')
      ready.style.cssText = 'display:block;width:1px;height:1px'
      marker.append(ready)
    }
    check()
  })
  return marker
}
