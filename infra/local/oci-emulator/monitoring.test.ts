// Monitoring through the real MonitoringClient: metric definitions, MQL over the seeded health story, alarms.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import * as monitoring from 'oci-monitoring'
import { compartmentId, instanceId, TENANCY_ID } from '../seed.ts'
import { autonomousDatabaseId } from './seed-telemetry.ts'
import {
  ociError,
  operatorProvider,
  sdkConfiguration,
  startTestEmulator,
  type TestEmulator,
} from './testing.ts'

let emulator: TestEmulator
let client: monitoring.MonitoringClient
const prod = compartmentId('platformprod')
const batch = instanceId('batch1')
const web1 = instanceId('web1')
const orders = autonomousDatabaseId('ordersatp')
const HOUR = 3_600_000

before(async () => {
  emulator = await startTestEmulator()
  client = new monitoring.MonitoringClient(
    { authenticationDetailsProvider: operatorProvider(emulator) },
    sdkConfiguration(),
  )
  client.endpoint = emulator.url
})
after(() => emulator.dispose())

const summarize = (query: string, namespace: string, hours = 3, extra: Record<string, unknown> = {}) => {
  const end = new Date()
  return client.summarizeMetricsData({
    compartmentId: prod,
    summarizeMetricsDataDetails: {
      namespace,
      query,
      startTime: new Date(end.getTime() - hours * HOUR),
      endTime: end,
      ...extra,
    },
  })
}

const values = (d: monitoring.models.MetricData) => d.aggregatedDatapoints.map((p) => p.value)
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

describe('ListMetrics', () => {
  it('lists one definition per metric stream, filtered by namespace, name and dimensions', async () => {
    const r = await client.listMetrics({
      compartmentId: prod,
      listMetricsDetails: {
        namespace: 'oci_computeagent',
        name: 'CpuUtilization',
        dimensionFilters: { resourceId: batch },
      },
    })
    assert.equal(r.items.length, 1)
    const m = r.items[0]
    assert.equal(m.name, 'CpuUtilization')
    assert.equal(m.namespace, 'oci_computeagent')
    assert.equal(m.compartmentId, prod)
    assert.equal(m.dimensions?.resourceDisplayName, 'batch-worker-1')
    assert.ok(m.dimensions?.availabilityDomain?.includes('US-ASHBURN-AD'))
  })

  it('groups by namespace, across the tenancy with compartmentIdInSubtree', async () => {
    const r = await client.listMetrics({
      compartmentId: TENANCY_ID,
      compartmentIdInSubtree: true,
      listMetricsDetails: { groupBy: ['namespace'] },
    })
    assert.deepEqual(
      r.items.map((m) => m.namespace),
      ['oci_autonomous_database', 'oci_computeagent', 'oci_objectstorage'],
    )
  })

  it('lists the database metrics of orders-atp', async () => {
    const r = await client.listMetrics({
      compartmentId: prod,
      listMetricsDetails: { namespace: 'oci_autonomous_database', dimensionFilters: { resourceId: orders } },
    })
    const names = r.items.map((m) => m.name)
    for (const n of ['CpuUtilization', 'StorageUtilization', 'Sessions', 'FailedLogons'])
      assert.ok(names.includes(n), n)
  })

  it('pages with opc-next-page', async () => {
    const first = await client.listMetrics({ compartmentId: prod, limit: 5, listMetricsDetails: {} })
    assert.equal(first.items.length, 5)
    assert.ok(first.opcNextPage)
    const second = await client.listMetrics({
      compartmentId: prod,
      limit: 5,
      page: first.opcNextPage,
      listMetricsDetails: {},
    })
    assert.notDeepEqual(second.items, first.items)
  })

  it('refuses compartmentIdInSubtree below the tenancy', async () => {
    const e = await ociError(
      client.listMetrics({ compartmentId: prod, compartmentIdInSubtree: true, listMetricsDetails: {} }),
    )
    assert.equal(e.statusCode, 400)
  })
})

describe('SummarizeMetricsData', () => {
  it('shows batch-worker-1 saturated for the last two hours and normal before', async () => {
    const r = await summarize(`CpuUtilization[1m]{resourceId = "${batch}"}.mean()`, 'oci_computeagent')
    assert.equal(r.items.length, 1)
    const series = r.items[0]
    assert.equal(series.name, 'CpuUtilization')
    assert.equal(series.dimensions.resourceDisplayName, 'batch-worker-1')
    assert.deepEqual(series.metadata, { displayName: 'CPU Utilization', unit: 'percent' })
    const points = series.aggregatedDatapoints
    assert.ok(points.length >= 178 && points.length <= 181, `${points.length} one-minute points`)
    for (const p of points) assert.equal(new Date(p.timestamp).getTime() % 60_000, 0, 'aligned to the minute')
    const cutoff = Date.now() - 2 * HOUR
    const before = points.filter((p) => new Date(p.timestamp).getTime() < cutoff - 60_000).map((p) => p.value)
    const during = points.filter((p) => new Date(p.timestamp).getTime() > cutoff + 60_000).map((p) => p.value)
    assert.ok(before.length > 50 && during.length > 100)
    assert.ok(mean(before) > 20 && mean(before) < 40, `before: ${mean(before)}`)
    assert.ok(Math.min(...during) > 94, `during: ${Math.min(...during)}`)
    const memory = await summarize(
      `MemoryUtilization[5m]{resourceId = "${batch}"}.max()`,
      'oci_computeagent',
      1,
    )
    assert.ok(Math.min(...values(memory.items[0])) > 90)
  })

  it('is deterministic: the same query gives the same values', async () => {
    const end = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000)
    const details = {
      namespace: 'oci_computeagent',
      query: `CpuUtilization[1m]{resourceId = "${web1}"}.mean()`,
      startTime: new Date(end.getTime() - HOUR),
      endTime: end,
    }
    const a = await client.summarizeMetricsData({ compartmentId: prod, summarizeMetricsDataDetails: details })
    const b = await client.summarizeMetricsData({ compartmentId: prod, summarizeMetricsDataDetails: details })
    assert.deepEqual(values(a.items[0]), values(b.items[0]))
    for (const v of values(a.items[0])) assert.ok(v >= 15 && v <= 40, `healthy web-1 at ${v}`)
  })

  it('aligns hourly and daily intervals and aggregates with grouping()', async () => {
    const hourly = await summarize('CpuUtilization[1h].grouping().max()', 'oci_computeagent', 12)
    assert.equal(hourly.items.length, 1)
    assert.deepEqual(hourly.items[0].dimensions, {})
    for (const p of hourly.items[0].aggregatedDatapoints)
      assert.equal(new Date(p.timestamp).getTime() % HOUR, 0)
    assert.ok(Math.max(...values(hourly.items[0])) > 95, 'the saturated worker dominates the max')
    const daily = await summarize(
      `CpuUtilization[1d]{resourceId = "${batch}"}.mean()`,
      'oci_computeagent',
      24 * 7,
    )
    const stamps = daily.items[0].aggregatedDatapoints.map((p) => new Date(p.timestamp).getTime())
    for (const t of stamps) assert.equal(t % (24 * HOUR), 0, 'midnight UTC')
    assert.ok(stamps.length >= 6 && stamps.length <= 7)
  })

  it('groups by a dimension and filters with =~ wildcards', async () => {
    const r = await summarize(
      'CpuUtilization[5m]{resourceDisplayName =~ "web-*|batch-*"}.groupBy(resourceDisplayName).mean()',
      'oci_computeagent',
      1,
    )
    assert.deepEqual(r.items.map((s) => s.dimensions.resourceDisplayName).sort(), [
      'batch-worker-1',
      'web-1',
      'web-2',
    ])
  })

  it('computes count, sum, rate and percentile', async () => {
    const q = (stat: string) =>
      summarize(`CpuUtilization[5m]{resourceId = "${web1}"}.${stat}`, 'oci_computeagent', 1)
    const count = await q('count()')
    assert.ok(values(count.items[0]).every((v) => v <= 5 && v >= 1))
    const p90 = await q('percentile(0.9)')
    const max = await q('max()')
    for (const [i, v] of values(p90.items[0]).entries()) assert.ok(v <= values(max.items[0])[i])
    const rate = await summarize(`NetworksBytesIn[5m]{resourceId = "${web1}"}.rate()`, 'oci_computeagent', 1)
    const sum = await summarize(`NetworksBytesIn[5m]{resourceId = "${web1}"}.sum()`, 'oci_computeagent', 1)
    const full = sum.items[0].aggregatedDatapoints.length - 2
    assert.ok(
      Math.abs(values(rate.items[0])[full] - values(sum.items[0])[full] / 300) < 1e-6,
      'rate = bytes per second',
    )
  })

  it('tells orders-atp story: CPU ~95 %, storage 91 %, failed logon spikes', async () => {
    const cpu = await summarize(
      `CpuUtilization[5m]{resourceId = "${orders}"}.mean()`,
      'oci_autonomous_database',
      2,
    )
    assert.ok(mean(values(cpu.items[0])) > 92)
    assert.equal(cpu.items[0].dimensions.resourceName, 'orders-atp')
    const storage = await summarize(
      `StorageUtilization[1m]{resourceId = "${orders}"}.max()`,
      'oci_autonomous_database',
      1,
    )
    const last = values(storage.items[0]).at(-1) as number
    assert.ok(last > 90.8 && last <= 91, `storage ${last}`)
    const logons = await summarize(
      `FailedLogons[1m]{resourceId = "${orders}"}.sum()`,
      'oci_autonomous_database',
      6,
    )
    const spikes = values(logons.items[0]).filter((v) => v >= 8)
    assert.ok(spikes.length >= 5, `${spikes.length} spikes`)
    assert.ok(values(logons.items[0]).filter((v) => v === 0).length > 100, 'mostly quiet between spikes')
  })

  it('returns only the data points that meet an alarm condition', async () => {
    const r = await summarize(
      `CpuUtilization[1m]{resourceId = "${batch}"}.mean() > 90`,
      'oci_computeagent',
      3,
    )
    const n = r.items[0].aggregatedDatapoints.length
    assert.ok(n >= 115 && n <= 122, `${n} breaching minutes`)
  })

  it('answers 400 InvalidParameter with a useful message for bad MQL', async () => {
    for (const [query, hint] of [
      ['CpuUtilization.mean()', "'['"],
      ['CpuUtilization[2w].mean()', 'interval'],
      ['CpuUtilization[1m]{resourceId = x}.mean()', 'double-quoted'],
      ['CpuUtilization[1m]', 'statistic'],
      ['CpuUtilization[1m].avg()', 'unknown function'],
      ['CpuUtilization[1m].percentile(90)', 'between 0 and 1'],
      ['CpuUtilization[1m].mean() >', 'number'],
    ]) {
      const e = await ociError(summarize(query, 'oci_computeagent'))
      assert.equal(e.statusCode, 400, query)
      assert.equal(e.serviceCode, 'InvalidParameter')
      assert.ok(e.message.includes(hint), `${query}: ${e.message}`)
    }
  })

  it('validates the time range against the interval and the resolution', async () => {
    const tooLong = await ociError(summarize('CpuUtilization[1m].mean()', 'oci_computeagent', 24 * 8))
    assert.equal(tooLong.statusCode, 400)
    assert.match(tooLong.message, /7 days/)
    const reversed = await ociError(
      client.summarizeMetricsData({
        compartmentId: prod,
        summarizeMetricsDataDetails: {
          namespace: 'oci_computeagent',
          query: 'CpuUtilization[1m].mean()',
          startTime: new Date(),
          endTime: new Date(Date.now() - HOUR),
        },
      }),
    )
    assert.equal(reversed.statusCode, 400)
    const resolution = await ociError(
      summarize('CpuUtilization[5m].mean()', 'oci_computeagent', 1, { resolution: '1h' }),
    )
    assert.equal(resolution.statusCode, 400)
    const sliding = await summarize(
      `CpuUtilization[5m]{resourceId = "${web1}"}.mean()`,
      'oci_computeagent',
      1,
      { resolution: '1m' },
    )
    assert.ok(sliding.items[0].aggregatedDatapoints.length >= 59, 'a 5m window every minute')
  })

  it('returns no series for a stopped instance or an unknown metric', async () => {
    const stopped = await client.summarizeMetricsData({
      compartmentId: compartmentId('platformdev'),
      summarizeMetricsDataDetails: {
        namespace: 'oci_computeagent',
        query: `CpuUtilization[1m]{resourceId = "${instanceId('dev1')}"}.mean()`,
      },
    })
    assert.deepEqual(stopped.items, [])
    const unknown = await summarize('NoSuchMetric[1m].mean()', 'oci_computeagent')
    assert.deepEqual(unknown.items, [])
  })
})

describe('alarms', () => {
  it('lists the seeded alarms of a compartment', async () => {
    const r = await client.listAlarms({ compartmentId: prod })
    assert.deepEqual(
      r.items.map((a) => a.displayName),
      ['app-db-1 memory', 'batch-worker-1 high CPU', 'orders-atp storage', 'web fleet high CPU'],
    )
    const all = await client.listAlarms({
      compartmentId: TENANCY_ID,
      compartmentIdInSubtree: true,
      sortBy: monitoring.requests.ListAlarmsRequest.SortBy.Severity,
    })
    assert.equal(all.items.length, 5)
    assert.equal(all.items[0].severity, 'CRITICAL')
  })

  it('reports FIRING for batch-worker-1 and orders-atp, OK for the rest', async () => {
    const r = await client.listAlarmsStatus({ compartmentId: TENANCY_ID, compartmentIdInSubtree: true })
    const byName = Object.fromEntries(r.items.map((s) => [s.displayName, s]))
    assert.equal(byName['batch-worker-1 high CPU'].status, 'FIRING')
    assert.equal(byName['orders-atp storage'].status, 'FIRING')
    for (const name of ['web fleet high CPU', 'app-db-1 memory', 'sales-adw CPU'])
      assert.equal(byName[name].status, 'OK', name)
    const triggered = new Date(byName['batch-worker-1 high CPU'].timestampTriggered).getTime()
    assert.ok(Math.abs(triggered - (Date.now() - 2 * HOUR)) < 3 * 60_000, 'fired when the saturation began')
    const storageTriggered = new Date(byName['orders-atp storage'].timestampTriggered).getTime()
    assert.ok(
      Math.abs(storageTriggered - (Date.now() - 24 * HOUR)) < 10 * 60_000,
      'storage crossed 90 % a day ago',
    )
    assert.match(byName['batch-worker-1 high CPU'].alarmSummary, /is in a "FIRING" state/)
    assert.equal(byName['batch-worker-1 high CPU'].ruleName, 'BASE')

    const firing = await client.listAlarmsStatus({
      compartmentId: TENANCY_ID,
      compartmentIdInSubtree: true,
      status: monitoring.requests.ListAlarmsStatusRequest.Status.Firing,
    })
    assert.deepEqual(firing.items.map((s) => s.displayName).sort(), [
      'batch-worker-1 high CPU',
      'orders-atp storage',
    ])
    const forBatch = await client.listAlarmsStatus({ compartmentId: prod, resourceId: batch })
    assert.deepEqual(
      forBatch.items.map((s) => s.displayName),
      ['batch-worker-1 high CPU'],
    )
  })

  it('gets an alarm and its history', async () => {
    const list = await client.listAlarms({ compartmentId: prod, displayName: 'batch-worker-1 high CPU' })
    const id = list.items[0].id
    const alarm = (await client.getAlarm({ alarmId: id })).alarm
    assert.equal(alarm.namespace, 'oci_computeagent')
    assert.ok(alarm.query.includes(batch))
    assert.equal(alarm.lifecycleState, 'ACTIVE')
    assert.equal(alarm.isEnabled, true)
    const history = await client.getAlarmHistory({
      alarmId: id,
      alarmHistorytype: monitoring.requests.GetAlarmHistoryRequest.AlarmHistorytype.StateTransitionHistory,
    })
    assert.equal(history.alarmHistoryCollection.alarmId, id)
    const entries = history.alarmHistoryCollection.entries
    assert.equal(entries.length, 1)
    assert.equal(entries[0].summary, 'State transitioned from OK to Firing')
    const all = await client.getAlarmHistory({ alarmId: id })
    assert.ok(all.alarmHistoryCollection.entries.length >= 3)
  })

  it('answers 404 for an unknown alarm', async () => {
    const e = await ociError(client.getAlarm({ alarmId: 'ocid1.alarm.oc1.iad.aaaaaaaanosuchalarm' }))
    assert.equal(e.statusCode, 404)
    assert.equal(e.serviceCode, 'NotAuthorizedOrNotFound')
  })
})
