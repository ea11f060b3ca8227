// A function for functions-host tests: a call can wait for a file another call creates, and says which process ran it.
import { existsSync, writeFileSync } from 'node:fs'
import fdk from '@fnproject/fdk'

/** How long a waiting call looks for its file before it answers `released: false` (the test then fails). */
const WAIT_BOUND_MS = 120_000

fdk.handle(
  async (body) => {
    const input = JSON.parse(body.toString() || '{}') as { wait?: string; touch?: string }
    if (input.touch) writeFileSync(input.touch, '')
    let released: boolean | undefined
    if (input.wait) {
      const until = Date.now() + WAIT_BOUND_MS
      while (!existsSync(input.wait) && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
      released = existsSync(input.wait)
    }
    return fdk.rawResult(JSON.stringify({ pid: process.pid, released }))
  },
  { inputMode: 'buffer' },
)
