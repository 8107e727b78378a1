/**
 * A second host on this machine, for tests of what other devices on the
 * network can do: a network namespace of the test's own, joined to this
 * one by a veth pair on a private /24. Something run inside it (`exec`)
 * reaches this host at `outer`, and is reached at `inner`, from an address
 * that is not loopback, as a phone on the venue Wi-Fi is.
 *
 * Needs root (CI runs as root, as this machine does). `close()` kills what
 * runs inside and removes the namespace and both veth ends; a namespace
 * left by a test process that died is removed by the next one.
 */
const PREFIX = 'deckt-'

export interface Netns {
  name: string
  /** This host's address on the pair. */
  outer: string
  /** The namespace's address on the pair. */
  inner: string
  /** The argv prefix that runs a command inside the namespace. */
  exec: string[]
  close(): Promise<void>
}

async function ip(...args: string[]): Promise<string> {
  const out = await new Deno.Command('ip', { args, stdout: 'piped', stderr: 'piped' }).output()
  const text = new TextDecoder().decode(out.stdout)
  if (!out.success) throw new Error(`ip ${args.join(' ')}: ${new TextDecoder().decode(out.stderr).trim()}`)
  return text
}

function alive(pid: number): boolean {
  try {
    Deno.statSync(`/proc/${pid}`)
    return true
  } catch {
    return false
  }
}

async function killInside(name: string): Promise<void> {
  const pids = (await ip('netns', 'pids', name).catch(() => '')).split(/\s+/).filter(Boolean).map(Number)
  for (const pid of pids) {
    try {
      Deno.kill(pid, 'SIGKILL')
    } catch { /* gone */ }
  }
}

/** Removes namespaces (and their veth ends) left by test processes that are gone. */
async function sweep(): Promise<void> {
  const list = await ip('netns', 'list').catch(() => '')
  for (const line of list.split('\n')) {
    const name = line.split(' ')[0]
    const m = new RegExp(`^${PREFIX}(\\d+)-`).exec(name)
    if (!m || alive(Number(m[1]))) continue
    await killInside(name)
    await ip('netns', 'del', name).catch(() => {})
  }
}

let count = 0

export async function createNetns(): Promise<Netns> {
  await sweep()
  const tag = `${Deno.pid.toString(36)}${(count++).toString(36)}`.slice(-7)
  const name = `${PREFIX}${Deno.pid}-${count}`
  const vethOut = `vo${tag}`
  const vethIn = `vi${tag}`
  const used = await ip('-4', 'addr')
  let subnet = ''
  for (let i = 0; i < 50 && !subnet; i++) {
    const candidate = `10.213.${Math.floor(Math.random() * 254) + 1}`
    if (!used.includes(`${candidate}.`)) subnet = candidate
  }
  if (!subnet) throw new Error('no free 10.213.x.0/24 for the test host')
  const net: Netns = {
    name,
    outer: `${subnet}.1`,
    inner: `${subnet}.2`,
    exec: ['ip', 'netns', 'exec', name],
    async close() {
      await killInside(name)
      await ip('link', 'del', vethOut).catch(() => {})
      await ip('netns', 'del', name).catch(() => {})
    },
  }
  try {
    await ip('netns', 'add', name)
    await ip('link', 'add', vethOut, 'type', 'veth', 'peer', 'name', vethIn)
    await ip('link', 'set', vethIn, 'netns', name)
    await ip('addr', 'add', `${net.outer}/24`, 'dev', vethOut)
    await ip('link', 'set', vethOut, 'up')
    await ip('-n', name, 'addr', 'add', `${net.inner}/24`, 'dev', vethIn)
    await ip('-n', name, 'link', 'set', vethIn, 'up')
    await ip('-n', name, 'link', 'set', 'lo', 'up')
  } catch (e) {
    await net.close()
    throw e
  }
  return net
}
