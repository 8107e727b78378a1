import assert from 'node:assert/strict'
import { inWorkers, stopwatch, workerFromFunction, workerPool } from './toolkit.ts'

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
  const methods = {
    twice(n: number) {
      return 2 * n
    },
  } // a method is not an expression
  const worker = workerFromFunction(methods.twice)
  try {
    await assert.rejects(worker.run(1))
  } finally {
    worker.terminate()
  }
})

Deno.test('workerPool: every input on the next free worker, results in input order', async () => {
  const pool = await workerPool(
    async (ms: number) => {
      await new Promise((resolve) => setTimeout(resolve, ms))
      return ms
    },
    2,
    0,
  )
  try {
    // The slow first input must not hold up the rest: the other worker takes them.
    assert.deepEqual(await pool.map([120, 10, 20, 30]), [120, 10, 20, 30])
    assert.deepEqual(await pool.map([]), [])
  } finally {
    pool.terminate()
  }
})

Deno.test('workerPool: a function that fails on warm-up rejects and ends its workers', async () => {
  await assert.rejects(
    workerPool(
      (n: number) => {
        if (n === 0) throw new Error('cold')
        return n
      },
      2,
      0,
    ),
    /cold/,
  )
})

Deno.test('stopwatch: whole milliseconds since it started', async () => {
  const ms = stopwatch()
  await new Promise((resolve) => setTimeout(resolve, 30))
  const elapsed = ms()
  assert.ok(Number.isInteger(elapsed) && elapsed >= 25, `${elapsed}`)
})

Deno.test('inWorkers: runs the function in every worker on the shared memory it was given', async () => {
  const cells = new Int32Array(new SharedArrayBuffer(8))
  await inWorkers(4, (shared: Int32Array, by: number) => {
    Atomics.add(shared, 0, by)
    Atomics.add(shared, 1, 1)
  }, cells, 5)
  assert.deepEqual([...cells], [20, 4])
})

Deno.test('inWorkers: a function that throws fails the call, and every worker is ended', async () => {
  await assert.rejects(
    inWorkers(2, (n: number) => {
      throw new Error(`no ${n}`)
    }, 7),
    /no 7/,
  )
})
