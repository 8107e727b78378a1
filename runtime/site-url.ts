/**
 * Where a folder of files served with the deck lives (`pyodide/`, `go/`),
 * under the base the site was built for (`--base /talks/async/`), so a
 * sub-path deployment finds them too.
 */
export function siteUrl(folder: string): string {
  const base = (import.meta as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? '/'
  return new URL(`${base}${folder}/`, location.href).href
}
