// The compute read tools against the seeded OCI emulator: instances (filters, paging, details), metrics, shapes, images.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { compartmentId, generatedDevInstances, instanceId } from '../../infra/local/seed.ts'
import { useEmulator } from '../../test/support/emulator.ts'
import { errorCode, ok } from '../../test/support/results.ts'
import { harness, testCaller } from '../../test/support/tool-harness.ts'
import * as specs from './catalog.ts'
import { implementation } from './implementation.ts'

const { tools: compute } = useEmulator(implementation)
const PROD = compartmentId('platformprod')
const DEV = compartmentId('platformdev')

type Row = Record<string, unknown>
const names = (rows: unknown) => (rows as Row[]).map((r) => r.display_name as string)

async function listAll(h: ReturnType<typeof compute>, args: Row) {
  const pages: Row[] = []
  let cursor: string | undefined
  do {
    const page = ok(await h.call('compute_list_instances', { ...args, cursor }), specs.listInstances)
    pages.push(page)
    cursor = page.next_cursor as string | undefined
    assert.ok(pages.length < 50, 'paging does not end')
  } while (cursor)
  return { pages, all: pages.flatMap((p) => names(p.instances)) }
}

describe('compute_list_instances', () => {
  test('lists the prod instances with state, shape and size; json repeats structuredContent', async () => {
    const r = await compute().call('compute_list_instances', {
      compartment_id: PROD,
      response_format: 'json',
    })
    const data = ok(r, specs.listInstances)
    assert.deepEqual(JSON.parse(r.content[0].text), data)
    assert.deepEqual(names(data.instances).sort(), ['app-db-1', 'batch-worker-1', 'web-1', 'web-2'])
    const batch = (data.instances as Row[]).find((i) => i.display_name === 'batch-worker-1')
    assert.equal(batch?.id, instanceId('batch1'))
    assert.equal(batch?.lifecycle_state, 'RUNNING')
    assert.equal(batch?.shape, 'VM.Standard.E4.Flex')
    assert.equal(batch?.ocpus, 4)
    assert.equal(batch?.memory_in_gbs, 32)
    assert.equal(data.next_cursor, undefined)
  })

  test('OCI_COMPARTMENT_ID is the default compartment; markdown is a table with a footer', async () => {
    const r = await compute({ OCI_COMPARTMENT_ID: PROD }).call('compute_list_instances')
    assert.equal(ok(r, specs.listInstances).compartment_id, PROD)
    assert.match(r.content[0].text, /\| batch-worker-1 \| RUNNING \| VM\.Standard\.E4\.Flex \| 4 \| 32 \|/)
    assert.match(r.content[0].text, /4 shown; end of list\./)
  })

  test('display_name_contains filters case-insensitively; lifecycle_state filters in OCI', async () => {
    const web = ok(
      await compute().call('compute_list_instances', { compartment_id: PROD, display_name_contains: 'WEB' }),
      specs.listInstances,
    )
    assert.deepEqual(names(web.instances).sort(), ['web-1', 'web-2'])
    const stopped = await listAll(compute(), { compartment_id: DEV, lifecycle_state: 'STOPPED', limit: 5 })
    const expected = 1 + Math.floor(generatedDevInstances / 4) // dev-sandbox-1 and every fourth dev-build
    assert.equal(stopped.all.length, expected)
    assert.ok(stopped.all.includes('dev-sandbox-1'))
  })

  test('pages through every dev instance with cursors, without duplicates', async () => {
    const { pages, all } = await listAll(compute(), { compartment_id: DEV, limit: 25 })
    assert.equal(all.length, generatedDevInstances + 1)
    assert.equal(new Set(all).size, all.length)
    assert.deepEqual(
      pages.map((p) => (p.instances as unknown[]).length),
      [25, 25, 11],
    )
  })

  test('a client-side name filter still pages exactly', async () => {
    const { all } = await listAll(compute(), {
      compartment_id: DEV,
      display_name_contains: 'build-1',
      limit: 4,
    })
    assert.deepEqual(
      all.sort(),
      Array.from({ length: 10 }, (_, i) => `dev-build-${10 + i}`),
    )
  })

  test('a small response budget cuts pages short and the cursor continues exactly', async () => {
    const { pages, all } = await listAll(compute({ MCP_RESPONSE_BUDGET_BYTES: '2000' }), {
      compartment_id: DEV,
      limit: 100,
    })
    assert.ok(pages.length > 2)
    assert.equal(pages[0].truncated_by_budget, true)
    assert.equal(all.length, generatedDevInstances + 1)
    assert.equal(new Set(all).size, all.length)
  })

  test('bad input is refused before OCI is called', async () => {
    const h = compute()
    for (const args of [
      { compartment_id: 'prod' },
      { lifecycle_state: 'BROKEN' },
      { limit: 0 },
      { display_name_contains: '' },
      { cursor: 'nonsense' },
    ]) {
      const code = errorCode(await h.call('compute_list_instances', args))
      assert.ok(
        code === 'ERR_INPUT_INVALID' || code === 'ERR_INPUT_CURSOR',
        `${JSON.stringify(args)}: ${code}`,
      )
    }
  })
})

describe('compute_get_instance', () => {
  test('web-1: shape config, fault domain, VNIC with private and public IP, NSG', async () => {
    const r = await compute().call('compute_get_instance', { instance_id: instanceId('web1') })
    const d = ok(r, specs.getInstance)
    assert.equal(d.display_name, 'web-1')
    assert.equal(d.lifecycle_state, 'RUNNING')
    assert.equal(d.compartment_id, PROD)
    assert.match(d.fault_domain as string, /^FAULT-DOMAIN-[123]$/)
    assert.equal((d.shape_config as Row).ocpus, 2)
    assert.equal((d.shape_config as Row).memory_in_gbs, 16)
    assert.deepEqual(d.private_ips, ['10.0.1.10'])
    assert.deepEqual(d.public_ips, ['129.213.10.11'])
    assert.equal((d.nsg_ids as string[]).length, 1)
    assert.match((d.nsg_ids as string[])[0], /^ocid1\.networksecuritygroup\./)
    const [vnic] = d.vnics as Row[]
    assert.equal(vnic.is_primary, true)
    assert.match(vnic.subnet_id as string, /^ocid1\.subnet\./)
    assert.match(r.content[0].text, /\*\*Public IPs:\*\* 129\.213\.10\.11/)
    assert.doesNotMatch(JSON.stringify(r), /ssh-rsa/, 'instance metadata must not leak')
  })

  test('a private instance has no public IP', async () => {
    const d = ok(
      await compute().call('compute_get_instance', {
        instance_id: instanceId('db1'),
        response_format: 'json',
      }),
      specs.getInstance,
    )
    assert.deepEqual(d.private_ips, ['10.0.2.30'])
    assert.deepEqual(d.public_ips, [])
    assert.equal((d.vnics as Row[])[0].public_ip, undefined)
  })

  test('an unknown instance is ERR_OCI_NOT_FOUND; a malformed OCID is ERR_INPUT_INVALID', async () => {
    const h = compute()
    assert.equal(
      errorCode(await h.call('compute_get_instance', { instance_id: instanceId('nosuchinstance') })),
      'ERR_OCI_NOT_FOUND',
    )
    assert.equal(
      errorCode(await h.call('compute_get_instance', { instance_id: 'web-1' })),
      'ERR_INPUT_INVALID',
    )
    assert.equal(errorCode(await h.call('compute_get_instance', {})), 'ERR_INPUT_INVALID')
  })
})

describe('compute_get_instance_metrics', () => {
  test('batch-worker-1 over the last 90 minutes: CPU and memory saturated, one point a minute', async () => {
    const r = await compute().call('compute_get_instance_metrics', {
      instance_id: instanceId('batch1'),
      last: '90m',
    })
    const d = ok(r, specs.getInstanceMetrics)
    assert.equal(d.interval, '1m')
    const byName = Object.fromEntries((d.metrics as Row[]).map((m) => [m.name, m]))
    assert.deepEqual(Object.keys(byName).sort(), ['cpu', 'memory', 'network_in', 'network_out'])
    const cpu = byName.cpu
    assert.equal(cpu.metric, 'CpuUtilization')
    assert.equal(cpu.query, `CpuUtilization[1m]{resourceId = "${instanceId('batch1')}"}.mean()`)
    assert.ok((cpu.points as unknown[]).length >= 85 && (cpu.points as unknown[]).length <= 91)
    assert.ok((cpu.mean as number) > 90, `cpu mean ${cpu.mean}`)
    assert.ok((byName.memory.mean as number) > 88)
    assert.ok((byName.network_in.mean as number) > 0)
    assert.equal(byName.network_in.unit, 'bytes/s')
    assert.match(byName.network_in.query as string, /^NetworksBytesIn\[1m\]\{resourceId = ".+"\}\.rate\(\)$/)
    const notes = d.observations as string[]
    assert.ok(
      notes.some((n) => /^CPU saturated/.test(n)),
      notes.join('\n'),
    )
    assert.ok(
      notes.some((n) => /^Memory saturated/.test(n)),
      notes.join('\n'),
    )
    // Markdown is a summary: a table and the observations, not every point.
    const text = r.content[0].text
    assert.match(text, /\| CpuUtilization \| 9\d\.\d% \|/)
    assert.match(text, /### Observations/)
    assert.ok(text.length < 3000, `markdown is ${text.length} characters`)
    const json = await compute().call('compute_get_instance_metrics', {
      instance_id: instanceId('batch1'),
      last: '90m',
      metrics: ['cpu'],
      response_format: 'json',
    })
    const parsed = JSON.parse(json.content[0].text)
    assert.equal(parsed.metrics.length, 1)
    assert.ok(parsed.metrics[0].points.length >= 85)
  })

  test('batch-worker-1 over 6 hours: high now, and since when (the last two hours)', async () => {
    const d = ok(
      await compute().call('compute_get_instance_metrics', {
        instance_id: instanceId('batch1'),
        metrics: ['cpu'],
      }),
      specs.getInstanceMetrics,
    )
    assert.equal(d.interval, '5m')
    const [note] = d.observations as string[]
    const m = /^CPU high now: .* since (\S+) /.exec(note)
    assert.ok(m, note)
    const minutes = (Date.parse(d.end as string) - Date.parse(m[1])) / 60_000
    assert.ok(minutes > 100 && minutes <= 130, `saturated for ${minutes} minutes`)
  })

  test('a healthy instance over a day: interval 5m, at most 300 points, no saturation', async () => {
    const d = ok(
      await compute().call('compute_get_instance_metrics', {
        instance_id: instanceId('web1'),
        last: '24h',
        metrics: ['cpu', 'memory'],
      }),
      specs.getInstanceMetrics,
    )
    assert.equal(d.interval, '5m')
    for (const m of d.metrics as Row[]) {
      const points = m.points as { timestamp: string; value: number }[]
      assert.ok(
        points.length > 200 && points.length <= specs.METRICS_MAX_POINTS,
        `${m.name}: ${points.length}`,
      )
      assert.ok((m.max as number) < 90)
      assert.deepEqual(m.latest, points[points.length - 1])
    }
    assert.deepEqual(d.observations, [])
  })

  test('a start/end window is honoured', async () => {
    const end = new Date(Date.now() - 3_600_000)
    const start = new Date(end.getTime() - 2 * 3_600_000)
    const d = ok(
      await compute().call('compute_get_instance_metrics', {
        instance_id: instanceId('web2'),
        start: start.toISOString(),
        end: end.toISOString(),
        metrics: ['network_out'],
      }),
      specs.getInstanceMetrics,
    )
    assert.equal(d.start, start.toISOString())
    assert.equal(d.end, end.toISOString())
    const points = (d.metrics as Row[])[0].points as { timestamp: string }[]
    assert.ok(points.length > 0)
    for (const p of points) {
      assert.ok(
        Date.parse(p.timestamp) > start.getTime() - 60_000 && Date.parse(p.timestamp) <= end.getTime(),
      )
    }
  })

  test('a stopped instance has no data, and says why', async () => {
    const d = ok(
      await compute().call('compute_get_instance_metrics', { instance_id: instanceId('dev1'), last: '1h' }),
      specs.getInstanceMetrics,
    )
    assert.equal(d.lifecycle_state, 'STOPPED')
    assert.ok((d.metrics as Row[]).every((m) => (m.points as unknown[]).length === 0 && m.mean === undefined))
    assert.deepEqual(d.observations, [
      'No data in this window: the instance is STOPPED, so it publishes no metrics.',
    ])
  })

  test('bad windows are ERR_INPUT_INVALID; an unknown instance is ERR_OCI_NOT_FOUND', async () => {
    const h = compute()
    const id = instanceId('web1')
    for (const args of [
      { instance_id: id, last: '1h', start: new Date().toISOString() },
      { instance_id: id, last: '365d' },
      { instance_id: id, start: '2020-01-01T00:00:00Z' },
      { instance_id: id, end: new Date().toISOString() },
      { instance_id: id, last: 'yesterday' },
    ]) {
      assert.equal(errorCode(await h.call('compute_get_instance_metrics', args)), 'ERR_INPUT_INVALID')
    }
    assert.equal(
      errorCode(await h.call('compute_get_instance_metrics', { instance_id: instanceId('nosuchinstance') })),
      'ERR_OCI_NOT_FOUND',
    )
  })
})

describe('shapes and images', () => {
  test('list_shapes: flexible shapes with OCPU and memory ranges, paged', async () => {
    const h = compute()
    const all = ok(await h.call('compute_list_shapes', {}), specs.listShapes)
    const shapes = all.shapes as Row[]
    const e4 = shapes.find((s) => s.shape === 'VM.Standard.E4.Flex')
    assert.ok(e4, 'VM.Standard.E4.Flex is listed')
    assert.equal(e4.is_flexible, true)
    assert.ok(((e4.ocpu_range as Row).max as number) > 1)
    assert.ok(((e4.memory_range_gbs as Row).max as number) > 16)
    const first = ok(await h.call('compute_list_shapes', { limit: 2 }), specs.listShapes)
    assert.equal((first.shapes as unknown[]).length, 2)
    const second = ok(
      await h.call('compute_list_shapes', { limit: 2, cursor: first.next_cursor }),
      specs.listShapes,
    )
    assert.deepEqual(
      [...(first.shapes as Row[]), ...(second.shapes as Row[])].map((s) => s.shape),
      shapes.slice(0, 4).map((s) => s.shape),
    )
  })

  test('list_images: by operating system, newest first, paged', async () => {
    const h = compute()
    const ol = ok(await h.call('compute_list_images', { operating_system: 'Oracle Linux' }), specs.listImages)
    const images = ol.images as Row[]
    assert.ok(images.length >= 2)
    assert.ok(images.every((i) => i.operating_system === 'Oracle Linux'))
    const times = images.map((i) => i.time_created as string)
    assert.deepEqual(times, [...times].sort().reverse())
    const nine = ok(
      await h.call('compute_list_images', {
        operating_system: 'Oracle Linux',
        operating_system_version: '9',
      }),
      specs.listImages,
    )
    assert.ok((nine.images as Row[]).every((i) => i.operating_system_version === '9'))
    const page = ok(await h.call('compute_list_images', { limit: 1 }), specs.listImages)
    assert.equal((page.images as unknown[]).length, 1)
    assert.equal(typeof page.next_cursor, 'string')
    const none = ok(await h.call('compute_list_images', { operating_system: 'Plan 9' }), specs.listImages)
    assert.deepEqual(none.images, [])
  })
})

describe('access', () => {
  test('with mutations disabled the power action is hidden and refused; reads still work', async () => {
    const h = compute({ MCP_ENABLE_MUTATIONS: 'false' })
    const listed = h.list().map((t) => t.name)
    assert.ok(!listed.includes('compute_instance_action'))
    assert.ok(listed.includes('compute_get_instance'))
    const r = await h.call('compute_instance_action', { instance_id: instanceId('web1'), action: 'STOP' })
    assert.equal(errorCode(r), 'ERR_MUTATIONS_DISABLED')
    ok(await h.call('compute_get_instance', { instance_id: instanceId('web1') }), specs.getInstance)
  })

  test('a read-only caller does not see the power action', async () => {
    const h = harness(implementation, { MCP_ENABLE_MUTATIONS: 'true' }, testCaller('oci-mcp.read'))
    assert.deepEqual(
      h.list().map((t) => t.name),
      specs.catalog.tools.filter((t) => t.access === 'read').map((t) => t.name),
    )
  })
})
