// What the Monitoring handlers share: the compartment scope of a call and MQL evaluation with OCI's errors.
import { invalidParameter, missingParameter } from '../errors.ts'
import type { RequestContext } from '../router.ts'
import { type MetricStream, RETENTION_MS } from '../seed-metrics.ts'
import { compartmentSubtree, MINUTE_MS } from '../seed-telemetry.ts'
import { evaluate, MqlError, type MqlQuery, parseMql } from './monitoring-mql.ts'

/** compartmentId plus compartmentIdInSubtree, which OCI allows only at the tenancy. */
export function compartmentScope(ctx: RequestContext): { compartmentId: string; compartments: Set<string> } {
  const compartmentId = ctx.query.get('compartmentId')
  if (!compartmentId) throw missingParameter('compartmentId')
  const subtree = ctx.query.bool('compartmentIdInSubtree')
  if (subtree && compartmentId !== ctx.core.store.state.tenancy.id) {
    throw invalidParameter('compartmentIdInSubtree may only be true when compartmentId is the tenancy OCID.')
  }
  return {
    compartmentId,
    compartments: subtree ? compartmentSubtree(ctx.core.store, compartmentId) : new Set([compartmentId]),
  }
}

export function parseQuery(text: string): MqlQuery {
  try {
    return parseMql(text)
  } catch (error) {
    if (error instanceof MqlError) throw invalidParameter(`Invalid query '${text}': ${error.message}.`)
    throw error
  }
}

/** Minutes of raw data that exist as of `now`: the retention period up to the current minute. */
export const dataWindow = (now: number) => ({
  firstMinute: Math.floor((now - RETENTION_MS) / MINUTE_MS),
  lastMinute: Math.floor(now / MINUTE_MS),
})

/** Evaluates a query, turning evaluation limits into 400s. */
export function runQuery(q: MqlQuery, streams: MetricStream[], window: Parameters<typeof evaluate>[2]) {
  try {
    return evaluate(q, streams, window)
  } catch (error) {
    if (error instanceof MqlError) throw invalidParameter(error.message)
    throw error
  }
}
