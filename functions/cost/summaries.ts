// Period totals: summarize (series + top items), byService and byCompartment (rankings with shares).
import type { z } from 'zod'
import type { ToolContext } from '../core/tool-runner.ts'
import { costByCompartment, costByService, summarizeUsage } from './catalog.ts'
import {
  addDays,
  daysBetween,
  type Granularity,
  isoDay,
  MAX_DAILY_DAYS,
  type Period,
  type PeriodInput,
  resolvePeriod,
} from './period.ts'
import { cents, round } from './statistics.ts'
import { type Dimension, queryUsage, totalsBy, type UsageRow } from './usage-query.ts'

type Params<S extends { input: z.ZodObject }> = Omit<z.input<S['input']>, 'response_format'>
export type SummaryData = z.infer<typeof summarizeUsage.output>
export type RankingData = z.infer<typeof costByService.output>

export const periodFields = (p: Period) => ({
  start_date: isoDay(p.start),
  end_date: isoDay(addDays(p.end, -1)),
  days: daysBetween(p.start, p.end),
})

const shareOf = (cost: number, total: number) => (total > 0 ? round((100 * cost) / total, 1) : 0)
const sum = (rows: { cost: number }[]) => rows.reduce((s, r) => s + r.cost, 0)
const keyOf = (d: Dimension) => (r: UsageRow) => (d === 'service' ? r.service : r.compartment) ?? 'Unknown'

export async function summarize(
  ctx: ToolContext,
  params: Params<typeof summarizeUsage>,
): Promise<SummaryData> {
  const input = summarizeUsage.input.parse(params)
  const granularity = input.granularity as Granularity
  const period = resolvePeriod(input, granularity)
  const groupBy: Dimension[] = input.group_by === 'none' ? [] : [input.group_by]
  const { tenancyId, rows, currency } = await queryUsage(ctx, {
    period,
    granularity,
    groupBy,
    compartmentDepth: input.compartment_depth,
    region: input.region,
  })
  const total = sum(rows)
  const series = totalsBy(rows, (r) => r.start)
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((s) => ({ period_start: s.name, cost: cents(s.cost) }))
  const items = groupBy.length ? totalsBy(rows, keyOf(groupBy[0])) : []
  return {
    tenancy_id: tenancyId,
    period: periodFields(period),
    granularity,
    group_by: input.group_by,
    currency,
    total: cents(total),
    series,
    top_items: items
      .slice(0, input.top)
      .map((i) => ({ name: i.name, cost: cents(i.cost), share_pct: shareOf(i.cost, total) })),
    item_count: items.length,
  }
}

/** Short periods are read per day (exact dates); longer ones per month (whole months). */
function rankingPeriod(input: PeriodInput): { period: Period; granularity: Granularity } {
  const daily = input.last_days === undefined || input.last_days <= MAX_DAILY_DAYS
  if (input.start_date && input.end_date) {
    const span = daysBetween(new Date(input.start_date), new Date(input.end_date)) + 1
    if (span > MAX_DAILY_DAYS) return { period: resolvePeriod(input, 'MONTHLY'), granularity: 'MONTHLY' }
    return { period: resolvePeriod(input, 'DAILY'), granularity: 'DAILY' }
  }
  const granularity = daily ? 'DAILY' : 'MONTHLY'
  return { period: resolvePeriod(input, granularity), granularity }
}

async function rank(
  ctx: ToolContext,
  dimension: Dimension,
  input: PeriodInput & { limit: number; region?: string; compartment_depth?: number },
): Promise<RankingData> {
  const { period, granularity } = rankingPeriod(input)
  const { tenancyId, rows, currency } = await queryUsage(ctx, {
    period,
    granularity,
    groupBy: [dimension],
    compartmentDepth: input.compartment_depth,
    region: input.region,
  })
  const total = sum(rows)
  const days = daysBetween(period.start, period.end)
  const ranked = totalsBy(rows, keyOf(dimension))
  const shown = ranked.slice(0, input.limit)
  const rest = ranked.slice(input.limit)
  const restCost = sum(rest)
  return {
    tenancy_id: tenancyId,
    period: periodFields(period),
    currency,
    total: cents(total),
    items: shown.map((i, n) => ({
      rank: n + 1,
      name: i.name,
      cost: cents(i.cost),
      share_pct: shareOf(i.cost, total),
      daily_average: cents(i.cost / days),
    })),
    ...(rest.length
      ? { others: { count: rest.length, cost: cents(restCost), share_pct: shareOf(restCost, total) } }
      : {}),
    item_count: ranked.length,
  }
}

export const byService = (ctx: ToolContext, params: Params<typeof costByService>) =>
  rank(ctx, 'service', costByService.input.parse(params))

export const byCompartment = (ctx: ToolContext, params: Params<typeof costByCompartment>) =>
  rank(ctx, 'compartment', costByCompartment.input.parse(params))
