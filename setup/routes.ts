/**
 * With `--remote`, a page that did not give the password gets a stand-in
 * for it in its settings (server/remoteGuard.ts), so Slidev's own prompt
 * (`/entry`, `/presenter`, …) could never match. Here, on such a page, the
 * password typed in the prompt goes to the server instead: the page loads
 * again with `?password=`, the server checks it and, if right, this device
 * leads from then on; if wrong, Slidev's check refuses it as before.
 */
import { configs } from '@slidev/client'
import { passwordHidden, withPassword } from '../logic/remoteLock.ts'

// The parts of vue-router's types used here, kept local: vue-router is
// Slidev's dependency, not the deck's.
interface Location {
  query: Record<string, unknown>
  fullPath: string
}
type Guard = (to: Location, from: Location) => unknown
interface RouteRecord {
  beforeEnter?: unknown
}

export default function setupRoutes<R extends RouteRecord>(routes: R[]): R[] {
  if (!passwordHidden(configs.remote)) return routes
  for (const route of routes) {
    const slidevGuard = route.beforeEnter as Guard | undefined
    if (typeof slidevGuard !== 'function') continue
    route.beforeEnter = ((to: Location, from: Location) => {
      if (to.query.password !== undefined) return slidevGuard(to, from)
      const typed = prompt('Enter password')
      if (typed === null) return slidevGuard({ ...to, query: { ...to.query, password: '' } }, from)
      location.assign(withPassword(new URL(import.meta.env.BASE_URL.replace(/\/$/, '') + to.fullPath, location.origin).href, typed))
      return false
    }) as Guard
  }
  return routes
}
