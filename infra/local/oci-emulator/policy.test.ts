// Unit tests of the policy language subset: parsing, verbs, families, inheritance, conditions, subjects.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { PolicySyntaxError } from './errors.ts'
import { type CompartmentTree, PolicyEngine, type PolicyPrincipal, parseStatement } from './policy.ts'
import { SEED_POLICIES } from './seed-state.ts'

const TENANCY = 'ocid1.tenancy.oc1..t'
// tenancy ─┬─ platform ─┬─ prod
//          │            └─ dev
//          └─ finance
const parents: Record<string, string> = {
  platform: TENANCY,
  prod: 'platform',
  dev: 'platform',
  finance: TENANCY,
}
const tree: CompartmentTree = {
  tenancyId: TENANCY,
  parentOf: (id) => (id === TENANCY ? undefined : parents[id]),
  childByName: (parent, name) => Object.keys(parents).find((id) => id === name && parents[id] === parent),
}

const user = (...groups: string[]): PolicyPrincipal => ({
  id: 'ocid1.user.oc1..u',
  type: 'user',
  groups,
  dynamicGroups: [],
})
const fn: PolicyPrincipal = {
  id: 'ocid1.fnfunc.oc1..f',
  type: 'resource',
  groups: [],
  dynamicGroups: ['McpFunctions'],
  compartmentId: 'platform',
}
const engine = (...statements: string[]) => new PolicyEngine([{ compartmentId: TENANCY, statements }], tree)

describe('parseStatement', () => {
  it('reads subject, verb, resource type, location and condition', () => {
    const s = parseStatement(
      "Allow group 'Default'/'Readers', Auditors to read objects in compartment platform:prod where target.bucket.name = 'logs'",
      TENANCY,
    )
    assert.deepEqual(s.subject, { kind: 'group', names: ['Readers', 'Auditors'] })
    assert.equal(s.verb, 'read')
    assert.equal(s.resourceType, 'objects')
    assert.deepEqual(s.location, { kind: 'path', path: ['platform', 'prod'] })
    assert.deepEqual(s.condition, {
      mode: 'all',
      clauses: [{ variable: 'target.bucket.name', negated: false, value: 'logs' }],
    })
  })

  it('is case-insensitive in keywords', () => {
    const s = parseStatement('ALLOW Dynamic-Group Fns TO Manage Object-Family IN Tenancy', TENANCY)
    assert.equal(s.subject.kind, 'dynamic-group')
    assert.equal(s.verb, 'manage')
    assert.equal(s.resourceType, 'object-family')
  })

  it('refuses unknown verbs, resource types and malformed text with ERR_POLICY_SYNTAX', () => {
    for (const text of [
      'Allow group A to own buckets in tenancy',
      'Allow group A to read bukkits in tenancy',
      'Deny group A to read buckets in tenancy',
      'Allow group A to read buckets in tenancy where target.bucket.name = ',
    ]) {
      assert.throws(
        () => parseStatement(text, TENANCY),
        (e: unknown) => e instanceof PolicySyntaxError && e.code === 'ERR_POLICY_SYNTAX',
        text,
      )
    }
  })

  it('parses every seeded statement', () => {
    assert.doesNotThrow(
      () =>
        new PolicyEngine(
          SEED_POLICIES.map((p) => ({ compartmentId: TENANCY, ...p })),
          tree,
        ),
    )
  })
})

describe('PolicyEngine.isAllowed', () => {
  it('orders verbs inspect < read < use < manage', () => {
    const e = engine('Allow group G to use objects in tenancy')
    assert.equal(
      e.isAllowed(user('G'), { verb: 'inspect', resourceType: 'objects', compartmentId: 'prod' }),
      true,
    )
    assert.equal(
      e.isAllowed(user('G'), { verb: 'read', resourceType: 'objects', compartmentId: 'prod' }),
      true,
    )
    assert.equal(
      e.isAllowed(user('G'), { verb: 'use', resourceType: 'objects', compartmentId: 'prod' }),
      true,
    )
    assert.equal(
      e.isAllowed(user('G'), { verb: 'manage', resourceType: 'objects', compartmentId: 'prod' }),
      false,
    )
  })

  it('expands families and all-resources, and nothing else', () => {
    const family = engine('Allow group G to read object-family in tenancy')
    assert.equal(
      family.isAllowed(user('G'), { verb: 'read', resourceType: 'buckets', compartmentId: 'dev' }),
      true,
    )
    assert.equal(
      family.isAllowed(user('G'), { verb: 'read', resourceType: 'compartments', compartmentId: 'dev' }),
      false,
    )
    const all = engine('Allow group G to inspect all-resources in tenancy')
    assert.equal(
      all.isAllowed(user('G'), { verb: 'inspect', resourceType: 'users', compartmentId: TENANCY }),
      true,
    )
  })

  it('lets a compartment statement cover its sub-compartments but not its parent or siblings', () => {
    const e = engine('Allow group G to manage buckets in compartment platform')
    const need = (compartmentId: string) => ({
      verb: 'manage' as const,
      resourceType: 'buckets',
      compartmentId,
    })
    assert.equal(e.isAllowed(user('G'), need('platform')), true)
    assert.equal(e.isAllowed(user('G'), need('prod')), true)
    assert.equal(e.isAllowed(user('G'), need(TENANCY)), false)
    assert.equal(e.isAllowed(user('G'), need('finance')), false)
    assert.equal(e.isAllowed(user('G'), need('ocid1.compartment.oc1..unknown')), false)
  })

  it('resolves nested paths and compartment ids', () => {
    const nested = engine('Allow group G to read buckets in compartment platform:dev')
    assert.equal(
      nested.isAllowed(user('G'), { verb: 'read', resourceType: 'buckets', compartmentId: 'dev' }),
      true,
    )
    assert.equal(
      nested.isAllowed(user('G'), { verb: 'read', resourceType: 'buckets', compartmentId: 'prod' }),
      false,
    )
    const byId = engine('Allow group G to read buckets in compartment id finance')
    assert.equal(
      byId.isAllowed(user('G'), { verb: 'read', resourceType: 'buckets', compartmentId: 'finance' }),
      true,
    )
    const missing = engine('Allow group G to read buckets in compartment nowhere')
    assert.equal(
      missing.isAllowed(user('G'), { verb: 'read', resourceType: 'buckets', compartmentId: 'finance' }),
      false,
    )
  })

  it('matches subjects: groups (case-insensitive), dynamic groups, any-user', () => {
    const e = engine('Allow group platformadmins to read buckets in tenancy')
    const need = { verb: 'read' as const, resourceType: 'buckets', compartmentId: 'prod' }
    assert.equal(e.isAllowed(user('PlatformAdmins'), need), true)
    assert.equal(e.isAllowed(user('FinanceReaders'), need), false)
    assert.equal(e.isAllowed(fn, need), false)
    assert.equal(
      engine('Allow dynamic-group McpFunctions to read buckets in tenancy').isAllowed(fn, need),
      true,
    )
    assert.equal(engine('Allow any-user to read buckets in tenancy').isAllowed(fn, need), true)
  })

  it('evaluates where clauses; a variable the request lacks makes the clause false', () => {
    const e = engine(
      "Allow dynamic-group McpFunctions to manage objects in tenancy where any {target.bucket.name = 'events-results', target.bucket.name = '/scratch-*/'}",
    )
    const need = (bucket?: string) => ({
      verb: 'manage' as const,
      resourceType: 'objects',
      compartmentId: 'prod',
      variables: bucket ? { 'target.bucket.name': bucket } : undefined,
    })
    assert.equal(e.isAllowed(fn, need('events-results')), true)
    assert.equal(e.isAllowed(fn, need('scratch-42')), true)
    assert.equal(e.isAllowed(fn, need('platform-config')), false)
    assert.equal(e.isAllowed(fn, need()), false)
    const negated = engine(
      "Allow any-user to read buckets in tenancy where request.principal.type != 'resource'",
    )
    assert.equal(
      negated.isAllowed(fn, { verb: 'read', resourceType: 'buckets', compartmentId: 'prod' }),
      false,
    )
    assert.equal(
      negated.isAllowed(user(), { verb: 'read', resourceType: 'buckets', compartmentId: 'prod' }),
      true,
    )
  })

  it('resolves paths relative to the compartment the policy is attached to', () => {
    const e = new PolicyEngine(
      [{ compartmentId: 'platform', statements: ['Allow group G to read buckets in compartment prod'] }],
      tree,
    )
    assert.equal(
      e.isAllowed(user('G'), { verb: 'read', resourceType: 'buckets', compartmentId: 'prod' }),
      true,
    )
  })
})

describe('PolicyEngine.hasAnyAccess', () => {
  it('sees a compartment when something is granted in it, above it or below it', () => {
    const e = engine('Allow group G to read objects in compartment platform:prod')
    assert.equal(e.hasAnyAccess(user('G'), 'prod'), true)
    assert.equal(e.hasAnyAccess(user('G'), 'platform'), true)
    assert.equal(e.hasAnyAccess(user('G'), 'dev'), false)
    assert.equal(e.hasAnyAccess(user('G'), 'finance'), false)
    assert.equal(e.hasAnyAccess(user('Other'), 'prod'), false)
  })
})
