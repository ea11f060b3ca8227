// The network tools against the seeded OCI emulator: VCNs, subnets, route tables, rules, and the exposure analysis.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { compartmentId } from '../../infra/local/seed.ts'
import { useEmulator } from '../../test/support/emulator.ts'
import { errorCode, ok } from '../../test/support/results.ts'
import { harness, testCaller } from '../../test/support/tool-harness.ts'
import * as specs from './catalog.ts'
import { implementation } from './implementation.ts'

const { tools: network } = useEmulator(implementation)
const PLATFORM = compartmentId('platform')

type Row = Record<string, unknown>
const call = async (name: string, spec: (typeof specs.catalog.tools)[number], args: Row = {}) =>
  ok(await network({ OCI_COMPARTMENT_ID: PLATFORM }).call(name, args), spec)

async function vcnId(): Promise<string> {
  const data = await call('network_list_vcns', specs.listVcns)
  return ((data.vcns as Row[])[0] as { id: string }).id
}

describe('VCNs, subnets and route tables', () => {
  test('list_vcns: the platform VCN with its CIDR and defaults; json repeats structuredContent', async () => {
    const r = await network().call('network_list_vcns', { compartment_id: PLATFORM, response_format: 'json' })
    const data = ok(r, specs.listVcns)
    assert.deepEqual(JSON.parse(r.content[0].text), data)
    const [vcn] = data.vcns as Row[]
    assert.equal(vcn.display_name, 'platform-vcn')
    assert.deepEqual(vcn.cidr_blocks, ['10.0.0.0/16'])
    assert.match(vcn.default_security_list_id as string, /^ocid1\.securitylist\./)
  })

  test('list_subnets: public and private, with their security lists; filtered by VCN', async () => {
    const data = await call('network_list_subnets', specs.listSubnets, { vcn_id: await vcnId() })
    const byName = Object.fromEntries((data.subnets as Row[]).map((s) => [s.display_name, s]))
    assert.equal(byName['public-subnet'].public, true)
    assert.equal(byName['private-subnet'].public, false)
    assert.equal(byName['public-subnet'].cidr_block, '10.0.1.0/24')
    assert.equal((byName['public-subnet'].security_list_ids as string[]).length, 1)
    const other = await call('network_list_subnets', specs.listSubnets, {
      vcn_id: 'ocid1.vcn.oc1.iad.aaaaaaaanosuchvcn',
    })
    assert.deepEqual(other.subnets, [])
  })

  test('list_route_tables: targets named from their OCIDs', async () => {
    const r = await network({ OCI_COMPARTMENT_ID: PLATFORM }).call('network_list_route_tables')
    const data = ok(r, specs.listRouteTables)
    const byName = Object.fromEntries((data.route_tables as Row[]).map((t) => [t.display_name, t]))
    assert.deepEqual(
      (byName['public-rt'].rules as Row[]).map((x) => x.summary),
      ['0.0.0.0/0 → internet gateway'],
    )
    assert.deepEqual(
      (byName['private-rt'].rules as Row[]).map((x) => x.target_type),
      ['NAT gateway', 'service gateway'],
    )
    assert.match(r.content[0].text, /0\.0\.0\.0\/0 → internet gateway/)
  })

  test('lists page with a cursor', async () => {
    const h = network({ OCI_COMPARTMENT_ID: PLATFORM })
    const first = ok(await h.call('network_list_route_tables', { limit: 2 }), specs.listRouteTables)
    assert.equal((first.route_tables as unknown[]).length, 2)
    const rest = ok(
      await h.call('network_list_route_tables', { limit: 2, cursor: first.next_cursor }),
      specs.listRouteTables,
    )
    assert.equal((rest.route_tables as unknown[]).length, 1)
    assert.equal(rest.next_cursor, undefined)
    const ids = [...(first.route_tables as Row[]), ...(rest.route_tables as Row[])].map((t) => t.id)
    assert.equal(new Set(ids).size, 3)
  })
})

describe('security lists and NSGs', () => {
  test('list_security_lists writes every rule out', async () => {
    const r = await network({ OCI_COMPARTMENT_ID: PLATFORM }).call('network_list_security_lists')
    const data = ok(r, specs.listSecurityLists)
    const pub = (data.security_lists as Row[]).find((l) => l.display_name === 'public-subnet security list')
    assert.ok(pub)
    assert.deepEqual(
      (pub.ingress_rules as Row[]).map((x) => x.summary),
      [
        'allow TCP port 443 from 0.0.0.0/0',
        'allow TCP port 22 from 0.0.0.0/0',
        'allow TCP port 3389 from 0.0.0.0/0',
        'allow TCP port 5432 from 10.0.0.0/16',
      ],
    )
    assert.deepEqual(
      (pub.egress_rules as Row[]).map((x) => x.summary),
      ['allow all protocols to 0.0.0.0/0'],
    )
    assert.match(
      r.content[0].text,
      /### public-subnet security list[\s\S]*allow TCP port 22 from 0\.0\.0\.0\/0/,
    )
  })

  test('list_network_security_groups includes each group’s rules, both directions', async () => {
    const data = await call('network_list_network_security_groups', specs.listNetworkSecurityGroups)
    const [web] = data.network_security_groups as Row[]
    assert.equal(web.display_name, 'web')
    const rules = web.rules as Row[]
    assert.deepEqual(
      rules
        .filter((x) => x.direction === 'INGRESS')
        .map((x) => x.ports)
        .sort(),
      ['443', '6379', '80'],
    )
    assert.ok(rules.some((x) => x.direction === 'EGRESS' && x.protocol === 'all protocols'))
    assert.ok(rules.every((x) => typeof x.rule_id === 'string'))
  })
})

describe('network_analyze_exposure', () => {
  test('finds the seeded exposures: SSH 22 and RDP 3389 in the public security list, Redis 6379 in the web NSG', async () => {
    const r = await network().call('network_analyze_exposure', { compartment_id: PLATFORM })
    const data = ok(r, specs.analyzeExposure)
    const findings = data.findings as Row[]
    const summary = findings.map((f) => [
      f.severity,
      (f.holder as Row).name,
      (f.exposed as Row[]).map((e) => e.port).join(','),
    ])
    assert.deepEqual(summary, [
      ['CRITICAL', 'web', '6379'],
      ['HIGH', 'public-subnet security list', '22'],
      ['HIGH', 'public-subnet security list', '3389'],
    ])
    assert.deepEqual(data.counts, { CRITICAL: 1, HIGH: 2, MEDIUM: 0, LOW: 0 })
    assert.equal(data.security_lists_checked, 2)
    assert.equal(data.network_security_groups_checked, 1)
    const ssh = findings[1]
    assert.equal(ssh.rule, 'allow TCP port 22 from 0.0.0.0/0')
    assert.equal(ssh.rule_ref, 'ingress rule 2')
    assert.equal(ssh.reachable_now, true)
    assert.deepEqual(
      ((ssh.holder as Row).used_by as Row[]).map((u) => [u.name, u.public]),
      [['public-subnet', true]],
    )
    assert.match(ssh.fix as string, /Bastion/)
    assert.match((findings[0].holder as Row).id as string, /^ocid1\.networksecuritygroup\./)
  })

  test('80/443 are informational; the VCN-internal 5432 rule and ICMP are not reported', async () => {
    const data = await call('network_analyze_exposure', specs.analyzeExposure)
    const info = (data.informational as Row[]).map((n) => n.rule).sort()
    assert.deepEqual(info, [
      'allow TCP port 443 from 0.0.0.0/0',
      'allow TCP port 443 from 0.0.0.0/0',
      'allow TCP port 80 from 0.0.0.0/0',
    ])
    const all = JSON.stringify(data.findings)
    assert.doesNotMatch(all, /5432|ICMP/)
  })

  test('markdown: numbered findings with where, why and fix', async () => {
    const r = await network({ OCI_COMPARTMENT_ID: PLATFORM }).call('network_analyze_exposure', {
      vcn_id: await vcnId(),
    })
    const text = r.content[0].text
    assert.match(text, /3 findings — 1 CRITICAL, 2 HIGH/)
    assert.match(text, /### 1\. CRITICAL — Redis \(TCP 6379\) open to the internet/)
    assert.match(
      text,
      /\*\*Where:\*\* security list \*\*public-subnet security list\*\* .*used by public-subnet \(public\)/,
    )
    assert.match(text, /\*\*Why it matters:\*\*/)
    assert.match(text, /\*\*Fix:\*\*/)
    assert.match(text, /### Informational/)
  })

  test('a compartment without networks has nothing to report', async () => {
    const data = await call('network_analyze_exposure', specs.analyzeExposure, {
      compartment_id: compartmentId('finance'),
    })
    assert.deepEqual(data.findings, [])
    assert.equal(data.rules_checked, 0)
    const r = await network().call('network_analyze_exposure', { compartment_id: compartmentId('finance') })
    assert.match(r.content[0].text, /no sensitive port is open to the internet/)
  })

  test('bad input is ERR_INPUT_INVALID; an unknown compartment is ERR_OCI_NOT_FOUND', async () => {
    const h = network()
    assert.equal(
      errorCode(await h.call('network_analyze_exposure', { vcn_id: 'platform-vcn' })),
      'ERR_INPUT_INVALID',
    )
    assert.equal(
      errorCode(await h.call('network_list_subnets', { compartment_id: 'x' })),
      'ERR_INPUT_INVALID',
    )
    assert.equal(
      errorCode(await h.call('network_list_vcns', { compartment_id: compartmentId('nosuchcompartment') })),
      'ERR_OCI_NOT_FOUND',
    )
  })

  test('every network tool is visible to a read-only caller, mutations on or off', () => {
    for (const env of [{ MCP_ENABLE_MUTATIONS: 'false' }, { MCP_ENABLE_MUTATIONS: 'true' }]) {
      const h = harness(implementation, env, testCaller('oci-mcp.network.read'))
      assert.equal(h.list().length, specs.catalog.tools.length)
    }
  })
})
