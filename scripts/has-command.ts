/**
 * Whether this machine has a command (Go, for the tests that run Go where
 * it is installed and skip it where not, as on a newcomer's laptop).
 */
export async function hasCommand(cmd: string): Promise<boolean> {
  try {
    return (await new Deno.Command(cmd, { args: ['version'], stdout: 'null', stderr: 'null' }).output()).success
  } catch {
    // Spawning a command that is not there throws (NotFound) rather than rejecting.
    return false
  }
}
