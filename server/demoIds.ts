/**
 * `virtual:demo-ids`: the id of every live demo in the deck (`<LiveDemo
 * id="…"`), read from slides.md and pages/ when the deck is built or served.
 * A window takes another window's snapshot only for a demo the deck has
 * (logic/snapshotCheck.ts), without shipping the slides' text to know it.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Plugin } from 'vite'

const ID = 'virtual:demo-ids'
const RESOLVED = '\0' + ID

/** The demo ids a slide's markdown declares, in order. */
export function demoIdsIn(markdown: string): string[] {
  return [...markdown.matchAll(/<LiveDemo\b[^>]*?\bid="([^"]+)"/g)].map((m) => m[1])
}

export function demoIds(): Plugin {
  let root = '.'
  return {
    name: 'deck:demo-ids',
    configResolved: (config) => void (root = config.root),
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return
      const pages = (await readdir(join(root, 'pages'))).filter((f) => f.endsWith('.md')).map((f) => join(root, 'pages', f))
      const ids = new Set<string>()
      for (const file of [join(root, 'slides.md'), ...pages]) {
        this.addWatchFile(file)
        for (const id of demoIdsIn(await readFile(file, 'utf8'))) ids.add(id)
      }
      return `export default ${JSON.stringify([...ids].sort())}`
    },
  }
}
