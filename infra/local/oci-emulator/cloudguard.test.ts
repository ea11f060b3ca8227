// Cloud Guard through the real CloudGuardClient: the seeded problems, their filters, subtree listing and policy.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import * as cloudguard from 'oci-cloudguard'
import { cloudGuardProblems, compartmentId, TENANCY_ID, users } from '../seed.ts'
import { ids } from './seed-infra.ts'
import {
  ociError,
  operatorProvider,
  sdkClient,
  sessionKey,
  sessionTokenProvider,
  startTestEmulator,
  startTokenIssuer,
  type TestEmulator,
} from './testing.ts'

let emulator: TestEmulator
let issuer: Awaited<ReturnType<typeof startTokenIssuer>>
let cg: cloudguard.CloudGuardClient

before(async () => {
  issuer = await startTokenIssuer()
  emulator = await startTestEmulator({ sessionTokenJwksUrl: issuer.jwksUrl })
  cg = sdkClient(cloudguard.CloudGuardClient, emulator.url, operatorProvider(emulator))
})
after(async () => {
  await emulator.dispose()
  await issuer.close()
})

const rules = (items: cloudguard.models.ProblemSummary[]) => items.map((p) => p.detectorRuleId).sort()

describe('cloud guard problems', () => {
  it('lists every seeded problem from the tenancy with compartmentIdInSubtree, paged', async () => {
    const first = await cg.listProblems({ compartmentId: TENANCY_ID, compartmentIdInSubtree: true, limit: 2 })
    assert.equal(first.problemCollection.items.length, 2)
    assert.ok(first.opcNextPage)
    const rest = await cg.listProblems({
      compartmentId: TENANCY_ID,
      compartmentIdInSubtree: true,
      limit: 2,
      page: first.opcNextPage,
    })
    assert.equal(rest.opcNextPage, undefined)
    const all = [...first.problemCollection.items, ...rest.problemCollection.items]
    assert.deepEqual(rules(all), cloudGuardProblems.map((p) => p.rule).sort())
    assert.ok(all.every((p) => p.lifecycleState === 'ACTIVE' && p.lifecycleDetail === 'OPEN'))
    const onlyRoot = await cg.listProblems({ compartmentId: TENANCY_ID })
    assert.deepEqual(rules(onlyRoot.problemCollection.items), ['USER_WITHOUT_MFA'])
    const platform = await cg.listProblems({
      compartmentId: compartmentId('platform'),
      compartmentIdInSubtree: true,
    })
    assert.deepEqual(rules(platform.problemCollection.items), [
      'BUCKET_IS_PUBLIC',
      'SECURITY_LIST_OPEN_SOURCE',
    ])
  })

  it('filters by risk level and lifecycle state and sorts by risk', async () => {
    const critical = await cg.listProblems({
      compartmentId: TENANCY_ID,
      compartmentIdInSubtree: true,
      riskLevel: 'CRITICAL',
    })
    assert.deepEqual(
      critical.problemCollection.items.map((p) => p.resourceName),
      ['app-logs'],
    )
    const inactive = await cg.listProblems({
      compartmentId: TENANCY_ID,
      compartmentIdInSubtree: true,
      lifecycleState: cloudguard.models.ProblemLifecycleState.Inactive,
    })
    assert.deepEqual(inactive.problemCollection.items, [])
    const sorted = await cg.listProblems({
      compartmentId: TENANCY_ID,
      compartmentIdInSubtree: true,
      sortBy: cloudguard.requests.ListProblemsRequest.SortBy.RiskLevel,
      sortOrder: cloudguard.models.SortOrders.Desc,
    })
    assert.deepEqual(
      sorted.problemCollection.items.map((p) => p.riskLevel),
      ['CRITICAL', 'HIGH', 'MEDIUM'],
    )
    const recent = await cg.listProblems({
      compartmentId: TENANCY_ID,
      compartmentIdInSubtree: true,
      timeLastDetectedGreaterThanOrEqualTo: new Date(Date.now() - 24 * 3600_000),
    })
    assert.equal(recent.problemCollection.items.length, cloudGuardProblems.length)
  })

  it('gets a problem with its resource, description and recommendation', async () => {
    const { problem } = await cg.getProblem({ problemId: ids.problem('sshopen') })
    assert.equal(problem.detectorRuleId, 'SECURITY_LIST_OPEN_SOURCE')
    assert.equal(problem.riskLevel, 'HIGH')
    assert.equal(problem.resourceId, ids.securityList('public'))
    assert.equal(problem.resourceName, 'public-subnet security list')
    assert.equal(problem.detectorId, 'IAAS_CONFIGURATION_DETECTOR')
    assert.ok(problem.recommendation)
    const mfa = await cg.getProblem({ problemId: ids.problem('mfa') })
    assert.equal(mfa.problem.resourceId, users.find((u) => u.userName === 'bob@example.com')!.ocid)
    const unknown = await ociError(cg.getProblem({ problemId: ids.problem('nothing') }))
    assert.equal(unknown.statusCode, 404)
    assert.equal(unknown.serviceCode, 'NotAuthorizedOrNotFound')
  })

  it('validates parameters', async () => {
    const missing = await ociError(cg.listProblems({} as cloudguard.requests.ListProblemsRequest))
    assert.equal(missing.statusCode, 400)
    assert.equal(missing.serviceCode, 'MissingParameter')
    const badRisk = await ociError(cg.listProblems({ compartmentId: TENANCY_ID, riskLevel: 'SCARY' }))
    assert.equal(badRisk.serviceCode, 'InvalidParameter')
  })

  it('hides problems from a user without Cloud Guard permissions', async () => {
    const bob = users.find((u) => u.groups.includes('FinanceReaders'))!
    const key = sessionKey()
    const token = await issuer.sign({ sub: bob.ocid, ptype: 'user', tenant: TENANCY_ID, jwk: key.jwkClaim })
    const asBob = sdkClient(
      cloudguard.CloudGuardClient,
      emulator.url,
      sessionTokenProvider(token, key.privateKeyPem),
    )
    const list = await ociError(
      asBob.listProblems({ compartmentId: TENANCY_ID, compartmentIdInSubtree: true }),
    )
    assert.equal(list.statusCode, 404)
    const get = await ociError(asBob.getProblem({ problemId: ids.problem('bucketpublic') }))
    assert.equal(get.serviceCode, 'NotAuthorizedOrNotFound')
  })
})
