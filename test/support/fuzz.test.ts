// The fuzz harness itself: the seed is fixed unless overridden, and a failing property reports the seed to replay.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { checkProperty, DEFAULT_FUZZ_SEED, FuzzFailure, fuzzSeed } from './fuzz.ts'

describe('fuzz harness', () => {
  it('uses the fixed seed unless MCP_FUZZ_SEED names another, and refuses a seed that is not an integer', () => {
    assert.equal(fuzzSeed({}), DEFAULT_FUZZ_SEED)
    assert.equal(fuzzSeed({ MCP_FUZZ_SEED: '42' }), 42)
    assert.throws(() => fuzzSeed({ MCP_FUZZ_SEED: 'x' }), TypeError)
  })

  it('runs exactly numRuns times and draws the same values from the same seed', async () => {
    const draws = async () => {
      const seen: number[] = []
      await checkProperty(
        fc.asyncProperty(fc.integer(), async (n) => {
          seen.push(n)
        }),
        25,
        { MCP_FUZZ_SEED: '7' },
      )
      return seen
    }
    const first = await draws()
    assert.equal(first.length, 25)
    assert.deepEqual(await draws(), first)
  })

  it('fails with ERR_FUZZ_COUNTEREXAMPLE carrying the seed', async () => {
    await assert.rejects(
      checkProperty(
        fc.asyncProperty(fc.integer({ min: 0, max: 9 }), async (n) => {
          assert.ok(n < 5)
        }),
        100,
        { MCP_FUZZ_SEED: '99' },
      ),
      (error: unknown) =>
        error instanceof FuzzFailure && error.code === 'ERR_FUZZ_COUNTEREXAMPLE' && error.seed === 99,
    )
  })
})
