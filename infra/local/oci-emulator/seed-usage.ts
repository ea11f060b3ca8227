// Daily cost of the seeded tenancy for the last 90 days, from seed.usageServices: a weekly rhythm, ±5 % noise
// and one spike (seed.costSpike: Compute in platform/prod, 6 days ago, 4.2 × normal, all of it batch-worker-1).
// Every day's value depends only on the day, so yesterday's cost is the same tomorrow; today is partial.
import * as seed from '../seed.ts'
import {
  allDatabases,
  allInstances,
  bootVolumeId,
  DAY_MS,
  hash32,
  jitter,
  REGION,
  telemetryResources,
} from './seed-telemetry.ts'
import type { Store } from './store.ts'

/** Usage data reaches back this many whole days before today. */
export const USAGE_DAYS = 90

export interface UsageLine {
  service: string
  skuPartNumber: string
  skuName: string
  unit: string
  unitPrice: number
  compartmentId: string
  resourceId: string
  resourceName: string
  region: string
  ad: string | null
  platform: string | null
  /** Share of the service's daily cost. */
  weight: number
  /** Takes the spike's extra cost. */
  spikeTarget: boolean
}

const SKU: Record<string, { part: string; name: string; unit: string; price: number }> = {
  Compute: { part: 'B93113', name: 'Compute - Standard - E4 - OCPU', unit: 'OCPU Hours', price: 0.025 },
  'Block Storage': {
    part: 'B91961',
    name: 'Storage - Block Volume - Storage',
    unit: 'Gigabyte Storage Capacity Per Month',
    price: 0.0255,
  },
  'Object Storage': {
    part: 'B91628',
    name: 'Object Storage - Storage',
    unit: 'Gigabyte Storage Capacity Per Month',
    price: 0.0255,
  },
  Database: {
    part: 'B95701',
    name: 'Oracle Autonomous Data Warehouse - ECPU',
    unit: 'ECPU Per Hour',
    price: 0.336,
  },
  Networking: {
    part: 'B88327',
    name: 'Networking - Outbound Data Transfer',
    unit: 'Gigabytes Outbound Data Transfer',
    price: 0.0085,
  },
}

/** The resources each seeded service bills, with their share. */
export function usageLines(store: Store): UsageLine[] {
  const res = telemetryResources(store)
  const lines: UsageLine[] = []
  for (const s of seed.usageServices) {
    const compartmentId = seed.compartmentId(s.compartment)
    const sku = SKU[s.service]
    const base = {
      service: s.service,
      skuPartNumber: sku.part,
      skuName: sku.name,
      unit: sku.unit,
      unitPrice: sku.price,
      compartmentId,
      region: REGION,
      ad: null,
      platform: null,
      spikeTarget: false,
    }
    let resources: Array<{ id: string; name: string; weight: number; ad?: string }>
    const instances = allInstances(store).filter((i) => i.compartmentId === compartmentId)
    if (s.service === 'Compute') {
      resources = instances.map((i) => ({ id: i.id, name: i.displayName, weight: i.ocpus, ad: 'AD-1' }))
    } else if (s.service === 'Block Storage') {
      resources = instances.map((i) => ({
        id: bootVolumeId(i.displayName.replace(/[^a-z0-9]/g, '')),
        name: `${i.displayName} (Boot Volume)`,
        weight: 1,
      }))
    } else if (s.service === 'Object Storage') {
      resources = res.buckets
        .filter((b) => b.compartmentId === compartmentId)
        .map((b) => ({ id: b.id, name: b.name, weight: 1 + b.objectCount }))
    } else if (s.service === 'Database') {
      resources = allDatabases(store)
        .filter((d) => d.compartmentId === compartmentId)
        .map((d) => ({ id: d.id, name: d.displayName, weight: 1 }))
    } else {
      resources = [{ id: res.vcn.id, name: res.vcn.displayName, weight: 1 }]
    }
    if (resources.length === 0) resources = [{ id: '', name: '', weight: 1 }]
    const total = resources.reduce((sum, r) => sum + r.weight, 0)
    const spikeTarget =
      s.service === seed.costSpike.service && s.compartment === seed.costSpike.compartment
        ? (resources.find((r) => r.name === 'batch-worker-1') ?? resources[0]).id
        : undefined
    for (const r of resources) {
      lines.push({
        ...base,
        resourceId: r.id,
        resourceName: r.name,
        ad: r.ad ?? null,
        weight: r.weight / total,
        spikeTarget: r.id === spikeTarget,
      })
    }
  }
  return lines
}

const WEEKLY: Record<string, readonly number[]> = {
  // Sunday first, as getUTCDay counts.
  Compute: [0.78, 1.04, 1.08, 1.1, 1.07, 1.02, 0.81],
  Database: [0.86, 1.03, 1.06, 1.06, 1.05, 1.02, 0.88],
  Networking: [0.7, 1.06, 1.1, 1.12, 1.1, 1.04, 0.72],
}

export const startOfUtcDay = (t: number) => Math.floor(t / DAY_MS) * DAY_MS

/** A service's cost on one UTC day, without the spike; the same whatever day it is today. */
export function normalDailyCost(service: string, dayStart: number): number {
  const s = seed.usageServices.find((u) => u.service === service)
  if (!s) return 0
  const day = Math.floor(dayStart / DAY_MS)
  const weekly = WEEKLY[service]?.[new Date(dayStart).getUTCDay()] ?? 1
  return s.dailyCost * weekly * (1 + 0.1 * jitter(hash32(`usage/${service}`), day))
}

/** The day of the cost spike as of `now`. */
export const spikeDay = (now: number) => startOfUtcDay(now) - seed.costSpike.daysAgo * DAY_MS

/**
 * What one line cost on one day, as of `now`: nothing before the 90 days of data or after now; today only
 * the part of the day that has passed.
 */
export function lineDailyCost(line: UsageLine, dayStart: number, now: number): number {
  const today = startOfUtcDay(now)
  if (dayStart < today - USAGE_DAYS * DAY_MS || dayStart > today) return 0
  const normal = normalDailyCost(line.service, dayStart)
  let cost = normal * line.weight
  if (line.spikeTarget && dayStart === spikeDay(now)) cost += normal * (seed.costSpike.factor - 1)
  return dayStart === today ? (cost * (now - today)) / DAY_MS : cost
}
