// Identity through the real IdentityClient: tenancy, compartments (paged), regions, users, groups, policies.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import * as identity from 'oci-identity'
import {
  compartmentId,
  compartments,
  extraPolicies,
  operator,
  subscribedRegions,
  TENANCY_ID,
} from '../seed.ts'
import { SEED_POLICIES } from './seed-state.ts'
import {
  identityClient,
  ociError,
  operatorProvider,
  startTestEmulator,
  type TestEmulator,
} from './testing.ts'

let emulator: TestEmulator
let client: identity.IdentityClient

before(async () => {
  emulator = await startTestEmulator()
  client = identityClient(emulator.url, operatorProvider(emulator))
})
after(() => emulator.dispose())

describe('identity', () => {
  it('gets the tenancy and refuses another one with 404 NotAuthorizedOrNotFound', async () => {
    const res = await client.getTenancy({ tenancyId: TENANCY_ID })
    assert.equal(res.tenancy.id, TENANCY_ID)
    assert.equal(res.tenancy.homeRegionKey, 'IAD')
    const other = await ociError(client.getTenancy({ tenancyId: 'ocid1.tenancy.oc1..aaaaaaaaother' }))
    assert.equal(other.statusCode, 404)
    assert.equal(other.serviceCode, 'NotAuthorizedOrNotFound')
    assert.equal(other.message, 'Authorization failed or requested resource not found.')
  })

  it('pages through the whole compartment tree with opc-next-page', async () => {
    const seen: identity.models.Compartment[] = []
    let page: string | undefined
    let calls = 0
    do {
      const res = await client.listCompartments({
        compartmentId: TENANCY_ID,
        compartmentIdInSubtree: true,
        limit: 2,
        page,
      })
      seen.push(...res.items)
      page = res.opcNextPage
      calls++
    } while (page)
    assert.equal(calls, 3)
    assert.deepEqual(seen.map((c) => c.id).sort(), compartments.map((c) => c.id).sort())
    assert.ok(seen.every((c) => c.lifecycleState === 'ACTIVE' && c.isAccessible === true))
  })

  it('lists direct children only without compartmentIdInSubtree, and filters by name', async () => {
    const children = await client.listCompartments({ compartmentId: compartmentId('platform') })
    assert.deepEqual(children.items.map((c) => c.name).sort(), ['dev', 'prod'])
    const named = await client.listCompartments({ compartmentId: TENANCY_ID, name: 'finance' })
    assert.deepEqual(
      named.items.map((c) => c.id),
      [compartmentId('finance')],
    )
    const sorted = await client.listCompartments({
      compartmentId: TENANCY_ID,
      compartmentIdInSubtree: true,
      sortBy: identity.requests.ListCompartmentsRequest.SortBy.Name,
    })
    assert.deepEqual(
      sorted.items.map((c) => c.name),
      ['dev', 'finance', 'platform', 'prod', 'sandbox'],
    )
  })

  it('validates ListCompartments parameters', async () => {
    const subtree = await ociError(
      client.listCompartments({ compartmentId: compartmentId('platform'), compartmentIdInSubtree: true }),
    )
    assert.equal(subtree.statusCode, 400)
    assert.equal(subtree.serviceCode, 'InvalidParameter')
    const unknown = await ociError(
      client.listCompartments({ compartmentId: 'ocid1.compartment.oc1..aaaaaaaanope' }),
    )
    assert.equal(unknown.statusCode, 404)
    assert.equal(unknown.serviceCode, 'NotAuthorizedOrNotFound')
  })

  it('gets a compartment, including the root', async () => {
    const prod = await client.getCompartment({ compartmentId: compartmentId('platformprod') })
    assert.equal(prod.compartment.compartmentId, compartmentId('platform'))
    const root = await client.getCompartment({ compartmentId: TENANCY_ID })
    assert.equal(root.compartment.id, TENANCY_ID)
  })

  it('lists region subscriptions and regions', async () => {
    const subs = await client.listRegionSubscriptions({ tenancyId: TENANCY_ID })
    assert.deepEqual(
      subs.items.map((r) => [r.regionName, r.isHomeRegion]),
      subscribedRegions.map((r) => [r.regionName, r.isHomeRegion]),
    )
    const regions = await client.listRegions({})
    assert.ok(regions.items.some((r) => r.key === 'IAD' && r.name === 'us-ashburn-1'))
  })

  it('gets and lists users and groups, and lists the seeded policies', async () => {
    const me = await client.getUser({ userId: operator.ocid })
    assert.equal(me.user.name, operator.name)
    assert.equal(me.user.lifecycleState, 'ACTIVE')
    const usersList = await client.listUsers({ compartmentId: TENANCY_ID })
    assert.ok(usersList.items.some((u) => u.id === operator.ocid))
    const groups = await client.listGroups({ compartmentId: TENANCY_ID })
    assert.deepEqual(groups.items.map((g) => g.name).sort(), [
      'Contractors',
      'FinanceReaders',
      'NetworkAdmins',
      'PlatformAdmins',
    ])
    const policies = await client.listPolicies({ compartmentId: TENANCY_ID })
    assert.deepEqual(
      policies.items.flatMap((p) => p.statements),
      [...SEED_POLICIES, ...extraPolicies].flatMap((p) => p.statements),
    )
    const elsewhere = await client.listPolicies({ compartmentId: compartmentId('finance') })
    assert.deepEqual(elsewhere.items, [])
  })
})
