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

/** The deck's demo ids (sorted), and the files they were read from. */
export async function readDemoIds(root: string): Promise<{ files: string[]; ids: string[] }> {
  const pages = (await readdir(join(root, 'pages'))).filter((f) => f.endsWith('.md')).map((f) => join(root, 'pages', f))
  const files = [join(root, 'slides.md'), ...pages]
  const ids = new Set<string>()
  for (const file of files) for (const id of demoIdsIn(await readFile(file, 'utf8'))) ids.add(id)
  return { files, ids: [...ids].sort() }
}

export function demoIds(): Plugin {
  let root = '.'
  return {
    name: 'deck:demo-ids',
    configResolved: (config) => void (root = config.root),
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return
      const { files, ids } = await readDemoIds(root)
      for (const file of files) this.addWatchFile(file)
      return `export default ${JSON.stringify(ids)}`
    },
  }
}
