// The security tools against the OCI emulator: users, groups, policies (paged), policy analysis, Cloud Guard.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { compartmentId, TENANCY_ID } from '../../infra/local/seed.ts'
import { useEmulator } from '../../test/support/emulator.ts'
import { errorCode, ok } from '../../test/support/results.ts'
import { testCaller } from '../../test/support/tool-harness.ts'
import type { ToolSpec } from '../core/catalog.ts'
import { isMcpFunctionsError } from '../core/errors.ts'
import * as specs from './catalog.ts'
import { implementation } from './implementation.ts'

const { tools: sec } = useEmulator(implementation)

async function listAll(tool: string, key: string, args: Record<string, unknown>, spec: ToolSpec) {
  const names: string[] = []
  let cursor: string | undefined
  let pages = 0
  do {
    const page = ok(await sec().call(tool, { ...args, cursor }), spec)
    names.push(...(page[key] as { name: string }[]).map((x) => x.name))
    cursor = page.next_cursor as string | undefined
    pages += 1
    assert.ok(pages < 50, 'paging does not end')
  } while (cursor)
  return { names, pages }
}

describe('IAM listings', () => {
  test('users: every seeded user, paged one at a time without repeats', async () => {
    const all = ok(await sec().call('security_list_users'), specs.listUsers)
    const names = (all.users as { name: string }[]).map((u) => u.name).sort()
    assert.ok(names.includes('alice@example.com') && names.includes('bob@example.com'), names.join())
    assert.equal(all.tenancy_id, TENANCY_ID)
    const bob = (all.users as Record<string, unknown>[]).find((u) => u.name === 'bob@example.com')
    assert.equal(bob?.is_mfa_activated, false)
    const paged = await listAll('security_list_users', 'users', { limit: 1 }, specs.listUsers)
    assert.equal(paged.pages, names.length)
    assert.deepEqual([...paged.names].sort(), names)
    const one = ok(await sec().call('security_list_users', { name: 'bob@example.com' }), specs.listUsers)
    assert.deepEqual(
      (one.users as { name: string }[]).map((u) => u.name),
      ['bob@example.com'],
    )
  })

  test('groups: the seeded groups, including Contractors; markdown is a table', async () => {
    const r = await sec().call('security_list_groups', { limit: 2 })
    const first = ok(r, specs.listGroups)
    assert.equal((first.groups as unknown[]).length, 2)
    assert.equal(typeof first.next_cursor, 'string')
    assert.match(r.content[0].text, /\| Group \|/)
    const { names } = await listAll('security_list_groups', 'groups', { limit: 2 }, specs.listGroups)
    for (const g of ['PlatformAdmins', 'FinanceReaders', 'Contractors', 'NetworkAdmins'])
      assert.ok(names.includes(g), g)
    assert.equal(new Set(names).size, names.length)
  })

  test('policies of the tenancy with their statements; a compartment without policies is empty', async () => {
    const r = ok(await sec().call('security_list_policies', { response_format: 'json' }), specs.listPolicies)
    assert.equal(r.compartment_id, TENANCY_ID)
    const contractors = (r.policies as { name: string; statements: string[] }[]).find(
      (p) => p.name === 'contractors-policy',
    )
    assert.deepEqual(contractors?.statements, ['Allow group Contractors to manage all-resources in tenancy'])
    const paged = await listAll('security_list_policies', 'policies', { limit: 2 }, specs.listPolicies)
    assert.equal(paged.names.length, (r.policies as unknown[]).length)
    const empty = ok(
      await sec().call('security_list_policies', { compartment_id: compartmentId('sandbox') }),
      specs.listPolicies,
    )
    assert.deepEqual(empty.policies, [])
  })

  test('bad input and foreign cursors are coded errors', async () => {
    assert.equal(
      errorCode(await sec().call('security_list_policies', { compartment_id: 'nope' })),
      'ERR_INPUT_INVALID',
    )
    assert.equal(errorCode(await sec().call('security_list_users', { limit: 0 })), 'ERR_INPUT_INVALID')
    assert.equal(errorCode(await sec().call('security_list_groups', { cursor: 'junk' })), 'ERR_INPUT_CURSOR')
  })
})

describe('security_analyze_policies', () => {
  test('finds the seeded Contractors grant as critical, with explanation and fix', async () => {
    const r = await sec().call('security_analyze_policies')
    const data = ok(r, specs.analyzePolicies)
    const findings = data.findings as Record<string, string>[]
    const contractors = findings.find((f) => f.policy_name === 'contractors-policy')
    assert.ok(contractors, JSON.stringify(findings))
    assert.equal(contractors.severity, 'critical')
    assert.equal(contractors.rule, 'tenancy-admin')
    assert.equal(contractors.statement, 'Allow group Contractors to manage all-resources in tenancy')
    assert.match(contractors.explanation, /every resource/)
    assert.match(contractors.recommendation, /compartment/)
    assert.equal(findings[0].severity, 'critical')
    assert.ok((data.counts as Record<string, number>).critical >= 1)
    assert.ok((data.compartments_scanned as number) >= 6, 'the tenancy and its five compartments')
    assert.ok((data.statements_scanned as number) >= 8)
    // The scoped network-admins grant is fine.
    assert.ok(!findings.some((f) => f.policy_name === 'network-admins'))
    assert.match(r.content[0].text, /CRITICAL: Full administrator of the tenancy/)
  })

  test('min_severity and limit narrow the findings; truncated says so', async () => {
    const critical = ok(
      await sec().call('security_analyze_policies', { min_severity: 'critical' }),
      specs.analyzePolicies,
    )
    assert.ok((critical.findings as { severity: string }[]).every((f) => f.severity === 'critical'))
    const one = ok(await sec().call('security_analyze_policies', { limit: 1 }), specs.analyzePolicies)
    assert.equal((one.findings as unknown[]).length, 1)
    assert.equal(one.truncated, true)
  })

  test('a compartment without policies has nothing to report; unknown compartments are not found', async () => {
    const r = ok(
      await sec().call('security_analyze_policies', { compartment_id: compartmentId('sandbox') }),
      specs.analyzePolicies,
    )
    assert.equal(r.policies_scanned, 0)
    assert.deepEqual(r.findings, [])
    const missing = await sec().call('security_analyze_policies', { compartment_id: compartmentId('nosuch') })
    assert.equal(errorCode(missing), 'ERR_OCI_NOT_FOUND')
  })
})

describe('security_list_cloud_guard_problems', () => {
  test('every seeded problem from the tenancy down; one risk level; paging', async () => {
    const all = ok(await sec().call('security_list_cloud_guard_problems'), specs.listCloudGuardProblems)
    const problems = all.problems as Record<string, unknown>[]
    assert.deepEqual(problems.map((p) => p.detector_rule_id).sort(), [
      'BUCKET_IS_PUBLIC',
      'SECURITY_LIST_OPEN_SOURCE',
      'USER_WITHOUT_MFA',
    ])
    const critical = ok(
      await sec().call('security_list_cloud_guard_problems', { risk_level: 'CRITICAL' }),
      specs.listCloudGuardProblems,
    )
    assert.deepEqual(
      (critical.problems as { resource_name: string; risk_level: string }[]).map((p) => [
        p.resource_name,
        p.risk_level,
      ]),
      [['app-logs', 'CRITICAL']],
    )
    const first = ok(
      await sec().call('security_list_cloud_guard_problems', { limit: 2 }),
      specs.listCloudGuardProblems,
    )
    assert.equal((first.problems as unknown[]).length, 2)
    const rest = ok(
      await sec().call('security_list_cloud_guard_problems', { limit: 2, cursor: first.next_cursor }),
      specs.listCloudGuardProblems,
    )
    assert.equal((rest.problems as unknown[]).length, 1)
    assert.equal(rest.next_cursor, undefined)
  })

  test('only one compartment without subcompartments; resolved ones filter out', async () => {
    const prod = ok(
      await sec().call('security_list_cloud_guard_problems', {
        compartment_id: compartmentId('platformprod'),
        include_subcompartments: false,
      }),
      specs.listCloudGuardProblems,
    )
    assert.deepEqual(
      (prod.problems as { detector_rule_id: string }[]).map((p) => p.detector_rule_id),
      ['BUCKET_IS_PUBLIC'],
    )
    const resolved = ok(
      await sec().call('security_list_cloud_guard_problems', { lifecycle_detail: 'RESOLVED' }),
      specs.listCloudGuardProblems,
    )
    assert.deepEqual(resolved.problems, [])
    assert.equal(
      errorCode(await sec().call('security_list_cloud_guard_problems', { risk_level: 'SEVERE' })),
      'ERR_INPUT_INVALID',
    )
  })
})

describe('access', () => {
  test('every tool is read-only: all listed with mutations off, refused without a read scope', async () => {
    const names = sec({ MCP_ENABLE_MUTATIONS: 'false' })
      .list()
      .map((t) => t.name)
    assert.deepEqual(names.sort(), specs.catalog.tools.map((t) => t.name).sort())
    const outsider = sec({}, testCaller('oci-mcp.compute.read'))
    assert.deepEqual(outsider.list(), [])
    await assert.rejects(outsider.call('security_list_users'), (e) => {
      assert.ok(isMcpFunctionsError(e))
      assert.equal(e.code, 'ERR_AUTH_INSUFFICIENT_SCOPE')
      return true
    })
    const groupScoped = sec({}, testCaller('oci-mcp.security.read'))
    ok(await groupScoped.call('security_list_groups', { limit: 1 }), specs.listGroups)
  })
})
