// Every group through the local edge with the real MCP client: discovery first, then every tool called
// successfully against the seeded emulator and the Oracle Integration stand-in, paging included.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { GROUP_CATALOGS } from '../../functions/router/groups.ts'
import { ids } from '../../infra/local/oci-emulator/seed-infra.ts'
import { compartmentId, costSpike, instanceId, TENANCY_ID } from '../../infra/local/seed.ts'
import { testStack } from '../support/stack.ts'

type Result = { content: { text: string }[]; structuredContent?: Record<string, unknown>; isError?: boolean }

let env: Awaited<ReturnType<typeof testStack>>
let client: Client
const called = new Set<string>()

before(async () => {
  env = await testStack()
  client = await env.connect(await env.clientToken())
})
after(async () => {
  await client?.close()
  await env?.close()
})

async function ok(name: string, args: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const r = (await client.callTool({ name, arguments: args })) as Result
  assert.notEqual(r.isError, true, `${name}: ${r.content[0]?.text}`)
  assert.ok(r.structuredContent, `${name} returned structured content`)
  called.add(name)
  return r.structuredContent
}

const prod = compartmentId('platformprod')
const dev = compartmentId('platformdev')
const platform = compartmentId('platform')
const batch = instanceId('batch1')
const orders = ids.autonomousDatabase('ordersatp')

describe('discovery through the router', () => {
  it('finds a tool with search_tools and reads its schema', async () => {
    const found = await ok('search_tools', { query: 'instance cpu memory metrics' })
    const first = (found.matches as { name: string }[])[0]
    assert.equal(first.name, 'compute_get_instance_metrics')
    const schema = await ok('get_tool_schema', { name: first.name })
    assert.deepEqual((schema.input_schema as { required: string[] }).required, ['instance_id'])
    const domains = await ok('list_domains')
    assert.deepEqual(
      (domains.domains as { name: string }[]).map((d) => d.name),
      GROUP_CATALOGS.map((c) => c.group),
    )
  })
})

describe('every group', () => {
  it('objectstorage', async () => {
    await ok('objectstorage_get_namespace')
    await ok('objectstorage_list_buckets', { compartment_id: platform })
    await ok('objectstorage_list_objects', { bucket: 'platform-config' })
    await ok('objectstorage_head_object', { bucket: 'platform-config', name: 'README.md' })
    await ok('objectstorage_get_object', { bucket: 'platform-config', name: 'README.md' })
    await ok('objectstorage_put_object', { bucket: 'events-inbox', name: 'e2e/groups.txt', content: 'x' })
    await ok('objectstorage_create_par', { bucket: 'events-inbox', object_name: 'e2e/groups.txt' })
    await ok('objectstorage_delete_object', { bucket: 'events-inbox', name: 'e2e/groups.txt' })
  })

  it('identity', async () => {
    await ok('identity_whoami')
    await ok('identity_get_token_claims')
    await ok('identity_get_tenancy')
    await ok('identity_list_compartments', { subtree: true })
    await ok('identity_list_region_subscriptions')
  })

  it('compute, paging through the 61 instances of platform/dev', async () => {
    const names = new Set<string>()
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await ok('compute_list_instances', {
        compartment_id: dev,
        limit: 25,
        ...(cursor ? { cursor } : {}),
      })
      for (const i of page.instances as { display_name: string }[]) names.add(i.display_name)
      cursor = page.next_cursor as string | undefined
      pages += 1
    } while (cursor && pages < 10)
    assert.equal(names.size, 61)
    assert.equal(pages, 3)
    await ok('compute_get_instance', { instance_id: batch })
    await ok('compute_get_instance_metrics', { instance_id: batch, last: '6h' })
    await ok('compute_list_shapes', { compartment_id: prod })
    await ok('compute_list_images', { compartment_id: prod })
    const action = await ok('compute_instance_action', { instance_id: instanceId('dev1'), action: 'START' })
    assert.equal(action.changed, true)
  })

  it('network, with the seeded exposures found', async () => {
    for (const name of [
      'network_list_vcns',
      'network_list_subnets',
      'network_list_route_tables',
      'network_list_security_lists',
      'network_list_network_security_groups',
    ]) {
      await ok(name, { compartment_id: platform })
    }
    const exposure = await ok('network_analyze_exposure', { compartment_id: platform })
    const ports = (exposure.findings as { ports: string }[]).map((f) => f.ports).join(' ')
    for (const port of ['22', '3389', '6379'])
      assert.match(ports, new RegExp(`\\b${port}\\b`), `port ${port} found`)
  })

  it('database', async () => {
    await ok('database_list_autonomous_databases', { compartment_id: prod })
    await ok('database_get_autonomous_database', { autonomous_database_id: orders })
    await ok('database_stop_autonomous_database', {
      autonomous_database_id: ids.autonomousDatabase('salesadw'),
    })
    await ok('database_start_autonomous_database', {
      autonomous_database_id: ids.autonomousDatabase('devatp'),
    })
    await ok('database_list_db_systems', { compartment_id: compartmentId('finance') })
    await ok('database_list_backups', { autonomous_database_id: orders })
  })

  it('observability', async () => {
    await ok('observability_list_metric_namespaces', { compartment_id: prod })
    await ok('observability_list_metrics', { namespace: 'oci_computeagent', compartment_id: prod })
    await ok('observability_summarize_metrics', {
      namespace: 'oci_computeagent',
      query: `CpuUtilization[5m]{resourceId = "${batch}"}.mean()`,
      compartment_id: prod,
      last: '3h',
    })
    const alarms = await ok('observability_list_alarms', { compartment_id: prod })
    const firing = (alarms.alarms as { id: string; status: string }[]).filter((a) => a.status === 'FIRING')
    assert.ok(firing.length >= 1, 'a firing alarm')
    await ok('observability_get_alarm_history', { alarm_id: firing[0].id })
    await ok('observability_search_logs', { compartment_id: prod, last: '6h' })
  })

  it('cost, finding the seeded spike', async () => {
    await ok('cost_summarize_usage', { last_days: 30 })
    await ok('cost_by_service', { last_days: 30 })
    await ok('cost_by_compartment', { last_days: 30 })
    await ok('cost_monthly_trend', { months: 2 })
    const anomalies = await ok('cost_detect_anomalies', { window_days: 30 })
    const spike = (anomalies.anomalies as { service: string; day: string }[]).find(
      (a) => a.service === costSpike.service,
    )
    assert.ok(spike, 'the Compute spike is reported')
    const day = new Date(Date.now() - costSpike.daysAgo * 86_400_000).toISOString().slice(0, 10)
    assert.equal(spike.day, day)
  })

  it('security', async () => {
    await ok('security_list_users')
    await ok('security_list_groups')
    await ok('security_list_policies', { compartment_id: TENANCY_ID })
    const analysis = await ok('security_analyze_policies')
    assert.match(JSON.stringify(analysis.findings), /Contractors[\s\S]*manage all-resources in tenancy/)
    await ok('security_list_cloud_guard_problems', { include_subcompartments: true })
  })

  it('integration, through the Oracle Integration stand-in with the group’s own token', async () => {
    await ok('integration_get_message_summary')
    await ok('integration_get_message_metrics', {
      integration_id: 'ORDER_SYNC|01.00.0000',
      time_window: '1d',
    })
    const errors = await ok('integration_list_errored_instances', { time_window: '3d' })
    const first = (errors.instances ?? errors.errored_instances ?? errors.items) as { id: string }[]
    assert.ok(first?.length, JSON.stringify(Object.keys(errors)))
    await ok('integration_resubmit_errored_instance', {
      error_id: first.find((e) => !String(e.id).includes('HR'))?.id ?? first[0].id,
    })
  })

  it('skills: a verdict with evidence for the seeded unhealthy instance', async () => {
    const r = await ok('skills_troubleshoot_instance', { instance_id: batch })
    assert.equal(r.verdict, 'unhealthy')
    await ok('skills_troubleshoot_autonomous_database', { autonomous_database_id: orders })
    const report = await ok('skills_cost_report', { days: 30 })
    assert.ok((report.anomalies as unknown[]).length >= 1, 'the cost report names the spike')
  })

  it('called every tool of every group', () => {
    const all = GROUP_CATALOGS.flatMap((c) => c.tools.map((t) => t.name))
    assert.deepEqual(
      all.filter((t) => !called.has(t)),
      [],
    )
    const audit = readFileSync(env.info.auditLog, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    assert.ok(
      all.every((t) => audit.some((a) => a.tool === t)),
      'each left an audit line',
    )
  })
})
