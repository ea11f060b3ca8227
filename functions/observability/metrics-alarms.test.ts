// Metrics and alarms with the observability tools against the OCI emulator's seeded tenancy.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { compartmentId, instances } from '../../infra/local/seed.ts'
import { useEmulator } from '../../test/support/emulator.ts'
import { errorCode, ok } from '../../test/support/results.ts'
import { testCaller } from '../../test/support/tool-harness.ts'
import * as specs from './catalog.ts'
import { implementation } from './implementation.ts'

const { tools: obs } = useEmulator(implementation)

const PROD = compartmentId('platformprod')
const batch = instances.find((i) => i.displayName === 'batch-worker-1')?.id as string
type Row = Record<string, unknown>

describe('metric namespaces and metrics', () => {
  test('namespaces of platform/prod, distinct and sorted, with what they hold', async () => {
    const r = await obs().call('observability_list_metric_namespaces', { compartment_id: PROD })
    const data = ok(r, specs.listMetricNamespaces)
    const namespaces = data.namespaces as string[]
    assert.ok(namespaces.includes('oci_computeagent'))
    assert.ok(namespaces.includes('oci_autonomous_database'))
    assert.deepEqual(namespaces, [...new Set(namespaces)].sort())
    assert.match(r.content[0].text, /`oci_computeagent` — Compute instances/)
  })

  test('one metric across the running instances; one instance’s metrics by dimension', async () => {
    const cpu = ok(
      await obs().call('observability_list_metrics', {
        compartment_id: PROD,
        namespace: 'oci_computeagent',
        name: 'CpuUtilization',
      }),
      specs.listMetrics,
    )
    const shown = (cpu.metrics as { dimensions: Record<string, string> }[]).map(
      (m) => m.dimensions.resourceDisplayName,
    )
    assert.deepEqual(shown.sort(), ['app-db-1', 'batch-worker-1', 'web-1', 'web-2'])
    const one = ok(
      await obs().call('observability_list_metrics', {
        compartment_id: PROD,
        namespace: 'oci_computeagent',
        dimension_filters: { resourceId: batch },
      }),
      specs.listMetrics,
    )
    const metrics = one.metrics as { name: string; dimensions: Record<string, string> }[]
    assert.ok(metrics.length >= 5)
    assert.ok(metrics.every((m) => m.dimensions.resourceId === batch))
    assert.ok(metrics.some((m) => m.name === 'MemoryUtilization'))
  })

  test('pages through every stream of a namespace without duplicates', async () => {
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const data = ok(
        await obs().call('observability_list_metrics', {
          compartment_id: PROD,
          namespace: 'oci_computeagent',
          limit: 7,
          cursor,
        }),
        specs.listMetrics,
      )
      const metrics = data.metrics as { name: string; dimensions: Record<string, string> }[]
      assert.ok(metrics.length <= 7)
      seen.push(...metrics.map((m) => `${m.name}|${m.dimensions.resourceId}`))
      cursor = data.next_cursor as string | undefined
      pages += 1
    } while (cursor && pages < 50)
    assert.ok(pages > 2, `only ${pages} pages`)
    assert.equal(new Set(seen).size, seen.length)
    const all = ok(
      await obs().call('observability_list_metrics', {
        compartment_id: PROD,
        namespace: 'oci_computeagent',
        limit: 1000,
      }),
      specs.listMetrics,
    )
    assert.equal(seen.length, (all.metrics as unknown[]).length)
  })

  test('subtree needs the tenancy; names are checked', async () => {
    assert.equal(
      errorCode(
        await obs().call('observability_list_metric_namespaces', {
          compartment_id: PROD,
          compartment_id_in_subtree: true,
        }),
      ),
      'ERR_INPUT_INVALID',
    )
    assert.equal(
      errorCode(await obs().call('observability_list_metrics', { namespace: 'oci computeagent' })),
      'ERR_INPUT_INVALID',
    )
  })
})

describe('summarize_metrics', () => {
  const cpuOf = (name: string, interval = 'auto') =>
    `CpuUtilization[${interval}]{resourceDisplayName = "${name}"}.mean()`

  test('batch-worker-1 is pegged: one series, stats, points, and the query that ran', async () => {
    for (const response_format of ['markdown', 'json'] as const) {
      const r = await obs().call('observability_summarize_metrics', {
        compartment_id: PROD,
        namespace: 'oci_computeagent',
        query: cpuOf('batch-worker-1'),
        last: '2h',
        response_format,
      })
      const data = ok(r, specs.summarizeMetrics)
      assert.equal(data.query, cpuOf('batch-worker-1', '1m'))
      assert.equal(data.interval, '1m')
      assert.equal(data.resolution, '1m')
      assert.match(data.query_note as string, /\[auto\] became \[1m\]/)
      const [series] = data.series as Row[]
      assert.equal((data.series as Row[]).length, 1)
      assert.equal((series.dimensions as Record<string, string>).resourceId, batch)
      const stats = series.stats as Record<string, number>
      assert.ok(stats.latest > 90, `latest ${stats.latest}`)
      assert.ok(stats.mean > 90 && stats.min <= stats.mean && stats.mean <= stats.max)
      const points = series.points as { timestamp: string; value: number }[]
      assert.ok(points.length > 60 && points.length <= 121, `${points.length} points`)
      assert.equal(stats.count, points.length)
      assert.equal(stats.latest, points[points.length - 1].value)
      if (response_format === 'json') assert.deepEqual(JSON.parse(r.content[0].text), data)
      else assert.match(r.content[0].text, /\| batch-worker-1 \| 9\d\.\d percent \|.*[▁▂▃▄▅▆▇█]+ \|/)
    }
  })

  test('a healthy fleet, grouped: web servers stay well below the pegged worker', async () => {
    const data = ok(
      await obs().call('observability_summarize_metrics', {
        compartment_id: PROD,
        namespace: 'oci_computeagent',
        query: 'CpuUtilization[auto].groupBy(resourceDisplayName).mean()',
        last: '1h',
      }),
      specs.summarizeMetrics,
    )
    const byName = Object.fromEntries(
      (data.series as Row[]).map((s) => [
        (s.dimensions as Record<string, string>).resourceDisplayName,
        (s.stats as Record<string, number>).latest,
      ]),
    )
    assert.ok(byName['web-1'] < 80 && byName['batch-worker-1'] > 90, JSON.stringify(byName))
  })

  test('a too-fine interval over days is raised to keep at most 300 points', async () => {
    const data = ok(
      await obs().call('observability_summarize_metrics', {
        compartment_id: PROD,
        namespace: 'oci_computeagent',
        query: cpuOf('web-1', '1m'),
        last: '3d',
      }),
      specs.summarizeMetrics,
    )
    assert.equal(data.query, cpuOf('web-1', '15m'))
    assert.match(data.query_note as string, /raised to \[15m\]/)
    for (const s of data.series as Row[])
      assert.ok((s.points as unknown[]).length <= specs.MAX_POINTS_PER_SERIES)
  })

  test('a small response budget keeps the stats and leaves the points out', async () => {
    const data = ok(
      await obs({ MCP_RESPONSE_BUDGET_BYTES: '3000' }).call('observability_summarize_metrics', {
        compartment_id: PROD,
        namespace: 'oci_computeagent',
        query: 'CpuUtilization[auto].groupBy(resourceDisplayName).mean()',
        last: '6h',
      }),
      specs.summarizeMetrics,
    )
    const series = data.series as Row[]
    assert.ok(series.some((s) => s.points_included === false))
    assert.ok(series.every((s) => s.stats))
    assert.ok(Buffer.byteLength(JSON.stringify(data)) <= 3000 || series.every((s) => !s.points_included))
  })

  test('malformed MQL is refused before OCI; OCI’s own 400 message comes back', async () => {
    const base = { compartment_id: PROD, namespace: 'oci_computeagent' }
    for (const query of [
      'CpuUtilization[1m]{resourceId = "x"',
      'CpuUtilization[1m]',
      'CpuUtilization[7s].mean()',
    ]) {
      const r = await obs().call('observability_summarize_metrics', { ...base, query })
      assert.equal(errorCode(r), 'ERR_INPUT_INVALID', query)
      assert.match(r.content[0].text, /MQL:/)
    }
    const oci = await obs().call('observability_summarize_metrics', {
      ...base,
      query: 'CpuUtilization[1m].percentile(2)',
      last: '1h',
    })
    assert.equal(errorCode(oci), 'ERR_OCI_INVALID_PARAMETER')
    assert.match(oci.content[0].text, /percentile/)
    assert.match(oci.content[0].text, /query run: CpuUtilization\[1m\]\.percentile\(2\)/)
  })

  test('ranges are ordered and bounded', async () => {
    const base = { compartment_id: PROD, namespace: 'oci_computeagent', query: cpuOf('web-1') }
    for (const range of [
      { last: '91d' },
      { start: '2026-01-02T00:00:00Z', end: '2026-01-01T00:00:00Z' },
      { last: '1h', start: '2026-01-01T00:00:00Z' },
    ]) {
      assert.equal(
        errorCode(await obs().call('observability_summarize_metrics', { ...base, ...range })),
        'ERR_INPUT_INVALID',
        JSON.stringify(range),
      )
    }
  })

  test('no matching stream is an empty answer that says where to look', async () => {
    const r = await obs().call('observability_summarize_metrics', {
      compartment_id: PROD,
      namespace: 'oci_computeagent',
      query: cpuOf('no-such-host'),
    })
    const data = ok(r, specs.summarizeMetrics)
    assert.deepEqual(data.series, [])
    assert.match(r.content[0].text, /No data/)
  })
})

describe('alarms', () => {
  const list = async (args: Record<string, unknown>) =>
    ok(await obs().call('observability_list_alarms', { compartment_id: PROD, ...args }), specs.listAlarms)

  test('platform/prod: the two FIRING alarms first, with severity and when they fired', async () => {
    const r = await obs().call('observability_list_alarms', { compartment_id: PROD })
    const data = ok(r, specs.listAlarms)
    const alarms = data.alarms as Row[]
    assert.equal(data.firing_total, 2)
    assert.equal(data.total, alarms.length)
    assert.deepEqual(
      alarms
        .slice(0, 2)
        .map((a) => a.display_name)
        .sort(),
      ['batch-worker-1 high CPU', 'orders-atp storage'],
    )
    for (const a of alarms.slice(0, 2)) {
      assert.equal(a.status, 'FIRING')
      assert.equal(a.severity, 'CRITICAL')
      assert.equal(typeof a.triggered_at, 'string')
      assert.equal(typeof a.query, 'string')
    }
    assert.ok(alarms.slice(2).every((a) => a.status !== 'FIRING'))
    assert.match(r.content[0].text, /2 firing of \d+/)
    assert.match(r.content[0].text, /\*\*FIRING\*\*/)
  })

  test('filters: status, severity, resource', async () => {
    const firing = await list({ status: 'FIRING' })
    assert.equal((firing.alarms as Row[]).length, 2)
    const ok_ = await list({ status: 'OK' })
    assert.ok((ok_.alarms as Row[]).every((a) => a.status === 'OK'))
    const warnings = await list({ severity: 'WARNING' })
    assert.ok((warnings.alarms as Row[]).length >= 1)
    assert.ok((warnings.alarms as Row[]).every((a) => a.severity === 'WARNING'))
    const forBatch = await list({ resource_id: batch })
    assert.deepEqual(
      (forBatch.alarms as Row[]).map((a) => a.display_name),
      ['batch-worker-1 high CPU'],
    )
  })

  test('the whole tenancy with the subtree; paging with a cursor', async () => {
    const all = ok(
      await obs().call('observability_list_alarms', { compartment_id_in_subtree: true }),
      specs.listAlarms,
    )
    const names = (all.alarms as Row[]).map((a) => a.display_name)
    assert.ok(names.includes('sales-adw CPU'))
    assert.ok(names.includes('batch-worker-1 high CPU'))
    const seen: unknown[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = ok(
        await obs().call('observability_list_alarms', { compartment_id_in_subtree: true, limit: 2, cursor }),
        specs.listAlarms,
      )
      seen.push(...(page.alarms as Row[]).map((a) => a.id))
      cursor = page.next_cursor as string | undefined
      pages += 1
    } while (cursor && pages < 20)
    assert.deepEqual(
      seen,
      (all.alarms as Row[]).map((a) => a.id),
    )
  })

  test('history: the batch alarm went from OK to FIRING; bad ranges and unknown alarms', async () => {
    const firing = await list({ status: 'FIRING', resource_id: batch })
    const alarmId = (firing.alarms as Row[])[0].id as string
    const r = await obs().call('observability_get_alarm_history', { alarm_id: alarmId, last: '1d' })
    const data = ok(r, specs.getAlarmHistory)
    const entries = data.entries as Row[]
    assert.ok(entries.length >= 1)
    assert.ok(
      entries.some((e) => /to Firing/i.test(e.summary as string)),
      JSON.stringify(entries),
    )
    assert.equal(data.history_type, 'STATE_TRANSITION_HISTORY')
    const every = ok(
      await obs().call('observability_get_alarm_history', {
        alarm_id: alarmId,
        history_type: 'STATE_HISTORY',
        last: '2h',
        limit: 3,
      }),
      specs.getAlarmHistory,
    )
    assert.ok((every.entries as Row[]).length <= 3)
    // Hours before 10:00 UTC: the SDK's own Date formatting would send an unpadded hour OCI refuses.
    const early = new Date(Date.now() - 86_400_000)
    early.setUTCHours(3, 0, 0, 0)
    ok(
      await obs().call('observability_get_alarm_history', {
        alarm_id: alarmId,
        start: early.toISOString(),
        end: new Date(early.getTime() + 3_600_000).toISOString(),
      }),
      specs.getAlarmHistory,
    )
    assert.equal(
      errorCode(
        await obs().call('observability_get_alarm_history', {
          alarm_id: alarmId,
          last: '1h',
          start: '2026-01-01T00:00:00Z',
        }),
      ),
      'ERR_INPUT_INVALID',
    )
    const unknown = `ocid1.alarm.oc1.iad.${'aaaaaaaanosuchalarm'.padEnd(60, 'x')}`
    assert.equal(
      errorCode(await obs().call('observability_get_alarm_history', { alarm_id: unknown })),
      'ERR_OCI_NOT_FOUND',
    )
  })
})

describe('group', () => {
  test('every observability tool is visible without mutations and with a group read scope', () => {
    const h = obs({ MCP_ENABLE_MUTATIONS: 'false' }, testCaller('oci-mcp.observability.read'))
    assert.deepEqual(
      h.list().map((t) => t.name),
      specs.catalog.tools.map((t) => t.name),
    )
  })
})
