// Metric streams of the seeded resources, one raw value a minute, computed from the seed's health story:
// batch-worker-1 pegged for the last two hours, orders-atp hot with storage filling up and logon storms.

import {
  type BucketResource,
  type ComputeResource,
  DAY_MS,
  type DatabaseResource,
  hash32,
  jitter,
  MINUTE_MS,
  REGION,
  telemetryResources,
  unit,
} from './seed-telemetry.ts'
import type { Store } from './store.ts'

/** How far back metric data goes (OCI keeps 90 days). */
export const RETENTION_MS = 90 * DAY_MS
/** batch-worker-1: CPU ~97 % and memory ~92 % for this many minutes up to now. */
export const SATURATION_MINUTES = 120
/** orders-atp: CPU ~95 % and a logon storm for this many minutes up to now. */
export const DB_INCIDENT_MINUTES = 360

export interface MetricDefinition {
  namespace: string
  name: string
  displayName: string
  unit: string
}

export interface MetricStream {
  definition: MetricDefinition
  compartmentId: string
  dimensions: Record<string, string>
  /** The raw value of one epoch minute (ms since epoch / 60000). */
  valueAt(minute: number): number
}

type Generator<R> = (r: R, key: number, minute: number, now: number) => number

interface Family<R> {
  namespace: string
  metrics: Array<{ name: string; displayName: string; unit: string; value: Generator<R> }>
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v))
/** A day-long swell, peaking at a time of day that differs per resource. */
const daily = (key: number, minute: number) =>
  Math.sin((2 * Math.PI * ((minute + (key % 1440)) % 1440)) / 1440)

const saturated = (r: ComputeResource, minute: number, now: number) =>
  r.health === 'cpu-saturated' && minute > now - SATURATION_MINUTES
const dbIncident = (r: DatabaseResource, minute: number, now: number) =>
  r.health === 'stressed' && minute > now - DB_INCIDENT_MINUTES

function cpu(r: ComputeResource, key: number, minute: number, now: number): number {
  if (saturated(r, minute, now)) return clamp(97 + 2.4 * jitter(key, minute, 1), 0, 100)
  if (r.health === 'cpu-saturated') return 30 + 6 * jitter(key, minute, 1) + 2 * daily(key, minute)
  return clamp(20 + 12 * unit(key, 0, 2) + 5 * daily(key, minute) + 6 * jitter(key, minute, 1), 15, 40)
}

function memory(r: ComputeResource, key: number, minute: number, now: number): number {
  if (saturated(r, minute, now)) return 92 + 1.6 * jitter(key, minute, 3)
  if (r.health === 'cpu-saturated') return 30 + 5 * jitter(key, minute, 3)
  return 40 + 12 * unit(key, 0, 4) + 4 * jitter(key, minute, 3)
}

/** Bytes moved in one minute (OCI's compute agent posts per-interval deltas, hence rate() for bytes/s). */
const bytes = (base: number, key: number, minute: number, salt: number) =>
  Math.round(base * (1 + 0.3 * daily(key, minute)) * (1 + 0.4 * jitter(key, minute, salt)))

const computeAgent: Family<ComputeResource> = {
  namespace: 'oci_computeagent',
  metrics: [
    { name: 'CpuUtilization', displayName: 'CPU Utilization', unit: 'percent', value: cpu },
    { name: 'MemoryUtilization', displayName: 'Memory Utilization', unit: 'percent', value: memory },
    {
      name: 'NetworksBytesIn',
      displayName: 'Network Receive Bytes',
      unit: 'bytes',
      value: (r, k, m, now) => bytes(saturated(r, m, now) ? 9e7 : 1.2e8 * (0.2 + unit(k, 0, 5)), k, m, 6),
    },
    {
      name: 'NetworksBytesOut',
      displayName: 'Network Transmit Bytes',
      unit: 'bytes',
      value: (r, k, m, now) => bytes(saturated(r, m, now) ? 3e7 : 6e7 * (0.2 + unit(k, 0, 7)), k, m, 8),
    },
    {
      name: 'DiskBytesRead',
      displayName: 'Disk Read Bytes',
      unit: 'bytes',
      // Under memory pressure the worker pages: reads jump.
      value: (r, k, m, now) => bytes(saturated(r, m, now) ? 2.4e9 : 3e7 * (0.5 + unit(k, 0, 9)), k, m, 10),
    },
    {
      name: 'DiskBytesWritten',
      displayName: 'Disk Write Bytes',
      unit: 'bytes',
      value: (r, k, m, now) => bytes(saturated(r, m, now) ? 9e8 : 2e7 * (0.5 + unit(k, 0, 11)), k, m, 12),
    },
    {
      name: 'DiskIopsRead',
      displayName: 'Disk Read I/O',
      unit: 'operations',
      value: (r, k, m, now) => Math.round(bytes(saturated(r, m, now) ? 2.4e9 : 3e7, k, m, 10) / 16384),
    },
    {
      name: 'DiskIopsWritten',
      displayName: 'Disk Write I/O',
      unit: 'operations',
      value: (r, k, m, now) => Math.round(bytes(saturated(r, m, now) ? 9e8 : 2e7, k, m, 12) / 16384),
    },
    {
      name: 'LoadAverage',
      displayName: 'Load Average',
      unit: 'processes',
      value: (r, k, m, now) =>
        Math.max(
          0,
          ((cpu(r, k, m, now) / 100) * r.ocpus * 2 + (saturated(r, m, now) ? 4 : 0)) *
            (1 + 0.1 * jitter(k, m, 13)),
        ),
    },
    {
      name: 'MemoryAllocationStalls',
      displayName: 'Memory Allocation Stalls',
      unit: 'count',
      value: (r, k, m, now) => (saturated(r, m, now) ? Math.round(40 + 30 * jitter(k, m, 14)) : 0),
    },
  ],
}

/**
 * Failed logons of one database in one minute. Bursts start at a random minute of some half-hours: rare and
 * small normally, nearly every half-hour and large during the incident. Logging Search tells the same story.
 */
export function failedLogons(r: DatabaseResource, minute: number, now: number): number {
  const key = hash32(`${r.id}/FailedLogons`)
  const slot = Math.floor(minute / 30)
  const storm = r.health === 'stressed' && slot * 30 > now - DB_INCIDENT_MINUTES
  if (unit(key, slot, 1) >= (storm ? 0.8 : r.health === 'stressed' ? 0.2 : 0.04)) return 0
  const start = slot * 30 + Math.floor(unit(key, slot, 2) * 27)
  if (minute < start || minute >= start + (storm ? 3 : 1)) return 0
  return storm ? 8 + Math.floor(unit(key, minute, 3) * 25) : 1 + Math.floor(unit(key, minute, 3) * 4)
}

function dbCpu(r: DatabaseResource, key: number, minute: number, now: number): number {
  if (dbIncident(r, minute, now)) return clamp(95 + 3 * jitter(key, minute, 1), 0, 100)
  if (r.health === 'stressed') return 55 + 10 * jitter(key, minute, 1)
  return clamp(10 + 20 * unit(key, 0, 2) + 5 * daily(key, minute) + 5 * jitter(key, minute, 1), 5, 35)
}

/** orders-atp filled steadily from 84 % a week ago to 91 % now, crossing 90 % a day ago; the others sit at 38 %. */
function storage(r: DatabaseResource, key: number, minute: number, now: number): number {
  if (r.health !== 'stressed') return 38 + 0.1 * jitter(key, minute, 4)
  const week = 7 * 1440
  return 91 - (7 * Math.min(now - minute, week)) / week
}

const autonomousDatabase: Family<DatabaseResource> = {
  namespace: 'oci_autonomous_database',
  metrics: [
    { name: 'CpuUtilization', displayName: 'CPU Utilization', unit: 'percent', value: dbCpu },
    { name: 'StorageUtilization', displayName: 'Storage Utilization', unit: 'percent', value: storage },
    {
      name: 'StorageUsed',
      displayName: 'Storage Used',
      unit: 'GB',
      value: (r, k, m, now) => (r.storageTbs * 1024 * storage(r, k, m, now)) / 100,
    },
    {
      name: 'StorageAllocated',
      displayName: 'Storage Allocated',
      unit: 'GB',
      value: (r) => r.storageTbs * 1024,
    },
    {
      name: 'Sessions',
      displayName: 'Sessions',
      unit: 'count',
      value: (r, k, m, now) =>
        Math.round(dbIncident(r, m, now) ? 180 + 30 * jitter(k, m, 5) : 14 + 8 * jitter(k, m, 5)),
    },
    {
      name: 'CurrentLogons',
      displayName: 'Current Logons',
      unit: 'count',
      value: (r, k, m, now) =>
        Math.round(dbIncident(r, m, now) ? 60 + 10 * jitter(k, m, 6) : 4 + 4 * jitter(k, m, 6)),
    },
    {
      name: 'FailedLogons',
      displayName: 'Failed Logons',
      unit: 'count',
      value: (r, _k, m, now) => failedLogons(r, m, now),
    },
    {
      name: 'ExecuteCount',
      displayName: 'Execute Count',
      unit: 'count',
      value: (r, k, m, now) =>
        Math.round(dbIncident(r, m, now) ? 9000 + 3000 * jitter(k, m, 7) : 800 + 400 * jitter(k, m, 7)),
    },
  ],
}

const busy = (b: BucketResource) => b.objectCount > 100

const objectStorage: Family<BucketResource> = {
  namespace: 'oci_objectstorage',
  metrics: [
    { name: 'ObjectCount', displayName: 'Object Count', unit: 'count', value: (b) => b.objectCount },
    { name: 'StoredBytes', displayName: 'Stored Bytes', unit: 'bytes', value: (b) => b.storedBytes },
    {
      name: 'AllRequests',
      displayName: 'All Requests',
      unit: 'count',
      value: (b, k, m) => Math.max(0, Math.round((busy(b) ? 30 : 2) * (1 + jitter(k, m, 1)))),
    },
    {
      name: 'ClientErrors',
      displayName: 'Client-Side Errors',
      unit: 'count',
      value: (b, k, m) => (unit(k, m, 2) < (busy(b) ? 0.1 : 0.01) ? 1 : 0),
    },
  ],
}

export const NAMESPACES = [computeAgent.namespace, autonomousDatabase.namespace, objectStorage.namespace]

export function metricDefinitions(namespace: string): MetricDefinition[] {
  const family = [computeAgent, autonomousDatabase, objectStorage].find((f) => f.namespace === namespace) as
    | Family<unknown>
    | undefined
  return (family?.metrics ?? []).map(({ name, displayName, unit }) => ({
    namespace,
    name,
    displayName,
    unit,
  }))
}

function streamsOf<R>(
  family: Family<R>,
  resources: R[],
  describe: (
    r: R,
    metric: string,
  ) => { id: string; compartmentId: string; dimensions: Record<string, string> },
  nowMinute: number,
): MetricStream[] {
  return resources.flatMap((r) =>
    family.metrics.map((m) => {
      const d = describe(r, m.name)
      const key = hash32(`${d.id}/${m.name}`)
      return {
        definition: { namespace: family.namespace, name: m.name, displayName: m.displayName, unit: m.unit },
        compartmentId: d.compartmentId,
        dimensions: d.dimensions,
        valueAt: (minute: number) => m.value(r, key, minute, nowMinute),
      }
    }),
  )
}

/** Every metric stream of the tenancy as of `nowMs`. */
export function metricStreams(store: Store, nowMs: number): MetricStream[] {
  const nowMinute = Math.floor(nowMs / MINUTE_MS)
  const res = telemetryResources(store)
  return [
    ...streamsOf(
      computeAgent,
      res.instances,
      (i) => ({
        id: i.id,
        compartmentId: i.compartmentId,
        dimensions: {
          availabilityDomain: i.availabilityDomain,
          faultDomain: i.faultDomain,
          region: REGION,
          resourceDisplayName: i.displayName,
          resourceId: i.id,
          shape: i.shape,
        },
      }),
      nowMinute,
    ),
    ...streamsOf(
      autonomousDatabase,
      res.databases,
      // displayName carries the metric's name, as in the published ADB response (fixtures).
      (d, metric) => ({
        id: d.id,
        compartmentId: d.compartmentId,
        dimensions: {
          AutonomousDBType: d.workload === 'DW' ? 'ADW' : 'ATP',
          deploymentType: 'Shared',
          displayName: metric,
          region: REGION,
          resourceId: d.id,
          resourceName: d.displayName,
        },
      }),
      nowMinute,
    ),
    ...streamsOf(
      objectStorage,
      res.buckets,
      // Object Storage names the bucket OCID dimension resourceID (capital ID).
      (b) => ({
        id: b.id,
        compartmentId: b.compartmentId,
        dimensions: { region: REGION, resourceDisplayName: b.name, resourceID: b.id, tier: 'Standard' },
      }),
      nowMinute,
    ),
  ]
}
