// observability_list_alarms and observability_get_alarm_history; `alarmsWithStatus` merges ListAlarms (the
// definitions) with ListAlarmsStatus (what is firing now) for other callers too.
import type { models } from 'oci-monitoring'
import type { z } from 'zod'
import { whereToLook, whereToLookMarkdown } from '../core/compartment-subtree.ts'
import { intSetting } from '../core/config.ts'
import { mdTable, pageFooter } from '../core/format.ts'
import { ociCall } from '../core/oci-clients.ts'
import { collectPage } from '../core/paging.ts'
import { implement, type ToolContext } from '../core/tool-runner.ts'
import { isoTime, pageFields, queryTime } from '../core/values.ts'
import {
  ALARM_HISTORY_DEFAULT_LAST,
  ALARM_HISTORY_MAX_RANGE_DAYS,
  type alarmStatuses,
  getAlarmHistory,
  listAlarms,
  type severities,
} from './catalog.ts'
import { compartmentFor, monitoring } from './clients.ts'
import { resolveTimeRange } from './time-range.ts'

export type AlarmWithStatus = z.output<typeof listAlarms.output>['alarms'][number]
type Status = (typeof alarmStatuses)[number]

/** Pages of 1000; a compartment with more alarms than this is cut (and the list says so through `total`). */
const MAX_PAGES = 10
const STATUS_ORDER: Record<Status, number> = { FIRING: 0, SUSPENDED: 1, OK: 2, UNKNOWN: 3 }
const SEVERITY_ORDER: Record<string, number> = { CRITICAL: 0, ERROR: 1, WARNING: 2, INFO: 3 }

async function allPages<T>(
  fetch: (page?: string) => Promise<{ items: T[]; opcNextPage?: string }>,
): Promise<T[]> {
  const out: T[] = []
  let page: string | undefined
  for (let n = 0; n < MAX_PAGES; n++) {
    const r = await fetch(page)
    out.push(...r.items)
    page = r.opcNextPage || undefined
    if (!page) break
  }
  return out
}

const asStatus = (s: string | undefined): Status =>
  s === 'FIRING' || s === 'OK' || s === 'SUSPENDED' ? s : 'UNKNOWN'

/** One alarm's entries (one per rule when it has overrides): firing wins, then suspended; most severe first. */
function mergeStatus(entries: models.AlarmStatusSummary[]) {
  const sorted = [...entries].sort(
    (a, b) =>
      STATUS_ORDER[asStatus(a.status)] - STATUS_ORDER[asStatus(b.status)] ||
      (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9),
  )
  const top = sorted[0]
  const status = asStatus(top.status)
  return {
    status,
    severity: top.severity,
    triggered_at: status === 'FIRING' ? isoTime(top.timestampTriggered) : undefined,
    suppressed_until: isoTime(top.suppression?.timeSuppressUntil),
    summary: top.alarmSummary || undefined,
  }
}

export interface AlarmQuery {
  compartment_id?: string
  compartment_id_in_subtree?: boolean
  status?: 'FIRING' | 'OK' | 'ANY'
  severity?: (typeof severities)[number]
  resource_id?: string
  region?: string
}

/** Every matching alarm with its current status, FIRING first and most severe first. */
export async function alarmsWithStatus(
  ctx: ToolContext,
  query: AlarmQuery,
): Promise<{ compartmentId: string; alarms: AlarmWithStatus[] }> {
  const { client, signer } = await monitoring(ctx, query.region)
  const compartmentId = compartmentFor(ctx, signer, query)
  const subtree = query.compartment_id_in_subtree || undefined
  const status = query.status && query.status !== 'ANY' ? query.status : undefined
  const [definitions, statuses] = await Promise.all([
    allPages((page) =>
      ociCall(ctx, `Listing alarms in ${compartmentId}`, () =>
        client.listAlarms({ compartmentId, compartmentIdInSubtree: subtree, lifecycleState: 'ACTIVE', page }),
      ),
    ),
    allPages((page) =>
      ociCall(ctx, `Listing alarm status in ${compartmentId}`, () =>
        client.listAlarmsStatus({
          compartmentId,
          compartmentIdInSubtree: subtree,
          resourceId: query.resource_id,
          status: status as never,
          page,
        }),
      ),
    ),
  ])
  const statusById = new Map<string, models.AlarmStatusSummary[]>()
  for (const s of statuses) statusById.set(s.id, [...(statusById.get(s.id) ?? []), s])
  const filtered = status !== undefined || query.resource_id !== undefined
  const byId = new Map<string, AlarmWithStatus>()
  for (const d of definitions) {
    const entries = statusById.get(d.id)
    if (filtered && !entries) continue
    const merged = entries ? mergeStatus(entries) : undefined
    byId.set(d.id, {
      id: d.id,
      display_name: d.displayName,
      status: merged?.status ?? 'UNKNOWN',
      severity: merged?.severity ?? d.severity,
      namespace: d.namespace,
      query: d.query,
      is_enabled: d.isEnabled,
      triggered_at: merged?.triggered_at,
      suppressed_until: merged?.suppressed_until ?? isoTime(d.suppression?.timeSuppressUntil),
      compartment_id: d.compartmentId,
      metric_compartment_id: d.metricCompartmentId,
      summary: merged?.summary ?? (d.alarmSummary || undefined),
    })
  }
  // Statuses of alarms the definitions did not list (another page cap, or a compartment the subtree adds).
  for (const [id, entries] of statusById) {
    if (byId.has(id)) continue
    const merged = mergeStatus(entries)
    byId.set(id, { id, display_name: entries[0].displayName, ...merged })
  }
  let alarms = [...byId.values()]
  if (status) alarms = alarms.filter((a) => a.status === status)
  if (query.severity) alarms = alarms.filter((a) => a.severity === query.severity)
  alarms.sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      (SEVERITY_ORDER[a.severity ?? ''] ?? 9) - (SEVERITY_ORDER[b.severity ?? ''] ?? 9) ||
      a.display_name.localeCompare(b.display_name) ||
      a.id.localeCompare(b.id),
  )
  return { compartmentId, alarms }
}

export const listAlarmsTool = implement(listAlarms, async (input, ctx) => {
  const { compartmentId, alarms } = await alarmsWithStatus(ctx, input)
  // The merged list is one upstream "page": the cursor's offset walks it, and a re-read gives the same order.
  const page = await collectPage({
    cursor: input.cursor,
    limit: input.limit,
    budgetBytes: intSetting('MCP_RESPONSE_BUDGET_BYTES', ctx.env),
    fetchPage: async () => ({ items: alarms, next: null }),
  })
  const firing = alarms.filter((a) => a.status === 'FIRING').length
  const where =
    alarms.length === 0 && !input.compartment_id_in_subtree
      ? await alarmsWhere(ctx, input, compartmentId)
      : undefined
  const data = {
    compartment_id: compartmentId,
    firing_total: firing,
    total: alarms.length,
    alarms: page.items,
    ...(where ? { where_to_look: where } : {}),
    ...pageFields(page),
  }
  const rows = page.items.map((a) => ({
    ...a,
    status_text: a.status === 'FIRING' ? '**FIRING**' : a.status,
    since: a.triggered_at ?? '',
  }))
  const table = mdTable(rows, [
    ['status_text', 'Status'],
    ['severity', 'Severity'],
    ['display_name', 'Alarm'],
    ['namespace', 'Namespace'],
    ['since', 'Firing since'],
    ['id', 'OCID'],
  ])
  const next = firing
    ? '\n\nNext: observability_get_alarm_history for an alarm, or observability_summarize_metrics with its query.'
    : ''
  return {
    data,
    markdown: `## Alarms in \`${compartmentId}\`: ${firing} firing of ${alarms.length}\n\n${table}${whereToLookMarkdown(where)}${pageFooter(data, page.items.length)}${next}`,
  }
})

/** An empty compartment's children; OCI's own subtree option is offered only where OCI takes it, at the tenancy. */
async function alarmsWhere(
  ctx: ToolContext,
  input: { region?: string; status?: string; severity?: string; resource_id?: string },
  compartmentId: string,
) {
  const { signer, region } = await monitoring(ctx, input.region)
  const filtered = (input.status && input.status !== 'ANY') || input.severity || input.resource_id
  return whereToLook(
    ctx,
    compartmentId,
    filtered ? 'matching alarms' : 'alarms',
    region,
    compartmentId === signer.tenancyId,
  )
}

export const getAlarmHistoryTool = implement(getAlarmHistory, async (input, ctx) => {
  const range = resolveTimeRange(input, {
    defaultLast: ALARM_HISTORY_DEFAULT_LAST,
    maxMs: ALARM_HISTORY_MAX_RANGE_DAYS * 86_400_000,
  })
  const { client } = await monitoring(ctx, input.region)
  let isEnabled: boolean | undefined
  const page = await collectPage({
    cursor: input.cursor,
    limit: input.limit,
    budgetBytes: intSetting('MCP_RESPONSE_BUDGET_BYTES', ctx.env),
    fetchPage: async (token, want) => {
      const r = await ociCall(ctx, `Reading the history of alarm ${input.alarm_id}`, () =>
        client.getAlarmHistory({
          alarmId: input.alarm_id,
          alarmHistorytype: input.history_type as never,
          timestampGreaterThanOrEqualTo: queryTime(range.start),
          timestampLessThan: queryTime(range.end),
          limit: want,
          page: token ?? undefined,
        }),
      )
      isEnabled = r.alarmHistoryCollection.isEnabled
      return {
        next: r.opcNextPage,
        items: (r.alarmHistoryCollection.entries ?? []).map((e) => ({
          timestamp: isoTime(e.timestamp) ?? '',
          summary: e.summary,
          alarm_summary: e.alarmSummary || undefined,
          triggered_at: isoTime(e.timestampTriggered),
        })),
      }
    },
  })
  const data = {
    alarm_id: input.alarm_id,
    is_enabled: isEnabled,
    history_type: input.history_type,
    start_time: range.start.toISOString(),
    end_time: range.end.toISOString(),
    entries: page.items,
    ...pageFields(page),
  }
  const table = mdTable(page.items, [
    ['timestamp', 'Time'],
    ['summary', 'What happened'],
    ['triggered_at', 'Triggered'],
  ])
  return {
    data,
    markdown: `## Alarm history (${input.history_type})\n\n\`${input.alarm_id}\`, ${data.start_time} → ${data.end_time}${isEnabled === false ? ' (alarm disabled)' : ''}\n\n${table}${pageFooter(data, page.items.length)}`,
  }
})
