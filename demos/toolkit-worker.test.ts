import assert from 'node:assert/strict'
import { workerFromFunction } from './toolkit.ts'

Deno.test('workerFromFunction: answers each run, in flight together, and reports errors', async () => {
  const worker = workerFromFunction((n: number) => {
    if (n < 0) throw new Error(`negative: ${n}`)
    return n * n
  })
  try {
    assert.deepEqual(await Promise.all([1, 2, 3].map((n) => worker.run(n))), [1, 4, 9])
    await assert.rejects(worker.run(-1), /negative: -1/)
  } finally {
    worker.terminate()
  }
})

Deno.test('workerFromFunction: a function that cannot start fails its run instead of hanging', async () => {
  const methods = { twice(n: number) { return 2 * n } } // a method is not an expression
  const worker = workerFromFunction(methods.twice)
  try {
    await assert.rejects(worker.run(1))
  } finally {
    worker.terminate()
  }
})
