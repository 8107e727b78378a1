import { sleep } from './toolkit.ts'
// One thread, and still a race: check, await, act.
let balance = 100
async function withdraw(amount: number) {
  if (balance < amount) return 'refused'
  await sleep(100) // ask the bank; others run
  balance -= amount // the check may be stale
  return 'paid'
}
const both = await Promise.all([withdraw(80), withdraw(80)])
console.log(both, 'balance', balance)
// The fix: a lock, one withdrawal at a time.
let last: Promise<unknown> = Promise.resolve()
function locked<T>(job: () => Promise<T>) {
  const run = last.then(job)
  last = run.catch(() => {}) // a failure frees it too
  return run
}
balance = 100
const safe = () => locked(() => withdraw(80))
console.log(await Promise.all([safe(), safe()]),
  'balance', balance)
