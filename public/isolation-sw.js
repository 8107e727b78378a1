/*
 * A service worker for static hosts that cannot set response headers
 * (GitHub Pages): it fetches each of the deck's own responses as usual and
 * hands it on with the two headers that make the page cross-origin isolated
 * (the same two as logic/isolationHeaders.ts), so SharedArrayBuffer exists
 * for the shared-memory demo. index.html registers it only when the page is
 * not isolated already, and reloads the page once when it takes control.
 *
 * It caches nothing and answers nothing itself: offline, a request fails
 * exactly as it would without it.
 */
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
}

// Statuses whose responses may not carry a body.
const NO_BODY = new Set([101, 103, 204, 205, 304])

self.addEventListener('install', () => self.skipWaiting())
// Take the open pages at once, so index.html's one reload finds them controlled.
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))
// A page loaded past this worker (a hard reload) asks to be taken too.
self.addEventListener('message', (event) => {
  if (event.data === 'claim') event.waitUntil(self.clients.claim())
})

self.addEventListener('fetch', (event) => {
  const request = event.request
  // Only the deck's own files (it loads nothing else); other requests go on untouched.
  if (new URL(request.url).origin !== self.location.origin) return
  // Chromium rejects re-fetching such a request from a worker (DevTools sends them).
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return
  event.respondWith(withIsolation(request))
})

async function withIsolation(request) {
  const response = await fetch(request)
  // A redirect handed back to a navigation is followed by the page, and its
  // next request comes through here again; an opaque response has no headers to add to.
  if (response.type === 'opaqueredirect' || response.status === 0) return response
  const headers = new Headers(response.headers)
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value)
  return new Response(NO_BODY.has(response.status) ? null : response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  })
}
