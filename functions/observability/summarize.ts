// observability_summarize_metrics, and `summarize` for other callers (skills): MQL over a range, per-series stats.
import type { z } from 'zod'
import { intSetting } from '../core/config.ts'
import { isMcpFunctionsError, McpFunctionsError } from '../core/errors.ts'
import { mdTable } from '../core/format.ts'
import { ociCall } from '../core/oci-clients.ts'
import { implement, type ToolContext } from '../core/tool-runner.ts'
import { isoTime } from '../core/values.ts'
import {
  MAX_POINTS_PER_SERIES,
  METRICS_DEFAULT_LAST,
  METRICS_MAX_RANGE_DAYS,
  summarizeMetrics,
} from './catalog.ts'
import { compartmentFor, monitoring } from './clients.ts'
import { prepareQuery } from './mql.ts'
import { formatDuration, resolveTimeRange } from './time-range.ts'

const DAY_MS = 86_400_000

export type MetricsSummary = z.output<typeof summarizeMetrics.output>
type Series = MetricsSummary['series'][number]

export interface SummarizeParams {
  namespace: string
  query: string
  last?: string
  start?: string
  end?: string
  resolution?: string
  compartment_id?: string
  compartment_id_in_subtree?: boolean
  max_series?: number
  region?: string
}

export function seriesStats(points: { timestamp: string; value: number }[]): Series['stats'] {
  if (points.length === 0) return undefined
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  let sum = 0
  for (const p of points) {
    min = Math.min(min, p.value)
    max = Math.max(max, p.value)
    sum += p.value
  }
  const last = points[points.length - 1]
  return {
    count: points.length,
    min,
    max,
    mean: sum / points.length,
    latest: last.value,
    latest_time: last.timestamp,
  }
}

/** Leaves out points, last series first, until the result's JSON fits the budget; stats stay. */
function fitBudget(data: MetricsSummary, budgetBytes: number): void {
  for (let i = data.series.length - 1; i >= 0; i--) {
    if (Buffer.byteLength(JSON.stringify(data)) <= budgetBytes) return
    data.series[i].points = []
    data.series[i].points_included = false
  }
}

/** Runs an MQL query; OCI's own message comes back (ERR_OCI_INVALID_PARAMETER) when it refuses the query. */
export async function summarize(ctx: ToolContext, params: SummarizeParams): Promise<MetricsSummary> {
  const range = resolveTimeRange(params, {
    defaultLast: METRICS_DEFAULT_LAST,
    maxMs: METRICS_MAX_RANGE_DAYS * DAY_MS,
    retentionMs: METRICS_MAX_RANGE_DAYS * DAY_MS,
  })
  const prepared = prepareQuery(params.query, range.ms, {
    resolution: params.resolution,
    maxPoints: MAX_POINTS_PER_SERIES,
  })
  const { client, signer } = await monitoring(ctx, params.region)
  const compartmentId = compartmentFor(ctx, signer, params)
  let items: Awaited<ReturnType<typeof client.summarizeMetricsData>>['items']
  try {
    const r = await ociCall(ctx, `Querying ${params.namespace} metrics`, () =>
      client.summarizeMetricsData({
        compartmentId,
        compartmentIdInSubtree: params.compartment_id_in_subtree || undefined,
        summarizeMetricsDataDetails: {
          namespace: params.namespace,
          query: prepared.query,
          startTime: range.start,
          endTime: range.end,
          resolution: prepared.resolution,
        },
      }),
    )
    items = r.items
  } catch (error) {
    if (isMcpFunctionsError(error) && error.code === 'ERR_OCI_INVALID_PARAMETER') {
      throw new McpFunctionsError(error.code, `${error.message} (query run: ${prepared.query})`, {
        hint: 'Fix the query as OCI says. Check the metric name and dimension names with observability_list_metrics; put values in double quotes.',
        details: error.details,
        cause: error,
      })
    }
    throw error
  }
  const maxSeries = params.max_series ?? 20
  const series: Series[] = items.slice(0, maxSeries).map((m) => {
    const points = (m.aggregatedDatapoints ?? [])
      .map((p) => ({ timestamp: isoTime(p.timestamp) ?? '', value: Number(p.value) }))
      .filter((p) => p.timestamp && Number.isFinite(p.value))
      .sort((a, b) => a.timestamp.localeCompare(b.timestamp))
    return {
      name: m.name,
      dimensions: m.dimensions ?? {},
      unit: m.metadata?.unit || undefined,
      stats: seriesStats(points),
      points_included: true,
      points,
    }
  })
  const data: MetricsSummary = {
    namespace: params.namespace,
    compartment_id: compartmentId,
    query: prepared.query,
    query_note: prepared.note,
    start_time: range.start.toISOString(),
    end_time: range.end.toISOString(),
    interval: prepared.interval,
    resolution: prepared.resolution,
    series_total: items.length,
    series,
  }
  fitBudget(data, intSetting('MCP_RESPONSE_BUDGET_BYTES', ctx.env))
  return data
}

const BARS = '▁▂▃▄▅▆▇█'

/** A one-line trend of at most `width` characters, each the mean of its bucket. */
export function sparkline(values: number[], width = 24): string {
  if (values.length === 0) return ''
  const buckets: number[] = []
  const size = Math.max(1, Math.ceil(values.length / width))
  for (let i = 0; i < values.length; i += size) {
    const part = values.slice(i, i + size)
    buckets.push(part.reduce((a, b) => a + b, 0) / part.length)
  }
  const min = Math.min(...buckets)
  const max = Math.max(...buckets)
  if (max === min) return BARS[3].repeat(buckets.length)
  return buckets.map((v) => BARS[Math.round(((v - min) / (max - min)) * (BARS.length - 1))]).join('')
}

export const formatNumber = (n: number): string => {
  const abs = Math.abs(n)
  if (abs >= 1000) return n.toFixed(0)
  if (abs >= 10) return n.toFixed(1)
  if (abs >= 0.01 || n === 0) return n.toFixed(2)
  return n.toPrecision(2)
}

export const seriesLabel = (s: { name: string; dimensions: Record<string, string> }): string =>
  s.dimensions.resourceDisplayName ??
  s.dimensions.resourceName ??
  s.dimensions.resourceId ??
  (Object.keys(s.dimensions).length
    ? Object.entries(s.dimensions)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')
    : s.name)

export function renderSummary(data: MetricsSummary): string {
  const range = formatDuration(Date.parse(data.end_time) - Date.parse(data.start_time))
  const head = [
    `## \`${data.namespace}\`: \`${data.query}\``,
    `${data.start_time} → ${data.end_time} (${range}), interval ${data.interval}, resolution ${data.resolution}.`,
  ]
  if (data.query_note) head.push(`Note: ${data.query_note}.`)
  if (data.series.length === 0) {
    return `${head.join('\n')}\n\n_No data: no metric stream matched in this range._ Check names and dimensions with observability_list_metrics.`
  }
  const rows = data.series.map((s) => {
    const unit = s.unit ? ` ${s.unit}` : ''
    return {
      series: seriesLabel(s),
      latest: s.stats ? `${formatNumber(s.stats.latest)}${unit}` : '—',
      min: s.stats ? formatNumber(s.stats.min) : '—',
      mean: s.stats ? formatNumber(s.stats.mean) : '—',
      max: s.stats ? formatNumber(s.stats.max) : '—',
      points: s.stats?.count ?? 0,
      trend: s.points_included ? sparkline(s.points.map((p) => p.value)) : '(points left out)',
    }
  })
  const table = mdTable(rows, [
    ['series', 'Series'],
    ['latest', 'Latest'],
    ['min', 'Min'],
    ['mean', 'Mean'],
    ['max', 'Max'],
    ['points', 'Points'],
    ['trend', 'Trend'],
  ])
  const more =
    data.series_total > data.series.length
      ? `\n\n${data.series.length} of ${data.series_total} series shown; narrow the query (dimension filters) or raise max_series.`
      : ''
  return `${head.join('\n')}\n\n${table}${more}`
}

export const summarizeMetricsTool = implement(summarizeMetrics, async (input, ctx) => {
  const data = await summarize(ctx, input)
  return { data, markdown: renderSummary(data) }
})
