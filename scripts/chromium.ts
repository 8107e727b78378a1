/**
 * Finds the system Chromium and the poppler tools the tests, the PDF export
 * and the bench need, installing them from Debian's packages when they are
 * missing and we can (root with apt-get), and otherwise failing with a
 * message that says what to install. No browser is ever downloaded.
 */

/** Flags that keep Chromium from calling home on a closed network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

function exists(path: string): boolean {
  try {
    return Deno.statSync(path).isFile
  } catch {
    return false
  }
}

function onPath(cmd: string): boolean {
  const dirs = (Deno.env.get('PATH') ?? '').split(':')
  return dirs.some((dir) => exists(`${dir}/${cmd}`))
}

/** The Chromium executable: `$CHROMIUM_PATH`, or the first system one found. */
export function chromiumPath(): string | undefined {
  const fromEnv = Deno.env.get('CHROMIUM_PATH')
  if (fromEnv) return exists(fromEnv) ? fromEnv : undefined
  return CANDIDATES.find(exists)
}

function missing(): string[] {
  const out: string[] = []
  if (!chromiumPath()) out.push('chromium')
  if (!onPath('pdfinfo') || !onPath('pdftotext')) out.push('poppler-utils')
  return out
}

async function run(cmd: string, args: string[]): Promise<boolean> {
  const { success } = await new Deno.Command(cmd, {
    args,
    stdout: 'inherit',
    stderr: 'inherit',
    env: { DEBIAN_FRONTEND: 'noninteractive' },
  }).output()
  return success
}

/**
 * Makes sure Chromium and poppler are there. Returns the Chromium path, or
 * throws an Error whose message tells a person what to install.
 */
export async function ensureSystemDeps(): Promise<string> {
  let needed = missing()
  if (needed.length === 0) return chromiumPath()!
  const canApt = Deno.uid?.() === 0 && onPath('apt-get')
  if (canApt) {
    console.error(`Installing ${needed.join(' and ')} from Debian's packages…`)
    await run('apt-get', ['update', '-qq'])
    await run('apt-get', ['install', '-y', '-qq', ...needed])
    needed = missing()
  }
  if (needed.length > 0) {
    throw new Error(
      `Missing ${needed.join(' and ')}. Install them with:\n` +
        `  sudo apt-get install -y ${needed.join(' ')}\n` +
        'or point CHROMIUM_PATH at a Chromium or Chrome executable.',
    )
  }
  return chromiumPath()!
}

if (import.meta.main) {
  try {
    const path = await ensureSystemDeps()
    console.log(`Chromium: ${path}`)
  } catch (error) {
    console.error((error as Error).message)
    Deno.exit(1)
  }
}
