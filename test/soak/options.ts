// The soak's options from flags and environment: --seconds N (SOAK_SECONDS), --seed N (SOAK_SEED), --no-faults.

export interface SoakOptions {
  seconds: number
  seed: number
  faults: boolean
  /** Concurrent workers per principal that writes. */
  workersPerPrincipal: number
}

export function soakOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): SoakOptions {
  const flag = (name: string) => {
    const i = argv.indexOf(name)
    return i >= 0 ? argv[i + 1] : undefined
  }
  const int = (raw: string | undefined, fallback: number, what: string, min: number) => {
    if (raw === undefined || raw === '') return fallback
    const n = Number(raw)
    if (!Number.isInteger(n) || n < min) throw new TypeError(`${what} must be an integer ≥ ${min}`)
    return n
  }
  return {
    seconds: int(flag('--seconds') ?? env.SOAK_SECONDS, 60, 'seconds', 1),
    seed: int(flag('--seed') ?? env.SOAK_SEED, 8_2026, 'seed', 0),
    faults: !argv.includes('--no-faults') && env.SOAK_FAULTS !== 'false',
    workersPerPrincipal: int(flag('--workers') ?? env.SOAK_WORKERS, 2, 'workers', 1),
  }
}

/** A small seeded generator (mulberry32): the same seed, the same sequence of operations. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
