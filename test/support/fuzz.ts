// Seeded, bounded fast-check runs: a fixed seed makes every run reproducible; MCP_FUZZ_SEED replays another.
import fc from 'fast-check'

/** The seed every property uses unless MCP_FUZZ_SEED names another. */
export const DEFAULT_FUZZ_SEED = 8_2026

export class FuzzFailure extends Error {
  readonly code = 'ERR_FUZZ_COUNTEREXAMPLE'
  constructor(
    readonly seed: number,
    cause: unknown,
  ) {
    // The seed leads the message: that is what a person needs to replay the run.
    super(`property failed; replay with MCP_FUZZ_SEED=${seed}\n${(cause as Error)?.message ?? cause}`, {
      cause,
    })
    this.name = 'FuzzFailure'
  }
}

export function fuzzSeed(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.MCP_FUZZ_SEED
  if (raw === undefined || raw === '') return DEFAULT_FUZZ_SEED
  const seed = Number(raw)
  if (!Number.isSafeInteger(seed)) throw new TypeError('MCP_FUZZ_SEED must be an integer')
  return seed
}

/**
 * Runs an async property `numRuns` times from the seed. Shrinking is off (`endOnFailure`): each run costs real
 * requests, and the seed with fast-check's path already replays the counterexample exactly.
 */
export async function checkProperty<T>(
  property: fc.IAsyncProperty<T>,
  numRuns: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const seed = fuzzSeed(env)
  try {
    await fc.assert(property, { seed, numRuns, endOnFailure: true })
  } catch (error) {
    throw new FuzzFailure(seed, error)
  }
}
