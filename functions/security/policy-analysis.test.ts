// The policy parser and the over-broad-grant rules, without OCI.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { extraPolicies } from '../../infra/local/seed.ts'
import { analyzePolicies, analyzeStatement, type RuleId, type Severity } from './policy-analysis.ts'
import { type ParsedStatement, parseStatement } from './policy-parser.ts'

function parsed(statement: string): ParsedStatement {
  const r = parseStatement(statement)
  assert.equal(r.kind, 'allow', `${statement} → ${JSON.stringify(r)}`)
  return r as ParsedStatement
}

const rules = (statement: string): [RuleId, Severity][] =>
  analyzeStatement(parsed(statement)).map((f) => [f.rule, f.severity])

describe('parseStatement', () => {
  test('group, verb, resource, tenancy', () => {
    const s = parsed('Allow group Contractors to manage all-resources in tenancy')
    assert.deepEqual(s.subject, { kind: 'group', names: ['Contractors'] })
    assert.equal(s.verb, 'manage')
    assert.equal(s.resource, 'all-resources')
    assert.deepEqual(s.location, { kind: 'tenancy', name: 'tenancy' })
    assert.equal(s.condition, null)
  })

  test('several groups, domain-qualified names, compartment paths, conditions, free case and spacing', () => {
    const s = parsed(
      "ALLOW  group 'Default'/'NetOps', Auditors to  USE virtual-network-family in compartment platform:prod where request.user.name = 'x'",
    )
    assert.deepEqual(s.subject.names, ['Default/NetOps', 'Auditors'])
    assert.equal(s.verb, 'use')
    assert.equal(s.resource, 'virtual-network-family')
    assert.deepEqual(s.location, { kind: 'compartment', name: 'platform:prod' })
    assert.equal(s.condition, "request.user.name = 'x'")
  })

  test('dynamic groups, any-user, compartment ids and permission lists', () => {
    const dg = parsed('Allow dynamic-group McpFunctions to read all-resources in tenancy')
    assert.equal(dg.subject.kind, 'dynamic-group')
    const au = parsed(
      "Allow any-user to use functions-family in compartment id ocid1.compartment.oc1..aaaa where ALL {request.principal.type = 'ApiGateway'}",
    )
    assert.equal(au.subject.kind, 'any-user')
    assert.deepEqual(au.location, { kind: 'compartment-id', name: 'ocid1.compartment.oc1..aaaa' })
    assert.match(au.condition ?? '', /ApiGateway/)
    const perms = parsed('Allow group A to {OBJECT_READ, OBJECT_INSPECT} in compartment finance')
    assert.equal(perms.verb, null)
    assert.deepEqual(perms.permissions, ['OBJECT_READ', 'OBJECT_INSPECT'])
    assert.equal(perms.resource, null)
  })

  test('cross-tenancy statements are recognized; nonsense is reported, not guessed', () => {
    assert.deepEqual(parseStatement('Define tenancy Acme as ocid1.tenancy.oc1..aaa'), {
      kind: 'other',
      keyword: 'define',
    })
    assert.equal(parseStatement('Endorse group X to manage buckets in tenancy Acme').kind, 'other')
    assert.equal(parseStatement('Allow group X to fly all-resources in tenancy').kind, 'unparsed')
    assert.equal(parseStatement('Permit everyone').kind, 'unparsed')
  })
})

describe('rules', () => {
  test('manage all-resources in tenancy is critical; the built-in Administrators policy is low', () => {
    assert.deepEqual(rules('Allow group Contractors to manage all-resources in tenancy'), [
      ['tenancy-admin', 'critical'],
    ])
    assert.deepEqual(rules('Allow group Administrators to manage all-resources in tenancy'), [
      ['tenancy-admin', 'low'],
    ])
  })

  test('manage on a family across the tenancy is high; scoped to a compartment it is fine', () => {
    assert.deepEqual(rules('Allow group Ops to manage instance-family in tenancy'), [
      ['manage-family-in-tenancy', 'high'],
    ])
    assert.deepEqual(
      rules('Allow group NetworkAdmins to manage virtual-network-family in compartment platform'),
      [],
    )
    assert.deepEqual(rules('Allow group Ops to read instance-family in tenancy'), [])
  })

  test('use/manage on all-resources in a compartment', () => {
    assert.deepEqual(rules('Allow group Dev to manage all-resources in compartment sandbox'), [
      ['broad-all-resources', 'high'],
    ])
    assert.deepEqual(rules('Allow group Dev to use all-resources in compartment sandbox'), [
      ['broad-all-resources', 'medium'],
    ])
    assert.deepEqual(rules('Allow group Dev to use all-resources in tenancy'), [
      ['broad-all-resources', 'high'],
    ])
    assert.deepEqual(rules('Allow dynamic-group McpFunctions to read all-resources in tenancy'), [])
  })

  test('any-user grants: high for use/manage, medium for read, low for inspect or with a condition', () => {
    assert.deepEqual(rules('Allow any-user to manage buckets in compartment finance'), [
      ['any-user-grant', 'high'],
    ])
    assert.deepEqual(rules('Allow any-group to read objects in compartment finance'), [
      ['any-user-grant', 'medium'],
    ])
    assert.deepEqual(rules('Allow any-user to inspect tenancies in tenancy'), [['any-user-grant', 'low']])
    assert.deepEqual(
      rules(
        "Allow any-user to use functions-family in compartment id ocid1.compartment.oc1..a where ALL {request.principal.type = 'ApiGateway'}",
      ),
      [['any-user-grant', 'low']],
    )
    assert.deepEqual(rules('Allow any-user to manage all-resources in tenancy'), [
      ['tenancy-admin', 'critical'],
      ['any-user-grant', 'high'],
    ])
  })

  test('sensitive families without a where condition', () => {
    assert.deepEqual(rules('Allow group Helpdesk to manage users in tenancy'), [
      ['sensitive-without-condition', 'medium'],
    ])
    assert.deepEqual(rules('Allow group App to read secret-family in compartment app'), [
      ['sensitive-without-condition', 'medium'],
    ])
    assert.deepEqual(
      rules("Allow group Helpdesk to use users in tenancy where target.group.name != 'Administrators'"),
      [],
    )
    assert.deepEqual(rules('Allow group App to read vaults in compartment app'), [])
  })
})

describe('analyzePolicies', () => {
  test('the seeded Contractors policy is the critical finding; unparsed statements are listed', () => {
    const policies = extraPolicies.map((p, i) => ({
      id: `ocid1.policy.oc1..p${i}`,
      name: p.name,
      compartmentId: p.compartmentId,
      statements: [...p.statements],
    }))
    policies.push({
      id: 'ocid1.policy.oc1..bad',
      name: 'broken',
      compartmentId: 'c',
      statements: ['Allow nothing'],
    })
    const r = analyzePolicies(policies)
    assert.equal(r.statements, 3)
    assert.equal(r.findings.length, 1)
    const [f] = r.findings
    assert.equal(f.policy_name, 'contractors-policy')
    assert.equal(f.severity, 'critical')
    assert.equal(f.rule, 'tenancy-admin')
    assert.match(f.statement, /Contractors .* manage all-resources in tenancy/)
    assert.match(f.explanation, /IAM/)
    assert.deepEqual(
      r.unparsed.map((u) => u.policy_name),
      ['broken'],
    )
  })

  test('findings come critical first', () => {
    const r = analyzePolicies([
      {
        id: 'p',
        name: 'mixed',
        compartmentId: 'c',
        statements: [
          'Allow group A to manage users in tenancy',
          'Allow group B to manage all-resources in tenancy',
          'Allow group C to manage instance-family in tenancy',
        ],
      },
    ])
    assert.deepEqual(
      r.findings.map((f) => f.severity),
      ['critical', 'high', 'medium'],
    )
  })
})
