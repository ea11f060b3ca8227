// Monitoring on its real REST paths under /20180401: metric definitions, MQL queries over the seeded
// metric streams, and alarms (monitoring-alarms.ts). Authorization follows "Details for Monitoring".
import { z } from 'zod'
import { invalidParameter } from '../errors.ts'
import { jsonBody, paginate, type RouteResult } from '../http.ts'
import type { Requirement } from '../policy.ts'
import type { RequestContext, Route } from '../router.ts'
import { metricDefinitions, metricStreams } from '../seed-metrics.ts'
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../seed-telemetry.ts'
import {
  authorizeGetAlarm,
  getAlarm,
  getAlarmHistory,
  inAlarmCompartment,
  listAlarms,
  listAlarmsStatus,
} from './monitoring-alarms.ts'
import { compartmentScope, dataWindow, parseQuery, runQuery } from './monitoring-common.ts'
import { parseInterval } from './monitoring-mql.ts'

const NAMESPACE = /^[a-z][a-z0-9_]*[a-z0-9]$/
/** OCI's limit on data points in one SummarizeMetricsData answer. */
const MAX_DATAPOINTS = 100_000

const dateString = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an RFC 3339 date-time')

const ListMetricsDetails = z.object({
  name: z.string().optional(),
  namespace: z.string().optional(),
  resourceGroup: z.string().optional(),
  dimensionFilters: z.record(z.string(), z.string()).optional(),
  groupBy: z.array(z.enum(['namespace', 'name', 'resourceGroup'])).optional(),
  sortBy: z.enum(['NAMESPACE', 'NAME', 'RESOURCEGROUP']).optional(),
  sortOrder: z.enum(['ASC', 'DESC']).optional(),
})

/** The SDK sends no body at all when every ListMetricsDetails field is unset. */
const EMPTY_DETAILS = Buffer.from('{}')
const listMetricsDetails = (ctx: RequestContext) =>
  jsonBody(ctx.body.length > 0 ? ctx.body : EMPTY_DETAILS, ListMetricsDetails)

const SummarizeMetricsDataDetails = z.object({
  namespace: z.string().regex(NAMESPACE, 'a metric namespace such as oci_computeagent'),
  resourceGroup: z.string().optional(),
  query: z.string().min(1).max(10_000),
  startTime: dateString.optional(),
  endTime: dateString.optional(),
  resolution: z.string().optional(),
})

/** ListMetrics needs METRIC_INSPECT (inspect metrics), SummarizeMetricsData METRIC_READ (read metrics). */
const onMetrics =
  (verb: 'inspect' | 'read', namespaceOf: (ctx: RequestContext) => string | undefined) =>
  (ctx: RequestContext): Requirement[] => {
    const { compartmentId } = compartmentScope(ctx)
    const namespace = namespaceOf(ctx)
    return [
      {
        verb,
        resourceType: 'metrics',
        compartmentId,
        variables: namespace ? { 'target.metrics.namespace': namespace } : undefined,
      },
    ]
  }

const streamsIn = (ctx: RequestContext, compartments: Set<string>, now: number) =>
  metricStreams(ctx.core.store, now).filter((s) => compartments.has(s.compartmentId))

function listMetrics(ctx: RequestContext): RouteResult {
  const d = listMetricsDetails(ctx)
  const { compartments } = compartmentScope(ctx)
  const limit = ctx.query.int('limit', { min: 1, max: 1000, fallback: 1000 })
  let streams = streamsIn(ctx, compartments, Date.now()).filter(
    (s) =>
      (!d.namespace || s.definition.namespace === d.namespace) &&
      (!d.name || s.definition.name === d.name) &&
      // No seeded stream has a resource group.
      d.resourceGroup === undefined,
  )
  let items: Array<Record<string, unknown>>
  if (d.groupBy?.length) {
    // OCI ignores dimensionFilters when grouping; the answer holds only the grouped fields.
    const seen = new Map<string, Record<string, unknown>>()
    for (const s of streams) {
      const row: Record<string, unknown> = {}
      for (const g of d.groupBy) row[g] = g === 'resourceGroup' ? null : s.definition[g]
      seen.set(JSON.stringify(row), row)
    }
    items = [...seen.values()]
  } else {
    const filters = Object.entries(d.dimensionFilters ?? {})
    streams = streams.filter((s) => filters.every(([k, v]) => s.dimensions[k] === v))
    items = streams.map((s) => ({
      name: s.definition.name,
      namespace: s.definition.namespace,
      resourceGroup: null,
      compartmentId: s.compartmentId,
      dimensions: s.dimensions,
    }))
  }
  const keys = {
    NAMESPACE: ['namespace', 'name'],
    NAME: ['name', 'namespace'],
    RESOURCEGROUP: ['resourceGroup', 'namespace', 'name'],
  }[d.sortBy ?? 'NAMESPACE']
  const sign = d.sortOrder === 'DESC' ? -1 : 1
  items.sort((a, b) => {
    for (const k of keys) {
      const c = String(a[k] ?? '').localeCompare(String(b[k] ?? ''))
      if (c !== 0) return sign * c
    }
    return JSON.stringify(a.dimensions ?? '').localeCompare(JSON.stringify(b.dimensions ?? ''))
  })
  const page = paginate(items, limit, ctx.query.get('page'))
  return { json: page.items, headers: { 'opc-next-page': page.nextPage } }
}

/** The longest time range OCI accepts for an interval (Monitoring "Supported intervals"). */
function maxRangeFor(intervalMs: number): { ms: number; text: string } {
  if (intervalMs < 5 * MINUTE_MS) return { ms: 7 * DAY_MS, text: '7 days' }
  if (intervalMs < HOUR_MS) return { ms: 30 * DAY_MS, text: '30 days' }
  return { ms: 90 * DAY_MS, text: '90 days' }
}

function summarizeMetricsData(ctx: RequestContext): RouteResult {
  const d = jsonBody(ctx.body, SummarizeMetricsDataDetails)
  const { compartmentId, compartments } = compartmentScope(ctx)
  const q = parseQuery(d.query)
  const now = Date.now()
  const end = d.endTime ? Date.parse(d.endTime) : now
  const start = d.startTime ? Date.parse(d.startTime) : end - 3 * HOUR_MS
  if (start >= end) throw invalidParameter('startTime must be earlier than endTime.')
  let stepMs = q.intervalMs
  if (d.resolution !== undefined) {
    const resolution = parseInterval(d.resolution)
    if (resolution === undefined) {
      throw invalidParameter(`Invalid resolution '${d.resolution}': use 1m–60m, 1h–24h or 1d.`)
    }
    if (resolution > q.intervalMs) {
      throw invalidParameter(
        `The resolution ${d.resolution} must be equal to or less than the query interval ${q.interval}.`,
      )
    }
    stepMs = resolution
  }
  const range = maxRangeFor(q.intervalMs)
  if (end - start > range.ms) {
    throw invalidParameter(
      `The time range is too long for the ${q.interval} interval: at most ${range.text}. Use a larger interval (5m for up to 30 days, 1h or 1d for up to 90 days).`,
    )
  }
  if ((end - start) / stepMs > MAX_DATAPOINTS) {
    throw invalidParameter(
      `The query would return more than ${MAX_DATAPOINTS} data points per stream; use a coarser resolution.`,
    )
  }
  if (metricDefinitions(d.namespace).length === 0 || d.resourceGroup !== undefined) return { json: [] }
  const streams = streamsIn(ctx, compartments, now).filter((s) => s.definition.namespace === d.namespace)
  const series = runQuery(q, streams, { startMs: start, endMs: end, stepMs, ...dataWindow(now) })
  const definition = metricDefinitions(d.namespace).find((m) => m.name === q.metric)
  return {
    json: series.map((s) => ({
      namespace: d.namespace,
      resourceGroup: null,
      compartmentId: s.compartmentId ?? compartmentId,
      name: q.metric,
      dimensions: s.dimensions,
      metadata: definition ? { displayName: definition.displayName, unit: definition.unit } : {},
      resolution: null,
      aggregatedDatapoints: s.points.map((p) => ({
        timestamp: new Date(p.timestamp).toISOString(),
        value: p.value,
      })),
    })),
  }
}

const V = '/20180401'
const monitoring = { service: 'monitoring' } as const

export const monitoringRoutes: Route[] = [
  {
    method: 'POST',
    pattern: `${V}/metrics/actions/listMetrics`,
    operation: 'ListMetrics',
    ...monitoring,
    authorize: onMetrics('inspect', (ctx) => listMetricsDetails(ctx).namespace),
    handle: listMetrics,
  },
  {
    method: 'POST',
    pattern: `${V}/metrics/actions/summarizeMetricsData`,
    operation: 'SummarizeMetricsData',
    ...monitoring,
    authorize: onMetrics('read', (ctx) => jsonBody(ctx.body, SummarizeMetricsDataDetails).namespace),
    handle: summarizeMetricsData,
  },
  {
    method: 'GET',
    pattern: `${V}/alarms`,
    operation: 'ListAlarms',
    ...monitoring,
    authorize: (ctx) => [
      { verb: 'inspect', resourceType: 'alarms', compartmentId: compartmentScope(ctx).compartmentId },
    ],
    handle: listAlarms,
  },
  // Before /alarms/{alarmId}, which would otherwise take `status` for an alarm id.
  {
    method: 'GET',
    pattern: `${V}/alarms/status`,
    operation: 'ListAlarmsStatus',
    ...monitoring,
    authorize: (ctx) => [
      { verb: 'inspect', resourceType: 'alarms', compartmentId: compartmentScope(ctx).compartmentId },
    ],
    handle: listAlarmsStatus,
  },
  {
    method: 'GET',
    pattern: `${V}/alarms/{alarmId}`,
    operation: 'GetAlarm',
    ...monitoring,
    authorize: authorizeGetAlarm,
    handle: getAlarm,
  },
  {
    method: 'GET',
    pattern: `${V}/alarms/{alarmId}/history`,
    operation: 'GetAlarmHistory',
    ...monitoring,
    authorize: inAlarmCompartment('read'),
    handle: getAlarmHistory,
  },
]
