// Log entries of the seeded tenancy, generated for any time range and always the same for the same range:
// audit events in every compartment, batch-worker-1's syslog (the OOM killer during its CPU saturation),
// orders-atp's failed logons (the same bursts as its FailedLogons metric) and the API gateway's access log.
import * as seed from '../seed.ts'
import { failedLogons, SATURATION_MINUTES } from './seed-metrics.ts'
import {
  allDatabases,
  allInstances,
  apiGatewayId,
  DAY_MS,
  type DatabaseResource,
  hash32,
  MINUTE_MS,
  mix,
  unit,
} from './seed-telemetry.ts'
import type { Store } from './store.ts'

/** Logging keeps entries for 30 days by default. */
export const LOG_RETENTION_MS = 30 * DAY_MS
/** The log group name that addresses a compartment's audit events in a search scope. */
export const AUDIT_GROUP = '_Audit'

export interface LogContent {
  data: Record<string, unknown>
  id: string
  oracle: Record<string, string>
  source: string
  specversion: '1.0'
  subject?: string
  time: string
  type: string
  dataschema?: string
}

export interface LogEntry {
  datetime: number
  logContent: LogContent
}

export interface LogDefinition {
  id: string
  displayName: string
  logGroupId: string
  compartmentId: string
  /** Entries with datetime in [from, to). */
  entries(from: number, to: number): LogEntry[]
}

export interface LogGroupDefinition {
  id: string
  displayName: string
  compartmentId: string
  logs: LogDefinition[]
}

const pad = (s: string) => s.padEnd(60, 'x')
export const logGroupId = (slug: string) => `ocid1.loggroup.oc1.iad.${pad(`amaaaaaa${slug}`)}`
export const logId = (slug: string) => `ocid1.log.oc1.iad.${pad(`amaaaaaa${slug}`)}`

/** An uppercase UUID derived from the arguments, like the ids of the published entries. */
function entryId(key: number, tick: number, n: number): string {
  const hex = [0, 1, 2, 3]
    .map((i) =>
      mix(key, tick, n * 4 + i)
        .toString(16)
        .padStart(8, '0'),
    )
    .join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`.toUpperCase()
}

/** Ingestion lags the event by a second or two; Logging shows it with nanoseconds. */
function ingested(time: number, key: number, tick: number): string {
  const lag = 800 + Math.floor(unit(key, tick, 97) * 2200)
  const nanos = String(mix(key, tick, 98) % 1_000_000).padStart(6, '0')
  return new Date(time + lag).toISOString().replace('Z', `${nanos}Z`)
}

/** Calls `each` for every slot of `slotMs` that starts in [from - slotMs, to), so entries offset into a slot are not lost. */
function slots(from: number, to: number, slotMs: number, each: (slot: number, start: number) => void) {
  for (let s = Math.floor(from / slotMs) - 1; s * slotMs < to; s++) each(s, s * slotMs)
}

interface Context {
  tenancyId: string
  now: number
}

function entry(
  ctx: Context,
  log: { id: string; logGroupId: string; compartmentId: string },
  key: number,
  tick: number,
  n: number,
  time: number,
  content: { type: string; source: string; subject?: string; data: Record<string, unknown> },
): LogEntry {
  return {
    datetime: time,
    logContent: {
      data: content.data,
      id: entryId(key, tick, n),
      oracle: {
        compartmentid: log.compartmentId,
        ingestedtime: ingested(time, key, tick * 31 + n),
        loggroupid: log.logGroupId,
        logid: log.id,
        tenantid: ctx.tenancyId,
      },
      source: content.source,
      specversion: '1.0',
      ...(content.subject !== undefined ? { subject: content.subject } : {}),
      time: new Date(time).toISOString(),
      type: content.type,
    },
  }
}

const within = (from: number, to: number) => (e: LogEntry) => e.datetime >= from && e.datetime < to

// ── batch-worker-1 syslog ──

const SYSLOG_ROUTINE = [
  'systemd[1]: Started Session {n} of user opc.',
  'CRON[{pid}]: (root) CMD (/usr/local/bin/batch-run --queue orders --max-items 500)',
  'chronyd[812]: Selected source 169.254.169.254',
  'batch-worker[{pid}]: processed {n} items from queue orders in 41.2s',
  'systemd[1]: Starting dnf makecache...',
  'oracle-cloud-agent[1034]: plugin oci-monitoring: metrics posted',
]

function syslogLog(
  ctx: Context,
  instance: {
    id: string
    displayName: string
    compartmentId: string
    lifecycleState: string
    health: string
  },
): LogDefinition {
  const log = {
    id: logId(`${instance.displayName.replace(/[^a-z0-9]/g, '')}syslog`),
    displayName: `${instance.displayName}-syslog`,
    logGroupId: logGroupId('prodapplogs'),
    compartmentId: instance.compartmentId,
  }
  const key = hash32(log.id)
  const line = (level: string, message: string) => ({
    type: 'com.oraclecloud.logging.custom.syslog',
    source: instance.displayName,
    subject: '/var/log/messages',
    data: { level, message, hostname: instance.displayName, resourceId: instance.id },
  })
  const saturationStart = ctx.now - SATURATION_MINUTES * MINUTE_MS
  return {
    ...log,
    entries(from, to) {
      const out: LogEntry[] = []
      slots(from, to, 10 * MINUTE_MS, (slot, start) => {
        const t = start + Math.floor(unit(key, slot, 1) * 9 * MINUTE_MS)
        const text = SYSLOG_ROUTINE[Math.floor(unit(key, slot, 2) * SYSLOG_ROUTINE.length)]
          .replace('{n}', String(1000 + (mix(key, slot, 3) % 9000)))
          .replace('{pid}', String(2000 + (mix(key, slot, 4) % 30000)))
        out.push(entry(ctx, log, key, slot, 0, t, line('INFO', text)))
      })
      // During the saturation the kernel kills the JVM every few minutes and systemd restarts it.
      if (instance.health !== 'cpu-saturated' || instance.lifecycleState !== 'RUNNING')
        return out.filter(within(from, to))
      slots(Math.max(from, saturationStart), to, 5 * MINUTE_MS, (slot, start) => {
        if (start < saturationStart) return
        const t = start + Math.floor(unit(key, slot, 5) * 2 * MINUTE_MS)
        const pid = 20000 + (mix(key, slot, 6) % 9000)
        const rss = 27_000_000 + (mix(key, slot, 7) % 900_000)
        const restart = Math.floor((start - saturationStart) / (5 * MINUTE_MS)) + 1
        const lines: Array<[number, string, string]> = [
          [
            0,
            'WARN',
            `kernel: java invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0`,
          ],
          [
            180,
            'ERROR',
            `kernel: Out of memory: Killed process ${pid} (java) total-vm:28734112kB, anon-rss:${rss}kB, file-rss:0kB, shmem-rss:0kB, UID:1001 pgtables:54012kB oom_score_adj:0`,
          ],
          [950, 'ERROR', 'systemd[1]: batch-worker.service: Main process exited, code=killed, status=9/KILL'],
          [
            5200,
            'INFO',
            `systemd[1]: batch-worker.service: Scheduled restart job, restart counter is at ${restart}.`,
          ],
        ]
        lines.forEach(([offset, level, message], n) => {
          out.push(entry(ctx, log, key, slot, n + 1, t + offset, line(level, message)))
        })
      })
      return out.filter(within(from, to))
    },
  }
}

// ── orders-atp logons ──

const DB_USERS = ['APP_ORDERS', 'ADMIN', 'REPORTING', 'SCOTT', 'SYSTEM']

function databaseAuditLog(ctx: Context, db: DatabaseResource & { lifecycleState: string }): LogDefinition {
  const log = {
    id: logId(`${db.dbName.toLowerCase()}audit`),
    displayName: `${db.displayName}-audit`,
    logGroupId: logGroupId('prodapplogs'),
    compartmentId: db.compartmentId,
  }
  const key = hash32(log.id)
  const nowMinute = Math.floor(ctx.now / MINUTE_MS)
  const line = (level: string, message: string, extra: Record<string, unknown>) => ({
    type: 'com.oraclecloud.logging.custom.dbaudit',
    source: db.displayName,
    subject: db.dbName,
    data: { level, message, resourceId: db.id, action: 'LOGON', ...extra },
  })
  return {
    ...log,
    entries(from, to) {
      const out: LogEntry[] = []
      for (let m = Math.floor(from / MINUTE_MS); m * MINUTE_MS < to; m++) {
        const failures = db.lifecycleState === 'AVAILABLE' ? failedLogons(db, m, nowMinute) : 0
        for (let n = 0; n < failures; n++) {
          // A storm comes from one address trying the usual account names.
          const ip = `203.0.113.${10 + (mix(key, Math.floor(m / 30), 1) % 200)}`
          const user = DB_USERS[mix(key, m, n + 10) % DB_USERS.length]
          out.push(
            entry(
              ctx,
              log,
              key,
              m,
              n,
              m * MINUTE_MS + Math.floor(((n + unit(key, m, n + 40)) * 60_000) / failures),
              line('ERROR', `ORA-01017: invalid username/password; logon denied (user ${user} from ${ip})`, {
                dbUser: user,
                clientIp: ip,
                returnCode: 1017,
              }),
            ),
          )
        }
      }
      slots(from, to, 15 * MINUTE_MS, (slot, start) => {
        const t = start + Math.floor(unit(key, slot, 20) * 14 * MINUTE_MS)
        out.push(
          entry(
            ctx,
            log,
            key,
            slot,
            500,
            t,
            line('INFO', 'LOGON succeeded for APP_ORDERS from 10.0.1.10', {
              dbUser: 'APP_ORDERS',
              clientIp: '10.0.1.10',
              returnCode: 0,
            }),
          ),
        )
      })
      return out.filter(within(from, to))
    },
  }
}

// ── API gateway access log ──

const ROUTES: Array<{ method: string; path: string; weight: number }> = [
  { method: 'POST', path: '/mcp', weight: 0.55 },
  { method: 'POST', path: '/mcp/observability', weight: 0.15 },
  { method: 'POST', path: '/mcp/compute', weight: 0.12 },
  { method: 'POST', path: '/mcp/cost', weight: 0.08 },
  { method: 'GET', path: '/.well-known/oauth-protected-resource', weight: 0.1 },
]

function pickRoute(r: number) {
  let rest = r
  for (const route of ROUTES) {
    rest -= route.weight
    if (rest < 0) return route
  }
  return ROUTES[0]
}

function gatewayAccessLog(ctx: Context): LogDefinition {
  const compartmentId = seed.compartmentId('platformprod')
  const log = {
    id: logId('mcpgatewayaccess'),
    displayName: 'mcp-gateway-access',
    logGroupId: logGroupId('prodgatewaylogs'),
    compartmentId,
  }
  const key = hash32(log.id)
  return {
    ...log,
    entries(from, to) {
      const out: LogEntry[] = []
      slots(from, to, 2 * MINUTE_MS, (slot, start) => {
        const count = 1 + (mix(key, slot, 1) % 3)
        for (let n = 0; n < count; n++) {
          const t = start + Math.floor(unit(key, slot, 10 + n) * 2 * MINUTE_MS)
          const route = pickRoute(unit(key, slot, 20 + n))
          const roll = unit(key, slot, 30 + n)
          const status = roll < 0.01 ? 502 : roll < 0.05 ? 401 : roll < 0.07 ? 429 : 200
          const level = status >= 500 ? 'ERROR' : status >= 400 ? 'WARN' : 'INFO'
          const latency = Math.round((status === 502 ? 30000 : 40 + 400 * unit(key, slot, 40 + n)) * 10) / 10
          const clientAddr = `198.51.100.${1 + (mix(key, slot, 50 + n) % 250)}`
          out.push(
            entry(ctx, log, key, slot, n, t, {
              type: 'com.oraclecloud.apigateway.apideployment.access',
              source: 'oci-mcp-functions',
              data: {
                level,
                message: `${route.method} ${route.path} ${status} ${latency}ms`,
                resourceId: apiGatewayId,
                clientAddr,
                requestMethod: route.method,
                requestUri: route.path,
                requestProtocol: 'HTTP/1.1',
                responseStatus: status,
                responseTime: latency,
                bytesSent: status === 200 ? 900 + (mix(key, slot, 60 + n) % 40000) : 120,
                opcRequestId: entryId(key, slot, 70 + n).replace(/-/g, ''),
              },
            }),
          )
        }
      })
      return out.filter(within(from, to))
    },
  }
}

// ── Audit ──

interface AuditEvent {
  type: string
  eventName: string
  action: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: string
  resourceName: string
  resourceId: string
  principal: 'alice' | 'bob' | 'operator' | 'function'
  status: number
}

function auditCatalog(store: Store, compartmentId: string): AuditEvent[] {
  const instances = allInstances(store)
    .filter((i) => i.compartmentId === compartmentId)
    .slice(0, 6)
  const dbs = allDatabases(store).filter((d) => d.compartmentId === compartmentId)
  const buckets = store.state.buckets.filter((b) => b.compartmentId === compartmentId)
  const events: AuditEvent[] = []
  for (const i of instances) {
    events.push(
      {
        type: 'com.oraclecloud.ComputeApi.GetInstance',
        eventName: 'GetInstance',
        action: 'GET',
        path: `/20160918/instances/${i.id}`,
        resourceName: i.displayName,
        resourceId: i.id,
        principal: 'function',
        status: 200,
      },
      {
        type: 'com.oraclecloud.ComputeApi.GetInstance',
        eventName: 'GetInstance',
        action: 'GET',
        path: `/20160918/instances/${i.id}`,
        resourceName: i.displayName,
        resourceId: i.id,
        principal: 'alice',
        status: 200,
      },
    )
  }
  for (const d of dbs) {
    events.push({
      type: 'com.oraclecloud.DatabaseService.GetAutonomousDatabase',
      eventName: 'GetAutonomousDatabase',
      action: 'GET',
      path: `/20160918/autonomousDatabases/${d.id}`,
      resourceName: d.displayName,
      resourceId: d.id,
      principal: 'function',
      status: 200,
    })
  }
  for (const b of buckets) {
    events.push(
      {
        type: 'com.oraclecloud.objectstorage.getbucket',
        eventName: 'GetBucket',
        action: 'GET',
        path: `/n/${store.state.namespace}/b/${b.name}`,
        resourceName: b.name,
        resourceId: b.id,
        principal: 'operator',
        status: 200,
      },
      {
        type: 'com.oraclecloud.objectstorage.listobjects',
        eventName: 'ListObjects',
        action: 'GET',
        path: `/n/${store.state.namespace}/b/${b.name}/o`,
        resourceName: b.name,
        resourceId: b.id,
        principal: 'function',
        status: 200,
      },
    )
  }
  if (compartmentId === store.state.tenancy.id) {
    const policy =
      store.state.policies.find((p) => p.name === 'contractors-policy') ?? store.state.policies[0]
    events.push(
      {
        type: 'com.oraclecloud.identityControlPlane.ListCompartments',
        eventName: 'ListCompartments',
        action: 'GET',
        path: '/20160918/compartments',
        resourceName: '',
        resourceId: '',
        principal: 'function',
        status: 200,
      },
      {
        type: 'com.oraclecloud.identityControlPlane.UpdatePolicy',
        eventName: 'UpdatePolicy',
        action: 'PUT',
        path: `/20160918/policies/${policy.id}`,
        resourceName: policy.name,
        resourceId: policy.id,
        principal: 'alice',
        status: 200,
      },
      // Bob (read-only) tries to change a policy: refused, as the audit log shows.
      {
        type: 'com.oraclecloud.identityControlPlane.UpdatePolicy',
        eventName: 'UpdatePolicy',
        action: 'PUT',
        path: `/20160918/policies/${policy.id}`,
        resourceName: policy.name,
        resourceId: policy.id,
        principal: 'bob',
        status: 404,
      },
    )
  }
  if (events.length === 0) {
    events.push({
      type: 'com.oraclecloud.ComputeApi.ListInstances',
      eventName: 'ListInstances',
      action: 'GET',
      path: '/20160918/instances',
      resourceName: '',
      resourceId: '',
      principal: 'function',
      status: 200,
    })
  }
  return events
}

const PRINCIPALS = {
  alice: {
    principalName: 'alice@example.com',
    principalId: seed.userId('alice'),
    authType: 'natv',
    ipAddress: '192.0.2.14',
    userAgent: 'Oracle-TypeScriptSDK/2.139.1',
  },
  bob: {
    principalName: 'bob@example.com',
    principalId: seed.userId('bob'),
    authType: 'natv',
    ipAddress: '192.0.2.33',
    userAgent: 'Mozilla/5.0 (Console)',
  },
  operator: {
    principalName: seed.operator.name,
    principalId: seed.operator.ocid,
    authType: 'natv',
    ipAddress: '127.0.0.1',
    userAgent: 'Oracle-TypeScriptSDK/2.139.1',
  },
  function: {
    principalName: 'mcp-observability',
    principalId: `ocid1.fnfunc.oc1.iad.${pad('aaaaaaaamcpobservability')}`,
    authType: 'res',
    ipAddress: '10.0.2.250',
    userAgent: 'Oracle-TypeScriptSDK/2.139.1',
  },
}

function auditLog(ctx: Context, store: Store, compartmentId: string): LogDefinition {
  const compartmentName =
    compartmentId === store.state.tenancy.id
      ? store.state.tenancy.name
      : (store.compartment(compartmentId)?.name ?? '')
  const log = { id: AUDIT_GROUP, displayName: AUDIT_GROUP, logGroupId: AUDIT_GROUP, compartmentId }
  const key = hash32(`audit/${compartmentId}`)
  const catalog = auditCatalog(store, compartmentId)
  return {
    ...log,
    entries(from, to) {
      const out: LogEntry[] = []
      slots(from, to, 20 * MINUTE_MS, (slot, start) => {
        const t = start + Math.floor(unit(key, slot, 1) * 19 * MINUTE_MS)
        const e = catalog[mix(key, slot, 2) % catalog.length]
        const who = PRINCIPALS[e.principal]
        const requestId = entryId(key, slot, 3).replace(/-/g, '')
        const item = entry(ctx, log, key, slot, 0, t, {
          type: e.type,
          source: e.resourceName,
          data: {
            eventGroupingId: requestId,
            eventName: e.eventName,
            compartmentId,
            compartmentName,
            resourceName: e.resourceName,
            resourceId: e.resourceId,
            availabilityDomain: 'AD1',
            identity: { ...who, tenantId: ctx.tenancyId, credentials: null },
            request: { id: requestId, path: e.path, action: e.action, parameters: {}, headers: {} },
            response: {
              status: String(e.status),
              responseTime: new Date(t + 40).toISOString(),
              headers: {},
              payload: {},
              message: e.status === 200 ? `${e.eventName} succeeded` : 'NotAuthorizedOrNotFound',
            },
            stateChange: null,
            additionalDetails: {},
          },
        })
        // Audit entries carry no log OCID; the _Audit group names them.
        delete (item.logContent.oracle as Record<string, string>).logid
        item.logContent.dataschema = '2.0'
        out.push(item)
      })
      return out.filter(within(from, to))
    },
  }
}

/** The log groups of a compartment (its _Audit pseudo-group included) as of `now`. */
export function logGroupsOf(store: Store, compartmentId: string, now: number): LogGroupDefinition[] {
  const ctx: Context = { tenancyId: store.state.tenancy.id, now }
  const groups: LogGroupDefinition[] = [
    { id: AUDIT_GROUP, displayName: AUDIT_GROUP, compartmentId, logs: [auditLog(ctx, store, compartmentId)] },
  ]
  if (compartmentId === seed.compartmentId('platformprod')) {
    const batch = allInstances(store).find((i) => i.displayName === 'batch-worker-1')
    const orders = allDatabases(store).find((d) => d.displayName === 'orders-atp')
    groups.push(
      {
        id: logGroupId('prodapplogs'),
        displayName: 'prod-app-logs',
        compartmentId,
        logs: [...(batch ? [syslogLog(ctx, batch)] : []), ...(orders ? [databaseAuditLog(ctx, orders)] : [])],
      },
      {
        id: logGroupId('prodgatewaylogs'),
        displayName: 'prod-gateway-logs',
        compartmentId,
        logs: [gatewayAccessLog(ctx)],
      },
    )
  }
  return groups
}
