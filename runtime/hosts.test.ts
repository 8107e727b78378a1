import { deepStrictEqual as assertEquals } from 'node:assert/strict'
import { langOfFile } from './hosts.ts'

Deno.test("a demo file's language comes from its extension; anything else is TypeScript", () => {
  assertEquals(
    ['15-asyncio-gather.py', '17-goroutines.go', '04-event-loop-order.ts', 'playground.js', 'go.ts', 'x.py.ts'].map(langOfFile),
    ['python', 'go', 'typescript', 'typescript', 'typescript', 'typescript'],
  )
})
