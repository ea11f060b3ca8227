// What Monitoring, Logging Search and the Usage API report on: the seeded resources with their health story,
// plus the deterministic noise every generator shares. Nothing here is stored; it is recomputed per request.
import * as seed from '../seed.ts'
import type { Store } from './store.ts'

const pad = (s: string) => s.padEnd(60, 'x')

/** Same shape as seed.instanceId, for the autonomous databases the seed names only by slug. */
export const autonomousDatabaseId = (slug: string) =>
  `ocid1.autonomousdatabase.oc1.iad.${pad(`anuwcljr${slug}`)}`
/** Resources only the telemetry speaks of (no service here serves them); stable so tests can name them. */
export const bootVolumeId = (slug: string) => `ocid1.bootvolume.oc1.iad.${pad(`abuwcljr${slug}boot`)}`
export const apiGatewayId = `ocid1.apigateway.oc1.iad.${pad('amaaaaaamcpgateway')}`
export const notificationTopicId = `ocid1.onstopic.oc1.iad.${pad('aaaaaaaaopsalerts')}`
const fallbackVcnId = `ocid1.vcn.oc1.iad.${pad('amaaaaaaplatformvcn')}`

export const REGION = seed.REGION
export const AVAILABILITY_DOMAIN = 'fMgC:US-ASHBURN-AD-1'

export interface ComputeResource {
  id: string
  displayName: string
  compartmentId: string
  shape: string
  ocpus: number
  memoryInGBs: number
  availabilityDomain: string
  faultDomain: string
  health: 'healthy' | 'cpu-saturated'
}

export interface DatabaseResource {
  id: string
  displayName: string
  dbName: string
  compartmentId: string
  workload: 'OLTP' | 'DW'
  storageTbs: number
  health: 'healthy' | 'stressed'
}

export interface BucketResource {
  id: string
  name: string
  compartmentId: string
  objectCount: number
  storedBytes: number
}

export interface TelemetryResources {
  /** RUNNING instances only: stopped ones emit no metrics and no logs. */
  instances: ComputeResource[]
  /** AVAILABLE autonomous databases only. */
  databases: DatabaseResource[]
  buckets: BucketResource[]
  vcn: { id: string; displayName: string; compartmentId: string }
}

type Row = Record<string, unknown>

/**
 * Rows another service keeps in the state (Core, Database), when it does: the telemetry then follows what
 * those services serve (OCIDs, lifecycle changes, generated instances); otherwise it falls back to the seed.
 */
function stateRows(store: Store, key: string): Row[] | undefined {
  const rows = (store.state as unknown as Row)[key]
  return Array.isArray(rows) && rows.every((r) => r && typeof r === 'object' && typeof r.id === 'string')
    ? (rows as Row[])
    : undefined
}

const str = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback)
const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback)

export function telemetryResources(store: Store): TelemetryResources {
  return {
    instances: allInstances(store)
      .filter((i) => i.lifecycleState === 'RUNNING')
      .map(({ lifecycleState: _, ...i }) => i),
    databases: allDatabases(store)
      .filter((d) => d.lifecycleState === 'AVAILABLE')
      .map(({ lifecycleState: _, ...d }) => d),
    buckets: store.state.buckets.map((b) => {
      const objects = [...(store.state.objects.get(b.name)?.values() ?? [])]
      return {
        id: b.id,
        name: b.name,
        compartmentId: b.compartmentId,
        objectCount: objects.length,
        storedBytes: objects.reduce((sum, o) => sum + o.size, 0),
      }
    }),
    vcn: vcnOf(store),
  }
}

/** Every instance, whatever its state; the OCIDs alarms and logs name. */
export function allInstances(store: Store): Array<ComputeResource & { lifecycleState: string }> {
  const bySeedId = new Map(seed.instances.map((i) => [i.id, i]))
  const rows = stateRows(store, 'instances')
  const list = rows
    ? rows.map((r) => {
        const s = bySeedId.get(r.id as string) ?? seed.instances.find((i) => i.displayName === r.displayName)
        const shapeConfig = (r.shapeConfig ?? {}) as Row
        return {
          id: r.id as string,
          displayName: str(r.displayName, s?.displayName),
          compartmentId: str(r.compartmentId, s?.compartmentId),
          shape: str(r.shape, s?.shape ?? 'VM.Standard.E4.Flex'),
          ocpus: num(shapeConfig.ocpus ?? r.ocpus, s?.ocpus ?? 1),
          memoryInGBs: num(shapeConfig.memoryInGBs ?? r.memoryInGBs, s?.memoryInGBs ?? 8),
          lifecycleState: str(r.lifecycleState, s?.lifecycleState),
          health: s?.health,
          availabilityDomain: str(r.availabilityDomain) || undefined,
          faultDomain: str(r.faultDomain) || undefined,
        }
      })
    : seed.instances.map((i) => ({ ...i, availabilityDomain: undefined, faultDomain: undefined }))
  return list.map((i) => ({
    id: i.id,
    displayName: i.displayName,
    compartmentId: i.compartmentId,
    shape: i.shape,
    ocpus: i.ocpus,
    memoryInGBs: i.memoryInGBs,
    lifecycleState: i.lifecycleState,
    health: i.health === 'cpu-saturated' ? 'cpu-saturated' : 'healthy',
    availabilityDomain: i.availabilityDomain ?? AVAILABILITY_DOMAIN,
    faultDomain: i.faultDomain ?? `FAULT-DOMAIN-${1 + (hash32(i.id) % 3)}`,
  }))
}

/** Every autonomous database, whatever its state. */
export function allDatabases(store: Store): Array<DatabaseResource & { lifecycleState: string }> {
  const rows = stateRows(store, 'autonomousDatabases')
  const seeded = seed.autonomousDatabases.map((d) => ({
    id: autonomousDatabaseId(d.slug),
    displayName: d.displayName as string,
    dbName: d.dbName as string,
    compartmentId: d.compartmentId,
    workload: d.workload as string,
    storageTbs: d.storageTbs as number,
    lifecycleState: d.state as string,
    health: d.health as string,
  }))
  const list = rows
    ? rows.map((r) => {
        const s = seeded.find((d) => d.dbName === r.dbName || d.displayName === r.displayName)
        return {
          id: r.id as string,
          displayName: str(r.displayName, s?.displayName),
          dbName: str(r.dbName, s?.dbName),
          compartmentId: str(r.compartmentId, s?.compartmentId),
          workload: str(r.dbWorkload, s?.workload),
          storageTbs: num(r.dataStorageSizeInTBs, s?.storageTbs ?? 1),
          lifecycleState: str(r.lifecycleState, s?.lifecycleState),
          health: s?.health ?? 'healthy',
        }
      })
    : seeded
  return list.map((d) => ({
    id: d.id,
    displayName: d.displayName,
    dbName: d.dbName,
    compartmentId: d.compartmentId,
    workload: d.workload === 'DW' ? 'DW' : 'OLTP',
    storageTbs: d.storageTbs,
    lifecycleState: d.lifecycleState,
    health: d.health === 'stressed' ? 'stressed' : 'healthy',
  }))
}

function vcnOf(store: Store) {
  const row = stateRows(store, 'vcns')?.find((v) => v.displayName === seed.network.vcn.displayName)
  return {
    id: row ? (row.id as string) : fallbackVcnId,
    displayName: seed.network.vcn.displayName,
    compartmentId: seed.network.vcn.compartmentId,
  }
}

/** The compartment path from the tenancy down, by name: `example/platform/prod`. */
export function compartmentPath(store: Store, compartmentId: string): { ids: string[]; names: string[] } {
  const ids: string[] = []
  const names: string[] = []
  let id: string | undefined = compartmentId
  while (id && id !== store.state.tenancy.id) {
    const c = store.compartment(id)
    if (!c) break
    ids.unshift(c.id)
    names.unshift(c.name)
    id = c.compartmentId
  }
  return { ids: [store.state.tenancy.id, ...ids], names: [store.state.tenancy.name, ...names] }
}

/** The compartment and every active compartment beneath it. */
export function compartmentSubtree(store: Store, compartmentId: string): Set<string> {
  const out = new Set([compartmentId])
  let grew = true
  while (grew) {
    grew = false
    for (const c of store.state.compartments) {
      if (c.lifecycleState === 'ACTIVE' && out.has(c.compartmentId) && !out.has(c.id)) {
        out.add(c.id)
        grew = true
      }
    }
  }
  return out
}

// ── Deterministic noise: the same key and tick always give the same value. ──

/** FNV-1a, 32 bits. */
export function hash32(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** A well-mixed 32-bit value of (key, tick, salt). */
export function mix(key: number, tick: number, salt = 0): number {
  let h = (key ^ Math.imul(tick | 0, 0x9e3779b1) ^ Math.imul(Math.floor(tick / 4294967296), 0x85ebca6b)) >>> 0
  h = (h + Math.imul(salt + 1, 0xc2b2ae35)) >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x7feb352d)
  h ^= h >>> 15
  h = Math.imul(h, 0x846ca68b)
  h ^= h >>> 16
  return h >>> 0
}

/** Uniform in [0, 1). */
export const unit = (key: number, tick: number, salt = 0) => mix(key, tick, salt) / 4294967296

/** Uniform in [-0.5, 0.5). */
export const jitter = (key: number, tick: number, salt = 0) => unit(key, tick, salt) - 0.5

export const MINUTE_MS = 60_000
export const HOUR_MS = 3_600_000
export const DAY_MS = 86_400_000
