// detectAnomalies: daily cost series per service (and compartment), scored with the modified z-score.
import type { z } from 'zod'
import type { ToolContext } from '../core/tool-runner.ts'
import { detectAnomalies as spec } from './catalog.ts'
import { addDays, daysBetween, isoDay, resolvePeriod } from './period.ts'
import { type Anomaly, cents, detectSeriesAnomalies, round, type Series } from './statistics.ts'
import { periodFields } from './summaries.ts'
import { queryUsage } from './usage-query.ts'

export type AnomalyData = z.infer<typeof spec.output>

interface SeriesKey {
  service: string
  compartment?: string
}

export function describeStatistic(input: {
  threshold: number
  weekly: boolean
  minChangePct: number
  minDailyCost: number
}): string {
  return [
    'Each series is one service' +
      ' (or service and compartment) over the window, one value per day, days without cost counted as 0.',
    'Per series: the median day and the MAD (median absolute deviation from the median), both robust to the',
    'very spikes being looked for. A day’s modified z-score is 0.6745·(x − median)/MAD (Iglewicz & Hoaglin);',
    `beyond ±${input.threshold} it is anomalous. When MAD is 0 (most days identical) the mean absolute`,
    'deviation × 1.2533 is used instead; a series with no spread has no anomalies.',
    input.weekly
      ? 'Weekly rhythm is factored out first: each day is divided by its weekday’s typical share (when the series has three weeks and a clear rhythm), and "normal" is the median times that factor.'
      : 'No weekday adjustment was applied.',
    `A day must also differ from normal by at least ${input.minChangePct} %, and series whose median day costs less than ${input.minDailyCost} are skipped.`,
  ].join(' ')
}

function explain(a: Anomaly<SeriesKey>, threshold: number, currency: string): string {
  const where = a.key.compartment ? `${a.key.service} in ${a.key.compartment}` : a.key.service
  const money = (n: number) => `${cents(n)}${currency ? ` ${currency}` : ''}`
  const times =
    a.ratio === null ? 'against a normal of 0' : `${round(a.ratio, 1)}× its normal ${money(a.expected)}`
  const sign = a.direction === 'spike' ? '>' : '<'
  return `${where} cost ${money(a.cost)} on ${a.day}, ${times} (modified z-score ${round(a.z, 1)} ${sign} ${a.direction === 'spike' ? '' : '−'}${threshold}).`
}

export async function detectAnomalies(
  ctx: ToolContext,
  params: Omit<z.input<typeof spec.input>, 'response_format'>,
): Promise<AnomalyData> {
  const input = spec.input.parse(params)
  const period = resolvePeriod({ last_days: input.window_days }, 'DAILY')
  const { tenancyId, rows, currency } = await queryUsage(ctx, {
    period,
    granularity: 'DAILY',
    groupBy: input.by_compartment ? ['service', 'compartment'] : ['service'],
    compartmentDepth: input.compartment_depth,
    region: input.region,
  })
  const days = Array.from({ length: daysBetween(period.start, period.end) }, (_, i) =>
    isoDay(addDays(period.start, i)),
  )
  const byKey = new Map<string, { key: SeriesKey; costs: Map<string, number> }>()
  for (const r of rows) {
    const key: SeriesKey = {
      service: r.service ?? 'Unknown',
      ...(input.by_compartment ? { compartment: r.compartment } : {}),
    }
    const id = `${key.service}\u0000${key.compartment ?? ''}`
    let entry = byKey.get(id)
    if (!entry) {
      entry = { key, costs: new Map() }
      byKey.set(id, entry)
    }
    entry.costs.set(r.start, (entry.costs.get(r.start) ?? 0) + r.cost)
  }
  const series: Series<SeriesKey>[] = [...byKey.values()].map((e) => ({
    key: e.key,
    points: days.map((day) => ({ day, cost: e.costs.get(day) ?? 0 })),
  }))
  const found = detectSeriesAnomalies(series, {
    threshold: input.threshold,
    direction: input.direction,
    minMedian: input.min_daily_cost,
    minChange: input.min_change_pct / 100,
    weekly: input.weekly_adjustment,
  })
  return {
    tenancy_id: tenancyId,
    period: periodFields(period),
    currency,
    threshold: input.threshold,
    series_analyzed: series.length,
    anomalies: found.slice(0, input.limit).map((a) => ({
      day: a.day,
      service: a.key.service,
      ...(a.key.compartment ? { compartment: a.key.compartment } : {}),
      cost: cents(a.cost),
      normal: cents(a.expected),
      median: cents(a.median),
      z_score: round(a.z, 2),
      times_normal: a.ratio === null ? null : round(a.ratio, 2),
      direction: a.direction,
      explanation: explain(a, input.threshold, currency),
    })),
    total_anomalies: found.length,
    statistic: describeStatistic({
      threshold: input.threshold,
      weekly: input.weekly_adjustment,
      minChangePct: input.min_change_pct,
      minDailyCost: input.min_daily_cost,
    }),
  }
}
