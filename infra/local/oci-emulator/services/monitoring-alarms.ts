// Monitoring alarms: the seeded definitions (seed-alarms.ts), with status and history evaluated from the
// metric streams over the last seven days, minute by minute, as the alarm service would have seen them.
import { invalidParameter, notAuthorizedOrNotFound } from '../errors.ts'
import { paginate, type RouteResult } from '../http.ts'
import type { Requirement, Verb } from '../policy.ts'
import type { RequestContext } from '../router.ts'
import { ALARM_DESTINATIONS, type AlarmDefinition, seedAlarms } from '../seed-alarms.ts'
import { type MetricStream, metricStreams } from '../seed-metrics.ts'
import { DAY_MS, MINUTE_MS } from '../seed-telemetry.ts'
import { compartmentScope, dataWindow, parseQuery, runQuery } from './monitoring-common.ts'
import { selectStreams } from './monitoring-mql.ts'

/** How far back alarm history reaches. */
const HISTORY_MS = 7 * DAY_MS
const SEVERITY_RANK = { CRITICAL: 0, ERROR: 1, WARNING: 2, INFO: 3 } as const
const SUMMARY_TEMPLATE =
  'Alarm "{{alarmName}}" is in a "{{status}}" state; because {{numberOfMetrics}} metrics meet the trigger rule: "{{query}}", with a trigger delay of 1 minute'

type Status = 'FIRING' | 'OK'

interface AlarmState {
  status: Status
  /** When the current status began (or the alarm was created, when it never changed). */
  since: number
  breachingMetrics: number
  evaluatedAt: number
  transitions: Array<{ at: number; from: Status; to: Status }>
}

const alarmsOf = (ctx: RequestContext) => seedAlarms(ctx.core.store)

function alarmOrThrow(ctx: RequestContext): AlarmDefinition {
  const alarm = alarmsOf(ctx).find((a) => a.id === ctx.params.alarmId)
  if (!alarm) throw notAuthorizedOrNotFound()
  return alarm
}

/** read alarms in the alarm's compartment; an unknown alarm is refused like a forbidden one. */
export const inAlarmCompartment =
  (verb: Verb) =>
  (ctx: RequestContext): Requirement[] => [
    { verb, resourceType: 'alarms', compartmentId: alarmOrThrow(ctx).compartmentId },
  ]

/** GetAlarm also needs METRIC_READ for the metric compartment and namespace ("Details for Monitoring"). */
export function authorizeGetAlarm(ctx: RequestContext): Requirement[] {
  const alarm = alarmOrThrow(ctx)
  return [
    ...inAlarmCompartment('read')(ctx),
    {
      verb: 'read',
      resourceType: 'metrics',
      compartmentId: alarm.metricCompartmentId,
      variables: { 'target.metrics.namespace': alarm.namespace },
    },
  ]
}

function streamsFor(alarm: AlarmDefinition, all: MetricStream[]): MetricStream[] {
  return all.filter(
    (s) => s.definition.namespace === alarm.namespace && s.compartmentId === alarm.metricCompartmentId,
  )
}

/** Evaluates the alarm's rule for every minute of the last seven days (windows ending at that minute). */
function evaluateAlarm(alarm: AlarmDefinition, all: MetricStream[], now: number): AlarmState {
  const q = parseQuery(alarm.query)
  const intervalMinutes = q.intervalMs / MINUTE_MS
  const nowMinute = Math.floor(now / MINUTE_MS)
  const created = Date.parse(alarm.timeCreated)
  const from = Math.max(now - HISTORY_MS, created)
  // A point stamped t covers [t, t + interval): it is the evaluation made at its last minute.
  const series = runQuery(q, streamsFor(alarm, all), {
    startMs: Math.floor(from / MINUTE_MS) * MINUTE_MS - q.intervalMs + MINUTE_MS,
    endMs: (nowMinute - intervalMinutes + 2) * MINUTE_MS,
    stepMs: MINUTE_MS,
    ...dataWindow(now),
  })
  const breaching = new Map<number, number>()
  for (const s of series) {
    for (const p of s.points) {
      const at = p.timestamp + q.intervalMs - MINUTE_MS
      breaching.set(at, (breaching.get(at) ?? 0) + 1)
    }
  }
  const first = Math.floor(from / MINUTE_MS) * MINUTE_MS
  const last = nowMinute * MINUTE_MS
  const transitions: AlarmState['transitions'] = []
  let status: Status = breaching.has(first) ? 'FIRING' : 'OK'
  let since = status === 'OK' ? created : first
  for (let at = first + MINUTE_MS; at <= last; at += MINUTE_MS) {
    const next: Status = breaching.has(at) ? 'FIRING' : 'OK'
    if (next !== status) {
      transitions.push({ at, from: status, to: next })
      status = next
      since = at
    }
  }
  return { status, since, breachingMetrics: breaching.get(last) ?? 0, evaluatedAt: last, transitions }
}

const summaryText = (alarm: AlarmDefinition, status: Status, metrics: number) =>
  SUMMARY_TEMPLATE.replace('{{alarmName}}', alarm.displayName)
    .replace('{{status}}', status)
    .replace('{{numberOfMetrics}}', String(metrics))
    .replace('{{query}}', alarm.query)

function alarmSummaryJson(alarm: AlarmDefinition) {
  return {
    id: alarm.id,
    displayName: alarm.displayName,
    compartmentId: alarm.compartmentId,
    metricCompartmentId: alarm.metricCompartmentId,
    namespace: alarm.namespace,
    query: alarm.query,
    severity: alarm.severity,
    destinations: ALARM_DESTINATIONS,
    suppression: null,
    isEnabled: true,
    isNotificationsPerMetricDimensionEnabled: false,
    freeformTags: {},
    definedTags: {},
    lifecycleState: 'ACTIVE',
    overrides: [],
    ruleName: 'BASE',
    notificationVersion: '1.X',
    notificationTitle: alarm.notificationTitle,
    evaluationSlackDuration: 'PT3M',
    alarmSummary: SUMMARY_TEMPLATE,
    resourceGroup: null,
  }
}

function sortAlarms<T extends { displayName: string; severity: keyof typeof SEVERITY_RANK }>(
  ctx: RequestContext,
  rows: T[],
) {
  const sortBy = ctx.query.oneOf('sortBy', ['displayName', 'severity'], 'displayName')
  const sign = ctx.query.oneOf('sortOrder', ['ASC', 'DESC'], 'ASC') === 'ASC' ? 1 : -1
  return rows.sort(
    (a, b) =>
      sign *
      (sortBy === 'severity'
        ? SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.displayName.localeCompare(b.displayName)
        : a.displayName.localeCompare(b.displayName)),
  )
}

function page<T>(ctx: RequestContext, rows: T[]): RouteResult {
  const limit = ctx.query.int('limit', { min: 1, max: 1000, fallback: 1000 })
  const p = paginate(rows, limit, ctx.query.get('page'))
  return { json: p.items, headers: { 'opc-next-page': p.nextPage } }
}

export function listAlarms(ctx: RequestContext): RouteResult {
  const { compartments } = compartmentScope(ctx)
  const displayName = ctx.query.get('displayName')
  const state = ctx.query.get('lifecycleState')
    ? ctx.query.oneOf('lifecycleState', ['ACTIVE', 'DELETING', 'DELETED'], 'ACTIVE')
    : undefined
  const rows = alarmsOf(ctx).filter(
    (a) =>
      compartments.has(a.compartmentId) &&
      (!displayName || a.displayName === displayName) &&
      (!state || state === 'ACTIVE'),
  )
  return page(ctx, sortAlarms(ctx, rows).map(alarmSummaryJson))
}

/** Whether any metric stream the alarm reads carries this value in the dimension. */
function monitors(alarm: AlarmDefinition, all: MetricStream[], dims: string[], value: string): boolean {
  return selectStreams(parseQuery(alarm.query), streamsFor(alarm, all)).some((s) =>
    dims.some((d) => s.dimensions[d] === value),
  )
}

export function listAlarmsStatus(ctx: RequestContext): RouteResult {
  const { compartments } = compartmentScope(ctx)
  const q = ctx.query
  const displayName = q.get('displayName')
  const status = q.get('status') ? q.oneOf('status', ['FIRING', 'OK'], 'FIRING') : undefined
  const resourceId = q.get('resourceId')
  const entityId = q.get('entityId')
  const serviceName = q.get('serviceName')
  const now = Date.now()
  const all = metricStreams(ctx.core.store, now)
  const rows = alarmsOf(ctx)
    .filter(
      (a) =>
        compartments.has(a.compartmentId) &&
        (!displayName || a.displayName === displayName) &&
        (!resourceId || monitors(a, all, ['resourceId', 'resourceID'], resourceId)) &&
        (!entityId || monitors(a, all, ['resourceId', 'resourceID'], entityId)) &&
        (!serviceName || monitors(a, all, ['serviceName'], serviceName)),
    )
    .map((a) => {
      const s = evaluateAlarm(a, all, now)
      return {
        id: a.id,
        displayName: a.displayName,
        severity: a.severity,
        ruleName: 'BASE',
        timestampTriggered: new Date(s.since).toISOString(),
        alarmSummary: summaryText(a, s.status, s.breachingMetrics),
        status: s.status,
        suppression: null,
      }
    })
    .filter((r) => !status || r.status === status)
  return page(ctx, sortAlarms(ctx, rows))
}

export function getAlarm(ctx: RequestContext): RouteResult {
  const alarm = alarmOrThrow(ctx)
  const { alarmSummary, ...summary } = alarmSummaryJson(alarm)
  return {
    json: {
      ...summary,
      metricCompartmentIdInSubtree: false,
      resolution: '1m',
      pendingDuration: 'PT1M',
      body: alarm.body,
      messageFormat: 'RAW',
      repeatNotificationDuration: 'PT4H',
      alarmSummary,
      timeCreated: alarm.timeCreated,
      timeUpdated: alarm.timeUpdated,
    },
    headers: { etag: alarm.id.slice(-16) },
  }
}

const HISTORY_TYPES = [
  'STATE_HISTORY',
  'STATE_TRANSITION_HISTORY',
  'RULE_HISTORY',
  'RULE_TRANSITION_HISTORY',
] as const

function timeParam(ctx: RequestContext, name: string): number | undefined {
  const raw = ctx.query.get(name)
  if (raw === undefined || raw === '') return undefined
  const t = Date.parse(raw)
  if (Number.isNaN(t)) throw invalidParameter(`The '${name}' parameter must be an RFC 3339 date-time.`)
  return t
}

export function getAlarmHistory(ctx: RequestContext): RouteResult {
  const alarm = alarmOrThrow(ctx)
  const type = ctx.query.get('alarmHistorytype')
    ? ctx.query.oneOf('alarmHistorytype', HISTORY_TYPES, 'STATE_HISTORY')
    : undefined
  const from = timeParam(ctx, 'timestampGreaterThanOrEqualTo')
  const until = timeParam(ctx, 'timestampLessThan')
  if (from !== undefined && until !== undefined && from >= until) {
    throw invalidParameter('timestampGreaterThanOrEqualTo must be earlier than timestampLessThan.')
  }
  const state = evaluateAlarm(alarm, metricStreams(ctx.core.store, Date.now()), Date.now())
  const entries: Array<{
    type: (typeof HISTORY_TYPES)[number]
    alarmSummary: string
    summary: string
    timestamp: number
    timestampTriggered: number
  }> = []
  const label = (s: Status) => (s === 'FIRING' ? 'Firing' : 'OK')
  for (const t of state.transitions) {
    entries.push({
      type: 'STATE_TRANSITION_HISTORY',
      alarmSummary: summaryText(alarm, t.to, t.to === 'FIRING' ? 1 : 0),
      summary: `State transitioned from ${label(t.from)} to ${label(t.to)}`,
      timestamp: t.at,
      timestampTriggered: t.at,
    })
    entries.push({
      type: 'STATE_HISTORY',
      alarmSummary: summaryText(alarm, t.to, t.to === 'FIRING' ? 1 : 0),
      summary: `The alarm state is ${t.to}`,
      timestamp: t.at,
      timestampTriggered: t.at,
    })
  }
  entries.push({
    type: 'STATE_HISTORY',
    alarmSummary: summaryText(alarm, state.status, state.breachingMetrics),
    summary: `The alarm state is ${state.status}`,
    timestamp: state.evaluatedAt,
    timestampTriggered: state.since,
  })
  const rows = entries
    .filter(
      (e) =>
        (!type || e.type === type) &&
        (from === undefined || e.timestamp >= from) &&
        (until === undefined || e.timestamp < until),
    )
    .sort((a, b) => b.timestamp - a.timestamp)
    .map((e) => ({
      alarmSummary: e.alarmSummary,
      summary: e.summary,
      timestamp: new Date(e.timestamp).toISOString(),
      timestampTriggered: new Date(e.timestampTriggered).toISOString(),
    }))
  const limit = ctx.query.int('limit', { min: 1, max: 1000, fallback: 1000 })
  const p = paginate(rows, limit, ctx.query.get('page'))
  return {
    json: { alarmId: alarm.id, isEnabled: true, entries: p.items },
    headers: { 'opc-next-page': p.nextPage },
  }
}
