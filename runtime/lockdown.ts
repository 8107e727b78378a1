/**
 * Cuts the sandbox worker off from everything outside it: the network, the
 * origin's storage (shared with the deck), Slidev's presenter sync channel,
 * code-from-strings, and closing itself.
 *
 * Every blocked name is replaced on the global AND on each prototype in its
 * chain that defines it, so reaching for the original through
 * `Object.getOwnPropertyDescriptor(WorkerGlobalScope.prototype, 'x')` finds
 * only the replacement. Replacements are non-configurable.
 */

const OFFLINE = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'EventSource',
  'WebTransport',
  'importScripts',
] as const

const UNAVAILABLE = [
  // Slidev's presenter mode syncs over BroadcastChannel; a demo must not post to it.
  'BroadcastChannel',
  'indexedDB',
  'caches',
  'cookieStore',
  'SharedWorker',
  'webkitRequestFileSystem',
  'webkitRequestFileSystemSync',
  'webkitResolveLocalFileSystemURL',
  'webkitResolveLocalFileSystemSyncURL',
] as const

const NAVIGATOR = ['storage', 'locks', 'serviceWorker', 'sendBeacon', 'usb', 'hid', 'serial', 'bluetooth'] as const

export function offlineError(name: string): Error {
  return new Error(`${name} is not available: the demo sandbox is offline`)
}

export function unavailableError(name: string): Error {
  return new Error(`${name} is not available in the demo sandbox`)
}

/** Replaces `name` everywhere along `target`'s prototype chain. */
function replace(target: object, name: string, descriptor: PropertyDescriptor, chain = true): void {
  for (let o: object | null = target; o; o = chain ? Object.getPrototypeOf(o) : null) {
    if (o !== target && !Object.prototype.hasOwnProperty.call(o, name)) continue
    try {
      Object.defineProperty(o, name, { ...descriptor, configurable: false })
    } catch { /* already non-configurable: nothing in a fresh worker is */ }
  }
}

function throwing(name: string, error: () => Error, asPromise = false): PropertyDescriptor {
  // A named function, so `typeof fetch` is still 'function' and DevTools-style
  // output names it; calling or constructing it fails at once, never hangs.
  const fn = {
    [name]: function () {
      if (asPromise) return Promise.reject(error())
      throw error()
    },
  }[name]
  return { value: fn, writable: false, enumerable: false }
}

function throwingGetter(error: () => Error): PropertyDescriptor {
  return {
    get() {
      throw error()
    },
    enumerable: false,
  }
}

export interface LockdownOptions {
  /**
   * What `close()` does. By default it throws: closing the top sandbox would
   * leave the deck waiting. A nested worker may close itself.
   */
  close?: () => void
}

/** Locks down the worker global. Call before any user code runs. */
export function lockdown(global: typeof globalThis, options: LockdownOptions = {}): void {
  for (const name of OFFLINE) {
    replace(global, name, throwing(name, () => offlineError(name), name === 'fetch'))
  }
  for (const name of UNAVAILABLE) {
    const isObject = name === 'indexedDB' || name === 'caches' || name === 'cookieStore'
    replace(
      global,
      name,
      isObject ? throwingGetter(() => unavailableError(name)) : throwing(name, () => unavailableError(name)),
    )
  }
  const nav = (global as { navigator?: object }).navigator
  if (nav) {
    for (const name of NAVIGATOR) {
      replace(nav, name, throwingGetter(() => unavailableError(`navigator.${name}`)))
    }
  }
  // Closing the sandbox would leave the deck waiting for a run that is gone.
  replace(
    global,
    'close',
    options.close
      ? { value: options.close, writable: false, enumerable: false }
      : throwing('close', () => unavailableError('close()')),
  )
  lockCodeFromStrings(global)
}

/**
 * eval and the Function constructors would run code that skipped the
 * instrument step (and so could `import()` from the network). The runner
 * captured its own constructor references before this runs.
 */
function lockCodeFromStrings(global: typeof globalThis): void {
  replace(global, 'eval', throwing('eval', () => unavailableError('eval')))
  const protos = [
    Function.prototype,
    Object.getPrototypeOf(async function () {}),
    Object.getPrototypeOf(function* () {}),
    Object.getPrototypeOf(async function* () {}),
  ] as { constructor: unknown }[]
  for (const proto of protos) {
    const fake = function Function() {
      throw unavailableError('Creating functions from strings')
    }
    // Keep `x instanceof Function` working in user code.
    Object.defineProperty(fake, 'prototype', { value: proto })
    replace(proto, 'constructor', { value: fake, writable: false, enumerable: false }, false)
    if (proto === Function.prototype) replace(global, 'Function', { value: fake, writable: false, enumerable: false })
  }
}
