/**
 * Type-checks the deck's Vue and browser TypeScript with vue-tsc, strict.
 * Slidev ships its client as TypeScript source that only type-checks inside
 * its own build (it relies on globals such as __DEV__ that Vite defines), so
 * errors located in node_modules/ are reported as a count, and only errors
 * in this project's files fail the check.
 */
const out = await new Deno.Command('node_modules/.bin/vue-tsc', {
  args: ['--noEmit', '-p', 'tsconfig.json'],
  cwd: new URL('../', import.meta.url).pathname,
}).output()
const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr)
// An error starts a line with its file; continuation lines are indented.
const errors = text.split(/\n(?=\S)/).filter((e) => /error TS\d+/.test(e))
const ours = errors.filter((e) => !e.startsWith('node_modules/'))
console.log(
  `vue-tsc: ${ours.length} error(s) in this project, ` +
    `${errors.length - ours.length} in Slidev's shipped sources (not checked)`,
)
if (ours.length) {
  console.error(ours.join('\n'))
  Deno.exit(1)
}
if (!out.success && errors.length === 0) {
  console.error(text)
  Deno.exit(1)
}
