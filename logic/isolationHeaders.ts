/**
 * The two response headers that make a page cross-origin isolated, so that
 * `SharedArrayBuffer` and `Atomics.wait` in workers exist for the
 * shared-memory demo. One list for every place the deck is served from: the
 * dev and preview servers (vite.config.ts), the e2e harness, and, checked by
 * tests/isolation-headers.test.ts, the static hosts' files in public/
 * (`_headers`, `vercel.json`) and the service worker for hosts that cannot
 * set headers (`public/isolation-sw.js`).
 *
 * COEP is `require-corp` rather than `credentialless`: the deck loads
 * nothing from another origin, so both keep everything working, and
 * `require-corp` is the one Safari supports too.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const
