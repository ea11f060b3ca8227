// Timing primitives for the benchmark: per-operation samples, percentiles, and interleaved A/B runs.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

export interface Summary {
  n: number
  /** Completed operations per second of wall time. */
  opsPerSec: number
  meanMs: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
}

export type Op = () => Promise<unknown>

export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[i]
}

export const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  )

export function summarize(times: number[], elapsedMs: number): Summary {
  const sorted = [...times].sort((a, b) => a - b)
  return {
    n: times.length,
    opsPerSec: (times.length / elapsedMs) * 1000,
    meanMs: times.reduce((s, t) => s + t, 0) / times.length,
    p50Ms: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    p99Ms: percentile(sorted, 0.99),
  }
}

/** Runs `op` n times, one after another; returns each duration and the wall time. */
export async function timeSequential(op: Op, n: number): Promise<{ times: number[]; elapsedMs: number }> {
  const times: number[] = new Array(n)
  const start = performance.now()
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    await op()
    times[i] = performance.now() - t0
  }
  return { times, elapsedMs: performance.now() - start }
}

/** Runs `op` n times with at most `concurrency` in flight. */
export async function timeConcurrent(op: Op, n: number, concurrency: number): Promise<Summary> {
  const times: number[] = []
  let next = 0
  const start = performance.now()
  const worker = async () => {
    while (next < n) {
      next += 1
      const t0 = performance.now()
      await op()
      times.push(performance.now() - t0)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker))
  return summarize(times, performance.now() - start)
}

let gc: (() => void) | undefined

/** A full collection outside the timed region, so one variant's garbage is not collected on another's time. */
function settle(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc')
    gc = runInNewContext('gc') as () => void
  }
  gc()
}

/**
 * Measures several variants of one operation against each other: a warm-up each, then `n` operations each,
 * split into `rounds` blocks whose order alternates (each after a full GC), so drift hits every variant alike.
 */
export async function interleaved(
  variants: Record<string, Op>,
  opts: { n: number; warmup: number; rounds: number },
): Promise<Record<string, Summary>> {
  const names = Object.keys(variants)
  for (const name of names) await timeSequential(variants[name], opts.warmup)
  const times: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]))
  const elapsed: Record<string, number> = Object.fromEntries(names.map((k) => [k, 0]))
  const block = Math.ceil(opts.n / opts.rounds)
  for (let r = 0; r < opts.rounds; r++) {
    const order = r % 2 === 0 ? names : [...names].reverse()
    for (const name of order) {
      settle()
      const run = await timeSequential(variants[name], block)
      times[name].push(...run.times)
      elapsed[name] += run.elapsedMs
    }
  }
  return Object.fromEntries(names.map((k) => [k, summarize(times[k], elapsed[k])]))
}
