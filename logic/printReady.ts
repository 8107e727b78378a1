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
 *
 * A slide's chunk can load before the live demo inside it has mounted (its
 * component is a chunk of its own): for that moment there is neither a
 * placeholder nor a `[data-waitfor]` to wait on, and an export under load
 * printed the event-loop demo's page without its run. So every demo the deck
 * has (`demoIds`, from virtual:demo-ids; none for a printed range) must also
 * be on the page, each copy of it printing.
 */
export const READY_ATTRIBUTE = 'data-print-all-ready'

export function markPrintReady(
  loads: (() => Promise<unknown>)[],
  demoIds: Promise<readonly string[]>,
  doc: Document = document,
): HTMLElement {
  const marker = doc.createElement('div')
  marker.dataset.waitfor = `[${READY_ATTRIBUTE}]`
  // In the page's corner, invisible, on top of every printed page's content.
  marker.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0;pointer-events:none'
  // First in the body: after the last printed slide it would start a page of its own.
  doc.body.prepend(marker)
  let ids: readonly string[] = []
  const demos = () => [...doc.querySelectorAll<HTMLElement>('[data-live-demo]')]
  const settled = () =>
    doc.querySelector('.slidev-slide-loading') === null &&
    ids.every((id) => demos().some((el) => el.dataset.liveDemo === id)) &&
    demos().every((el) => el.dataset.waitfor !== undefined) &&
    [...doc.querySelectorAll<HTMLElement>('[data-waitfor]')]
      .filter((el) => el !== marker)
      .every((el) => el.querySelector(el.dataset.waitfor!) !== null)
  const known = demoIds.then((list) => void (ids = list))
  Promise.allSettled([...loads.map((load) => load()), known]).then(() => {
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
