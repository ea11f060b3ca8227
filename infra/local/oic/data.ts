// The Oracle Integration stand-in's data: the seed's integrations (seed.oicIntegrations) with their messages
// spread over the last three days and their errored instances, all derived from a fixed anchor time.
//
// Seed counts read as: received = processed + errored, where `processed` are the messages that succeeded.
// They are the RETENTIONPERIOD totals; shorter time windows count the messages whose age fits.
import { createHash } from 'node:crypto'
import { oicIntegrations } from '../seed.ts'

export const HOUR_MS = 3_600_000
/** The stand-in keeps three days of instances: RETENTIONPERIOD means all of them. */
export const RETENTION_MS = 72 * HOUR_MS

export const TIME_WINDOWS = {
  '1h': HOUR_MS,
  '6h': 6 * HOUR_MS,
  '1d': 24 * HOUR_MS,
  '2d': 48 * HOUR_MS,
  '3d': 72 * HOUR_MS,
  RETENTIONPERIOD: RETENTION_MS,
} as const
export type TimeWindow = keyof typeof TIME_WINDOWS

export interface IntegrationInfo {
  code: string
  version: string
  id: string
  name: string
  description: string
  flowId: string
  mepType: 'ASYNC_ONE_WAY' | 'SYNC' | 'SCHEDULED'
  style: string
  scheduled: boolean
  lastUpdatedAgoMs: number
}

export interface ErroredInstance {
  id: string
  faultId: string
  integration: IntegrationInfo
  /** Milliseconds before the anchor. */
  ageMs: number
  errorMessage: string
  errorDetails: string
  primaryName: string
  primaryValue: string
  recoverable: boolean
  connection: { code: string; name: string; appTypeName: string } | null
}

export interface OicData {
  integrations: IntegrationInfo[]
  /** Ages (ms before the anchor) of every message, per integration id, and whether it errored. */
  messages: Map<string, Array<{ ageMs: number; errored: boolean }>>
  errors: ErroredInstance[]
}

/** mulberry32: the same seed always gives the same sequence. */
function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const seedOf = (text: string) => createHash('sha256').update(text).digest().readUInt32BE(0)

/** OIC 3 instance ids look like `9YFMbxDJEe-AbCdEfGhIjK`: 22 url-safe characters. */
const instanceId = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22)

const INFO: Record<string, Omit<IntegrationInfo, 'code' | 'version' | 'id' | 'name'>> = {
  ORDER_SYNC: {
    description: 'Pushes new orders from the storefront to the ERP',
    flowId: '1205',
    mepType: 'ASYNC_ONE_WAY',
    style: 'freeform_mapmydata',
    scheduled: false,
    lastUpdatedAgoMs: 9 * 24 * HOUR_MS,
  },
  INVOICE_EXPORT: {
    description: 'Exports posted invoices to the finance data lake',
    flowId: '1311',
    mepType: 'ASYNC_ONE_WAY',
    style: 'freeform_mapmydata',
    scheduled: false,
    lastUpdatedAgoMs: 30 * 24 * HOUR_MS,
  },
  HR_FEED: {
    description: 'Nightly employee feed from HCM to the directory',
    flowId: '1422',
    mepType: 'SCHEDULED',
    style: 'freeform_scheduled',
    scheduled: true,
    lastUpdatedAgoMs: 45 * 24 * HOUR_MS,
  },
}

/** Where the errors of each integration fall: ages in hours, [from, to), and how many. */
const ERROR_SPREAD: Record<string, Array<[number, number, number]>> = {
  // The order sync is failing right now: most errors are recent.
  ORDER_SYNC: [
    [0, 1, 12],
    [1, 6, 10],
    [6, 24, 8],
    [24, 72, 8],
  ],
  // The HR feed's last nightly batch (about five hours ago) had bad records.
  HR_FEED: [[4.9, 5.1, 6]],
}

const ORDER_ERRORS = [
  {
    message: 'Internal Server Error: the invoked REST endpoint returned HTTP 500',
    details:
      'oracle.cloud.cpi.common.excp.CloudInvocationException: ICS runtime execution error. Error Code: 500 Internal Server Error. The ERP orders endpoint https://erp.example.com/api/orders returned an error.',
    connection: { code: 'ERP_REST', name: 'ERP REST', appTypeName: 'rest' },
  },
  {
    message: 'Service Unavailable: the invoked REST endpoint returned HTTP 503',
    details:
      'oracle.cloud.cpi.common.excp.CloudInvocationException: Error Code: 503 Service Unavailable. Retry after the ERP maintenance window.',
    connection: { code: 'ERP_REST', name: 'ERP REST', appTypeName: 'rest' },
  },
  {
    message: 'Connection timed out: erp.example.com:443',
    details: 'java.net.SocketTimeoutException: connect timed out after 120000 ms while invoking ERP REST.',
    connection: { code: 'ERP_REST', name: 'ERP REST', appTypeName: 'rest' },
  },
]

export function buildOicData(): OicData {
  const integrations: IntegrationInfo[] = oicIntegrations.map((i) => ({
    code: i.code,
    version: i.version,
    id: `${i.code}|${i.version}`,
    name: i.name,
    ...INFO[i.code],
  }))
  const messages = new Map<string, Array<{ ageMs: number; errored: boolean }>>()
  const errors: ErroredInstance[] = []
  for (const seeded of oicIntegrations) {
    const info = integrations.find((x) => x.code === seeded.code) as IntegrationInfo
    const next = random(seedOf(info.id))
    const list: Array<{ ageMs: number; errored: boolean }> = []
    for (let n = 0; n < seeded.processed; n++) {
      // Scheduled integrations run in nightly batches; the others receive messages all day.
      const ageMs = info.scheduled
        ? (5 + 24 * (n % 3)) * HOUR_MS + next() * 0.2 * HOUR_MS - 0.1 * HOUR_MS
        : next() * RETENTION_MS
      list.push({ ageMs, errored: false })
    }
    const spread = ERROR_SPREAD[seeded.code] ?? [[0, 72, seeded.errored]]
    let made = 0
    for (const [fromH, toH, count] of spread) {
      for (let k = 0; k < count && made < seeded.errored; k++, made++) {
        // Kept clear of the window edges, so that counts per window do not change while a test runs.
        const ageMs = (fromH + ((k + 0.1 + 0.8 * next()) / count) * (toH - fromH)) * HOUR_MS
        list.push({ ageMs, errored: true })
        const order = 1000 + Math.floor(next() * 9000)
        const isOrder = seeded.code === 'ORDER_SYNC'
        const kind = ORDER_ERRORS[Math.floor(next() * ORDER_ERRORS.length)]
        errors.push({
          id: instanceId(`${info.id}/error/${made}`),
          faultId: String(2_000_000 + (seedOf(`${info.id}/fault/${made}`) % 1_000_000)),
          integration: info,
          ageMs,
          errorMessage: isOrder ? kind.message : "Invalid payload: element 'employeeId' is required",
          errorDetails: isOrder
            ? kind.details
            : `oracle.cloud.cpi.common.excp.CloudInvocationException: XML schema validation failed for record ${made + 1} of the nightly HCM extract: cvc-complex-type.2.4.a: element 'employeeId' is required.`,
          primaryName: isOrder ? 'orderId' : 'employeeNumber',
          primaryValue: isOrder ? `ORD-${order}` : `E${String(40000 + order).padStart(6, '0')}`,
          // Asynchronous flows can be resubmitted; a scheduled run's schema failures cannot.
          recoverable: !info.scheduled,
          connection: isOrder ? kind.connection : null,
        })
      }
    }
    messages.set(info.id, list)
  }
  return { integrations, messages, errors }
}
