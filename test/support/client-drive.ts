// One pass over an MCP endpoint with any real client (1.x, 2.x, stdio through mcp-remote): list tools,
// resources, templates and prompts; make one read call; read each fixed resource; get each prompt.
import assert from 'node:assert/strict'
import { GROUP_CATALOGS } from '../../functions/router/groups.ts'
import { ids } from '../../infra/local/oci-emulator/seed-infra.ts'
import { compartmentId, instanceId } from '../../infra/local/seed.ts'

type Result = { content: { type: string; text?: string }[]; structuredContent?: unknown; isError?: boolean }

/** The methods both SDK generations' clients share, as this pass uses them. */
export interface AnyClient {
  listTools(): Promise<{ tools: { name: string }[] }>
  listResources(): Promise<{ resources: { uri: string }[] }>
  listResourceTemplates(): Promise<{ resourceTemplates: { uriTemplate: string }[] }>
  listPrompts(): Promise<{ prompts: { name: string; arguments?: { name: string; required?: boolean }[] }[] }>
  getPrompt(p: { name: string; arguments: Record<string, string> }): Promise<{ messages: unknown[] }>
  readResource(p: { uri: string }): Promise<{ contents: { uri: string }[] }>
  callTool(p: { name: string; arguments: Record<string, unknown> }): Promise<unknown>
}

const prod = compartmentId('platformprod')
const platform = compartmentId('platform')

/** One read call per group, against the seeded emulator. */
export const READ_CALLS: Record<string, [string, Record<string, unknown>]> = {
  objectstorage: ['objectstorage_get_namespace', {}],
  identity: ['identity_whoami', {}],
  compute: ['compute_get_instance', { instance_id: instanceId('batch1') }],
  network: ['network_list_vcns', { compartment_id: platform }],
  database: [
    'database_get_autonomous_database',
    { autonomous_database_id: ids.autonomousDatabase('ordersatp') },
  ],
  observability: ['observability_list_alarms', { compartment_id: prod }],
  skills: ['skills_troubleshoot_instance', { instance_id: instanceId('batch1') }],
  cost: ['cost_summarize_usage', { last_days: 30 }],
  security: ['security_list_users', {}],
  integration: ['integration_get_message_summary', {}],
}

/** The whole pass for one endpoint: `group` is undefined for the router's aggregated /mcp. */
export async function drive(client: AnyClient, group?: string): Promise<void> {
  const catalogs = group ? GROUP_CATALOGS.filter((c) => c.group === group) : GROUP_CATALOGS
  assert.equal(catalogs.length, group ? 1 : GROUP_CATALOGS.length, `a catalog for ${group}`)
  const { tools } = await client.listTools()
  const names = new Set(tools.map((t) => t.name))
  for (const c of catalogs)
    for (const t of c.tools) assert.ok(names.has(t.name), `${t.name} listed at ${group ?? 'the router'}`)

  for (const c of catalogs) {
    const call = READ_CALLS[c.group]
    assert.ok(call, `a read call for ${c.group}`)
    const r = (await client.callTool({ name: call[0], arguments: call[1] })) as Result
    assert.notEqual(r.isError, true, `${call[0]}: ${r.content[0]?.text}`)
    assert.ok(r.structuredContent, `${call[0]} structured content`)
  }

  const { resources } = await client.listResources()
  const fixed = catalogs.flatMap((c) => c.resources ?? [])
  assert.deepEqual(resources.map((r) => r.uri).sort(), fixed.map((r) => r.uri).sort())
  for (const r of fixed) {
    const read = await client.readResource({ uri: r.uri })
    assert.equal(read.contents[0]?.uri, r.uri)
  }
  const { resourceTemplates } = await client.listResourceTemplates()
  assert.deepEqual(
    resourceTemplates.map((t) => t.uriTemplate).sort(),
    catalogs.flatMap((c) => (c.resourceTemplates ?? []).map((t) => t.uriTemplate)).sort(),
  )

  const { prompts } = await client.listPrompts()
  const expected = group ? (catalogs[0].prompts ?? []) : catalogs.flatMap((c) => c.prompts ?? [])
  assert.deepEqual(prompts.map((p) => p.name).sort(), expected.map((p) => p.name).sort())
  for (const p of prompts) {
    const args = Object.fromEntries((p.arguments ?? []).filter((a) => a.required).map((a) => [a.name, 'e2e']))
    const got = await client.getPrompt({ name: p.name, arguments: args })
    assert.ok(got.messages.length > 0, `${p.name} renders`)
  }
}

export const GROUP_PATHS = GROUP_CATALOGS.map((c) => c.group)
