// Usage API on its real REST paths under /20200107: RequestSummarizedUsages over the generated daily cost of
// seed-usage.ts, validated as OCI does, and RequestSummarizedConfigurations. Needs `read usage-report in tenancy`.
import { z } from 'zod'
import { invalidParameter, missingParameter, notAuthorizedOrNotFound } from '../errors.ts'
import { jsonBody, paginate, type RouteResult } from '../http.ts'
import type { Requirement } from '../policy.ts'
import type { RequestContext, Route } from '../router.ts'
import { compartmentPath, DAY_MS, HOUR_MS } from '../seed-telemetry.ts'
import { lineDailyCost, startOfUtcDay, USAGE_DAYS, type UsageLine, usageLines } from '../seed-usage.ts'
import type { Store } from '../store.ts'

/** groupBy values the API documents, plus resourceName. */
export const GROUP_BY = [
  'tagNamespace',
  'tagKey',
  'tagValue',
  'service',
  'skuName',
  'skuPartNumber',
  'unit',
  'compartmentName',
  'compartmentPath',
  'compartmentId',
  'platform',
  'region',
  'logicalAd',
  'resourceId',
  'resourceName',
  'tenantId',
  'tenantName',
] as const
type GroupBy = (typeof GROUP_BY)[number]

const QUERY_TYPES = ['USAGE', 'COST', 'CREDIT', 'EXPIREDCREDIT', 'ALLCREDIT', 'USAGE_ONLY'] as const
const GRANULARITIES = ['HOURLY', 'DAILY', 'MONTHLY', 'TOTAL'] as const
/** The deepest compartment path OCI reports. */
const MAX_DEPTH = 7

const dateString = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an RFC 3339 date-time')

const Tag = z.object({
  namespace: z.string().nullish(),
  key: z.string().nullish(),
  value: z.string().nullish(),
})

interface Filter {
  operator?: 'AND' | 'OR' | 'NOT' | null
  dimensions?: Array<{ key: string; value: string }> | null
  tags?: Array<z.infer<typeof Tag>> | null
  filters?: Filter[] | null
}

const FilterSchema: z.ZodType<Filter> = z.lazy(() =>
  z.object({
    operator: z.enum(['AND', 'OR', 'NOT']).nullish(),
    dimensions: z.array(z.object({ key: z.enum(GROUP_BY), value: z.string() })).nullish(),
    tags: z.array(Tag).nullish(),
    filters: z.array(FilterSchema).nullish(),
  }),
)

const Details = z.object({
  tenantId: z.string().min(1),
  timeUsageStarted: dateString,
  timeUsageEnded: dateString,
  granularity: z.enum(GRANULARITIES),
  isAggregateByTime: z.boolean().nullish(),
  forecast: z
    .object({
      forecastType: z.enum(['BASIC']).nullish(),
      timeForecastStarted: dateString.nullish(),
      timeForecastEnded: dateString,
    })
    .nullish(),
  queryType: z.enum(QUERY_TYPES).nullish(),
  groupBy: z.array(z.string()).nullish(),
  groupByTag: z.array(Tag).nullish(),
  compartmentDepth: z.number().int().nullish(),
  filter: FilterSchema.nullish(),
})
type Details = z.infer<typeof Details>

/** The Usage API answers for one tenancy: the caller's own, with `read usage-report` there. */
function authorizeUsage(tenantIdOf: (ctx: RequestContext) => string | undefined) {
  return (ctx: RequestContext): Requirement[] => {
    const tenantId = tenantIdOf(ctx)
    if (!tenantId) throw missingParameter('tenantId')
    if (tenantId !== ctx.core.store.state.tenancy.id) throw notAuthorizedOrNotFound()
    return [{ verb: 'read', resourceType: 'usage-report', compartmentId: tenantId }]
  }
}

const isMidnight = (t: number) => t % DAY_MS === 0
const iso = (t: number) => new Date(t).toISOString()

function validate(d: Details): { start: number; end: number } {
  const start = Date.parse(d.timeUsageStarted)
  const end = Date.parse(d.timeUsageEnded)
  if (d.granularity === 'TOTAL')
    throw invalidParameter('Granularity TOTAL is not yet supported; use DAILY or MONTHLY.')
  if (d.granularity === 'HOURLY') {
    if (start % HOUR_MS !== 0 || end % HOUR_MS !== 0) {
      throw invalidParameter(
        `For HOURLY granularity, timeUsageStarted and timeUsageEnded must be on the hour (minutes, seconds and milliseconds zero); got ${d.timeUsageStarted} and ${d.timeUsageEnded}.`,
      )
    }
  } else {
    for (const [name, t, raw] of [
      ['timeUsageStarted', start, d.timeUsageStarted],
      ['timeUsageEnded', end, d.timeUsageEnded],
    ] as const) {
      if (!isMidnight(t)) {
        throw invalidParameter(
          `For ${d.granularity} granularity, ${name} must be at midnight UTC (hours, minutes, seconds and milliseconds zero, e.g. ${iso(startOfUtcDay(t))}); got ${raw}.`,
        )
      }
    }
  }
  if (start >= end) throw invalidParameter('timeUsageStarted must be earlier than timeUsageEnded.')
  if (d.granularity === 'HOURLY' && end - start > 14 * DAY_MS) {
    throw invalidParameter('HOURLY granularity covers at most 14 days; use DAILY for longer ranges.')
  }
  if (end - start > 366 * DAY_MS) throw invalidParameter('The time range must not exceed one year.')
  if (d.compartmentDepth != null && (d.compartmentDepth < 1 || d.compartmentDepth > MAX_DEPTH)) {
    throw invalidParameter(`compartmentDepth must be between 1 and ${MAX_DEPTH}.`)
  }
  for (const g of d.groupBy ?? []) {
    if (!(GROUP_BY as readonly string[]).includes(g)) {
      throw invalidParameter(`Invalid groupBy value '${g}'. Allowed: ${GROUP_BY.join(', ')}.`)
    }
  }
  if ((d.groupByTag?.length ?? 0) > 1) throw invalidParameter('groupByTag supports only one tag.')
  return { start, end }
}

/** The values a line has for every groupBy/filter dimension, compartments cut at the requested depth. */
function dimensionsOf(store: Store, line: UsageLine, depth: number): Record<GroupBy, string | null> {
  const path = compartmentPath(store, line.compartmentId)
  const cut = Math.min(depth, path.names.length)
  return {
    tagNamespace: null,
    tagKey: null,
    tagValue: null,
    service: line.service,
    skuName: line.skuName,
    skuPartNumber: line.skuPartNumber,
    unit: line.unit,
    compartmentName: path.names[cut - 1],
    compartmentPath: path.names.slice(0, cut).join('/'),
    compartmentId: path.ids[cut - 1],
    platform: line.platform,
    region: line.region,
    logicalAd: line.ad,
    resourceId: line.resourceId,
    resourceName: line.resourceName,
    tenantId: store.state.tenancy.id,
    tenantName: store.state.tenancy.name,
  }
}

function filterHolds(f: Filter | null | undefined, own: Record<GroupBy, string | null>): boolean {
  if (!f) return true
  const parts: boolean[] = [
    ...(f.dimensions ?? []).map((d) => own[d.key as GroupBy] === d.value),
    // No seeded usage carries tags.
    ...(f.tags ?? []).map(() => false),
    ...(f.filters ?? []).map((sub) => filterHolds(sub, own)),
  ]
  if (parts.length === 0) return true
  if (f.operator === 'OR') return parts.some(Boolean)
  if (f.operator === 'NOT') return !parts.every(Boolean)
  return parts.every(Boolean)
}

/** The bucket a point in time falls in: its hour, day or month, cut to the query range. */
function bucketOf(
  granularity: Details['granularity'],
  t: number,
  start: number,
  end: number,
): [number, number] {
  if (granularity === 'HOURLY')
    return [Math.floor(t / HOUR_MS) * HOUR_MS, Math.floor(t / HOUR_MS) * HOUR_MS + HOUR_MS]
  if (granularity === 'DAILY') return [startOfUtcDay(t), startOfUtcDay(t) + DAY_MS]
  const d = new Date(t)
  const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
  const monthEnd = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
  return [Math.max(monthStart, start), Math.min(monthEnd, end)]
}

interface Cell {
  from: number
  to: number
  dims: Partial<Record<GroupBy, string | null>>
  cost: number
  quantity: number
  forecast: boolean
}

function requestSummarizedUsages(ctx: RequestContext): RouteResult {
  const d = jsonBody(ctx.body, Details)
  const { start, end } = validate(d)
  const store = ctx.core.store
  const now = Date.now()
  const queryType = d.queryType ?? 'COST'
  const groupBy = (d.groupBy ?? []) as GroupBy[]
  const depth = d.compartmentDepth ?? MAX_DEPTH
  const lines = usageLines(store)
    .map((line) => ({ line, dims: dimensionsOf(store, line, depth) }))
    .filter(({ line }) => filterHolds(d.filter, dimensionsOf(store, line, MAX_DEPTH)))
  const cells = new Map<string, Cell>()
  const add = (
    from: number,
    to: number,
    dims: Cell['dims'],
    cost: number,
    quantity: number,
    forecast: boolean,
  ) => {
    const key = JSON.stringify([from, forecast, dims])
    const cell = cells.get(key) ?? { from, to, dims, cost: 0, quantity: 0, forecast }
    cell.cost += cost
    cell.quantity += quantity
    cells.set(key, cell)
  }
  const bucket = (t: number) =>
    d.isAggregateByTime ? ([start, end] as [number, number]) : bucketOf(d.granularity, t, start, end)
  const today = startOfUtcDay(now)
  const billable = queryType === 'COST' || queryType === 'USAGE' || queryType === 'USAGE_ONLY'
  for (const { line, dims } of billable ? lines : []) {
    const grouped = Object.fromEntries(groupBy.map((g) => [g, dims[g]]))
    const firstDay = Math.max(startOfUtcDay(start), today - USAGE_DAYS * DAY_MS)
    for (let day = firstDay; day < end && day <= today; day += DAY_MS) {
      const cost = lineDailyCost(line, day, now)
      if (cost === 0) continue
      if (d.granularity === 'HOURLY') {
        const hours = day === today ? Math.ceil((now - today) / HOUR_MS) : 24
        for (let h = 0; h < hours; h++) {
          const t = day + h * HOUR_MS
          if (t < start || t >= end) continue
          const [from, to] = bucket(t)
          add(from, to, grouped, cost / hours, cost / hours / line.unitPrice, false)
        }
      } else {
        const [from, to] = bucket(day)
        add(from, to, grouped, cost, cost / line.unitPrice, false)
      }
    }
    if (d.forecast) {
      // BASIC forecast: each coming day costs what the line cost on average over the last 14 whole days.
      let recent = 0
      for (let day = today - 14 * DAY_MS; day < today; day += DAY_MS) recent += lineDailyCost(line, day, now)
      const perDay = recent / 14
      const fStart = startOfUtcDay(
        d.forecast.timeForecastStarted ? Date.parse(d.forecast.timeForecastStarted) : end,
      )
      const fEnd = Date.parse(d.forecast.timeForecastEnded)
      for (let day = Math.max(fStart, today + DAY_MS); day < fEnd; day += DAY_MS) {
        const [from, to] = d.isAggregateByTime
          ? [fStart, fEnd]
          : bucketOf(d.granularity === 'MONTHLY' ? 'MONTHLY' : 'DAILY', day, fStart, fEnd)
        add(from, to, grouped, perDay, perDay / line.unitPrice, true)
      }
    }
  }
  const round = (v: number) => Math.round(v * 1e6) / 1e6
  const items = [...cells.values()]
    .sort((a, b) => a.from - b.from || Number(a.forecast) - Number(b.forecast) || b.cost - a.cost)
    .map((c) => {
      const dim = (g: GroupBy) => (groupBy.includes(g) ? (c.dims[g] ?? null) : null)
      return {
        tenantId: dim('tenantId'),
        tenantName: dim('tenantName'),
        compartmentId: dim('compartmentId'),
        compartmentPath: dim('compartmentPath'),
        compartmentName: dim('compartmentName'),
        service: dim('service'),
        resourceName: dim('resourceName'),
        resourceId: dim('resourceId'),
        region: dim('region'),
        ad: dim('logicalAd'),
        weight: null,
        shape: null,
        skuPartNumber: dim('skuPartNumber'),
        skuName: dim('skuName'),
        unit: dim('unit'),
        discount: null,
        listRate: null,
        platform: dim('platform'),
        timeUsageStarted: iso(c.from),
        timeUsageEnded: iso(c.to),
        computedAmount: queryType === 'COST' ? round(c.cost) : null,
        computedQuantity: round(c.quantity),
        ...(queryType === 'COST' ? { attributedCost: null, attributedUsage: null } : {}),
        overagesFlag: null,
        unitPrice: null,
        currency: queryType === 'COST' ? 'USD' : ' ',
        subscriptionId: null,
        overage: null,
        isForecast: c.forecast,
        tags: [{ namespace: null, key: null, value: null }],
      }
    })
  const limitRaw = ctx.query.get('limit')
  const limit = limitRaw
    ? ctx.query.int('limit', { min: 1, max: 10_000, fallback: 10_000 })
    : Math.max(items.length, 1)
  const page = paginate(items, limit, ctx.query.get('page'))
  return {
    json: { groupBy: d.groupBy ?? [], items: page.items },
    headers: { 'opc-next-page': page.nextPage },
  }
}

function requestSummarizedConfigurations(): RouteResult {
  return {
    json: {
      items: [
        { key: 'groupBy', values: [...GROUP_BY] },
        { key: 'granularity', values: ['HOURLY', 'DAILY', 'MONTHLY'] },
        { key: 'queryType', values: [...QUERY_TYPES] },
        { key: 'filterDimensions', values: [...GROUP_BY] },
      ],
    },
  }
}

const V = '/20200107'

export const usageRoutes: Route[] = [
  {
    method: 'POST',
    pattern: `${V}/usage`,
    operation: 'RequestSummarizedUsages',
    service: 'usageapi',
    authorize: authorizeUsage((ctx) => jsonBody(ctx.body, Details).tenantId),
    handle: requestSummarizedUsages,
  },
  {
    method: 'GET',
    pattern: `${V}/configuration`,
    operation: 'RequestSummarizedConfigurations',
    service: 'usageapi',
    authorize: authorizeUsage((ctx) => ctx.query.get('tenantId')),
    handle: requestSummarizedConfigurations,
  },
]
