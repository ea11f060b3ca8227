// One Usage API question — cost per day or month over a period, grouped by service and/or compartment — as rows.
import { models, UsageapiClient } from 'oci-usageapi'
import { McpFunctionsError } from '../core/errors.ts'
import { ociCall, ociClient } from '../core/oci-clients.ts'
import type { ToolContext } from '../core/tool-runner.ts'
import { type Granularity, isoDay, type Period } from './period.ts'

export type Dimension = 'service' | 'compartment'

export interface UsageQuery {
  period: Period
  granularity: Granularity
  groupBy: Dimension[]
  /** Depth of compartment paths when grouping by compartment. */
  compartmentDepth?: number
  region?: string
}

export interface UsageRow {
  /** YYYY-MM-DD: the day, or the first day of the month. */
  start: string
  service?: string
  /** Compartment path, e.g. tenancy/platform/prod. */
  compartment?: string
  cost: number
}

export interface UsageResult {
  tenancyId: string
  rows: UsageRow[]
  currency: string
}

/** Enough for a year of days × services × compartments; more pages means the question is too broad. */
const MAX_PAGES = 50
const PAGE_LIMIT = 1000

const FIELD: Record<Dimension, string> = { service: 'service', compartment: 'compartmentPath' }

const dayOf = (value: Date | string): string => {
  const d = value instanceof Date ? value : new Date(value)
  return Number.isNaN(d.getTime()) ? String(value).slice(0, 10) : isoDay(d)
}

export async function queryUsage(ctx: ToolContext, q: UsageQuery): Promise<UsageResult> {
  const { client, signer } = await ociClient(ctx, UsageapiClient, q.region)
  const tenantId = signer.tenancyId
  const details: models.RequestSummarizedUsagesDetails = {
    tenantId,
    timeUsageStarted: q.period.start,
    timeUsageEnded: q.period.end,
    granularity:
      q.granularity === 'MONTHLY'
        ? models.RequestSummarizedUsagesDetails.Granularity.Monthly
        : models.RequestSummarizedUsagesDetails.Granularity.Daily,
    queryType: models.RequestSummarizedUsagesDetails.QueryType.Cost,
    isAggregateByTime: false,
    groupBy: q.groupBy.map((d) => FIELD[d]),
    ...(q.groupBy.includes('compartment') ? { compartmentDepth: q.compartmentDepth ?? 7 } : {}),
  }
  const rows: UsageRow[] = []
  let currency = ''
  let page: string | undefined
  for (let n = 0; ; n++) {
    if (n === MAX_PAGES) {
      throw new McpFunctionsError('ERR_INPUT_TOO_LARGE', 'The usage query returned too many rows', {
        hint: 'Ask for a shorter period, MONTHLY granularity, or a smaller compartment_depth.',
      })
    }
    const r = await ociCall(ctx, 'Requesting summarized usage', () =>
      client.requestSummarizedUsages({ requestSummarizedUsagesDetails: details, page, limit: PAGE_LIMIT }),
    )
    for (const item of r.usageAggregation.items ?? []) {
      if (item.isForecast) continue
      if (!currency && item.currency?.trim()) currency = item.currency.trim()
      rows.push({
        start: dayOf(item.timeUsageStarted),
        ...(q.groupBy.includes('service') ? { service: item.service || 'Unknown' } : {}),
        ...(q.groupBy.includes('compartment')
          ? { compartment: item.compartmentPath || item.compartmentName || 'Unknown' }
          : {}),
        cost: Number(item.computedAmount ?? 0) || 0,
      })
    }
    page = r.opcNextPage || undefined
    if (!page) break
  }
  return { tenancyId: tenantId, rows, currency }
}

/** Sums row costs by a key, largest first. */
export function totalsBy(rows: UsageRow[], key: (r: UsageRow) => string): { name: string; cost: number }[] {
  const sums = new Map<string, number>()
  for (const r of rows) sums.set(key(r), (sums.get(key(r)) ?? 0) + r.cost)
  return [...sums]
    .map(([name, cost]) => ({ name, cost }))
    .sort((a, b) => b.cost - a.cost || (a.name < b.name ? -1 : 1))
}
