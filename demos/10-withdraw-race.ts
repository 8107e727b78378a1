import { sleep } from './toolkit.ts'

// One thread, no threads at all, and still
// a race: check, await, then act.
let balance = 100
async function withdraw(amount: number) {
  if (balance < amount) return 'refused'
  await sleep(100) // ask the bank; others run
  balance -= amount // the check may be stale
  return 'paid'
}
const both = () => Promise.all([
  withdraw(80), withdraw(80)])
console.log(await both(), 'balance', balance)

// The fix: a lock, one withdrawal at a time.
let last: Promise<unknown> = Promise.resolve()
function locked<T>(job: () => Promise<T>) {
  const run = last.then(job)
  last = run.catch(() => {})
  return run
}
balance = 100
console.log(await Promise.all([
  locked(() => withdraw(80)),
  locked(() => withdraw(80)),
]), 'balance', balance)
