/**
 * The demo programs as text, straight from `demos/` (the TypeScript, Python
 * and Go files), so the editor shows exactly the files that `deno test` runs. The files are small, so they are
 * inlined at build time; tests beside them are left out.
 */
function inlined(): Record<string, string> {
  try {
    // @ts-ignore: import.meta.glob is Vite's, which inlines the files; unit tests under Deno get none.
    return import.meta.glob(['../demos/*.ts', '../demos/*.py', '../demos/*.go', '!../demos/*.test.ts'], {
      query: '?raw',
      import: 'default',
      eager: true,
    }) as Record<string, string>
  } catch {
    return {}
  }
}

/** Raw source by file name (`04-event-loop-order.ts`, `15-asyncio-gather.py`), including `toolkit.ts`. */
export const demoSources: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(inlined()).map(([path, text]) => [path.slice(path.lastIndexOf('/') + 1), text]),
)

/** The source of one demo file, or a comment saying it is missing (never throws on a slide). */
export function demoSource(file: string): string {
  return demoSources[file] ?? `// demos/${file} was not found\n`
}
