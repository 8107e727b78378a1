/**
 * The names the dev server's `--remote` lock (../server/remoteGuard.ts) and
 * the deck's pages share. Nothing secret: the password and the lead token
 * stay on the server and in an HttpOnly cookie.
 */

/** The HttpOnly cookie of a device that gave the password. */
export const LEAD_COOKIE = 'deck-lead'
/** The HMR event the server sends back to a socket whose message it dropped. */
export const REFUSED_EVENT = 'deck:refused'
/** How `/@slidev/configs`'s `remote` starts on a page that did not give the password. */
export const HIDDEN_PREFIX = 'hidden-by-server:'

/** Whether this page's settings hold a stand-in, not the password: the server checks it instead. */
export function passwordHidden(remote: unknown): boolean {
  return typeof remote === 'string' && remote.startsWith(HIDDEN_PREFIX)
}

/**
 * Where to send a device that typed `typed` for a page that asks for the
 * password: the same page, loaded anew with it, so the server can check it.
 */
export function withPassword(href: string, typed: string): string {
  const url = new URL(href)
  url.searchParams.set('password', typed)
  return url.href
}
