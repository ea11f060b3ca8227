// The seeded Monitoring alarms. Their state is not stored: it is evaluated from the metric streams, so
// 'batch-worker-1 high CPU' and 'orders-atp storage' are FIRING because the data says so, the others OK.
import * as seed from '../seed.ts'
import { allDatabases, allInstances, notificationTopicId } from './seed-telemetry.ts'
import type { Store } from './store.ts'

export interface AlarmDefinition {
  id: string
  displayName: string
  compartmentId: string
  metricCompartmentId: string
  namespace: string
  query: string
  severity: 'CRITICAL' | 'ERROR' | 'WARNING' | 'INFO'
  body: string
  notificationTitle: string
  timeCreated: string
  timeUpdated: string
}

const alarmId = (slug: string) => `ocid1.alarm.oc1.iad.${`aaaaaaaa${slug}`.padEnd(60, 'x')}`
const at = (minutes: number) =>
  new Date(Date.parse('2026-01-05T09:00:00.000Z') + minutes * 60_000).toISOString()

export function seedAlarms(store: Store): AlarmDefinition[] {
  const instance = (name: string) => allInstances(store).find((i) => i.displayName === name)?.id ?? ''
  const database = (name: string) => allDatabases(store).find((d) => d.displayName === name)?.id ?? ''
  const prod = seed.compartmentId('platformprod')
  const finance = seed.compartmentId('finance')
  const rows: Array<
    Omit<AlarmDefinition, 'id' | 'timeCreated' | 'timeUpdated' | 'metricCompartmentId'> & { slug: string }
  > = [
    {
      slug: 'batchworkercpu',
      displayName: 'batch-worker-1 high CPU',
      compartmentId: prod,
      namespace: 'oci_computeagent',
      query: `CpuUtilization[1m]{resourceId = "${instance('batch-worker-1')}"}.mean() > 90`,
      severity: 'CRITICAL',
      body: 'batch-worker-1 has been above 90 % CPU. Check its syslog for the OOM killer and the batch queue depth.',
      notificationTitle: 'batch-worker-1 CPU saturated',
    },
    {
      slug: 'ordersatpstorage',
      displayName: 'orders-atp storage',
      compartmentId: prod,
      namespace: 'oci_autonomous_database',
      query: `StorageUtilization[1m]{resourceId = "${database('orders-atp')}"}.max() > 90`,
      severity: 'CRITICAL',
      body: 'orders-atp storage is above 90 %. Purge old order history or scale the storage.',
      notificationTitle: 'orders-atp storage above 90 %',
    },
    {
      slug: 'webfleetcpu',
      displayName: 'web fleet high CPU',
      compartmentId: prod,
      namespace: 'oci_computeagent',
      query: 'CpuUtilization[5m]{resourceDisplayName =~ "web-*"}.groupBy(resourceId).mean() > 80',
      severity: 'WARNING',
      body: 'A web server has been above 80 % CPU for five minutes.',
      notificationTitle: 'web fleet CPU high',
    },
    {
      slug: 'appdbmemory',
      displayName: 'app-db-1 memory',
      compartmentId: prod,
      namespace: 'oci_computeagent',
      query: `MemoryUtilization[5m]{resourceId = "${instance('app-db-1')}"}.max() > 90`,
      severity: 'WARNING',
      body: 'app-db-1 memory above 90 %.',
      notificationTitle: 'app-db-1 memory high',
    },
    {
      slug: 'salesadwcpu',
      displayName: 'sales-adw CPU',
      compartmentId: finance,
      namespace: 'oci_autonomous_database',
      query: `CpuUtilization[5m]{resourceId = "${database('sales-adw')}"}.mean() > 85`,
      severity: 'ERROR',
      body: 'sales-adw CPU above 85 % for five minutes; reports may slow down.',
      notificationTitle: 'sales-adw CPU high',
    },
  ]
  return rows.map(({ slug, ...r }, n) => ({
    ...r,
    id: alarmId(slug),
    metricCompartmentId: r.compartmentId,
    timeCreated: at(400 + n * 5),
    timeUpdated: at(400 + n * 5),
  }))
}

export const ALARM_DESTINATIONS = [notificationTopicId]
