// Compute and Networking through the real ComputeClient and VirtualNetworkClient: paging, the VNIC chain, power actions, policy.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { AuthParams, ClientConfiguration } from 'oci-common'
import * as core from 'oci-core'
import { compartmentId, generatedDevInstances, instances, network, TENANCY_ID, users } from '../seed.ts'
import { devBuildName, ids, isDevBuildStopped } from './seed-infra.ts'
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
let compute: core.ComputeClient
let vcn: core.VirtualNetworkClient

const prod = compartmentId('platformprod')
const dev = compartmentId('platformdev')
const platform = compartmentId('platform')

before(async () => {
  issuer = await startTokenIssuer()
  emulator = await startTestEmulator({ sessionTokenJwksUrl: issuer.jwksUrl })
  compute = sdkClient(core.ComputeClient, emulator.url, operatorProvider(emulator))
  vcn = sdkClient(core.VirtualNetworkClient, emulator.url, operatorProvider(emulator))
})
after(async () => {
  await emulator.dispose()
  await issuer.close()
})

async function allInstances(request: core.requests.ListInstancesRequest) {
  const seen: core.models.Instance[] = []
  let page: string | undefined
  let calls = 0
  do {
    const res = await compute.listInstances({ ...request, page })
    seen.push(...res.items)
    page = res.opcNextPage
    calls++
  } while (page)
  return { seen, calls }
}

/** A UPST-signed client for a seeded user, as the token exchange would produce. */
async function asUser<C extends { endpoint: string }>(
  Client: new (params: AuthParams, config?: ClientConfiguration) => C,
  userOcid: string,
) {
  const key = sessionKey()
  const token = await issuer.sign({ sub: userOcid, ptype: 'user', tenant: TENANCY_ID, jwk: key.jwkClaim })
  return sdkClient(Client, emulator.url, sessionTokenProvider(token, key.privateKeyPem))
}

describe('compute instances', () => {
  it('pages through every instance of each compartment with opc-next-page', async () => {
    const inDev = await allInstances({ compartmentId: dev, limit: 7 })
    const seededDev = instances.filter((i) => i.compartmentId === dev)
    assert.equal(inDev.seen.length, seededDev.length + generatedDevInstances)
    assert.equal(inDev.calls, Math.ceil(inDev.seen.length / 7))
    assert.equal(new Set(inDev.seen.map((i) => i.id)).size, inDev.seen.length, 'no instance twice')
    assert.ok(inDev.seen.every((i) => i.compartmentId === dev))
    const inProd = await allInstances({ compartmentId: prod, limit: 3 })
    assert.deepEqual(
      inProd.seen.map((i) => i.displayName),
      instances.filter((i) => i.compartmentId === prod).map((i) => i.displayName),
    )
    assert.equal(inDev.seen.length + inProd.seen.length, instances.length + generatedDevInstances)
    const elsewhere = await compute.listInstances({ compartmentId: compartmentId('finance') })
    assert.deepEqual(elsewhere.items, [])
    assert.equal(elsewhere.opcNextPage, undefined)
  })

  it('filters by lifecycle state and display name, and sorts', async () => {
    const stopped = await allInstances({ compartmentId: dev, lifecycleState: 'STOPPED', limit: 50 })
    let expected = instances.filter((i) => i.compartmentId === dev && i.lifecycleState === 'STOPPED').length
    for (let n = 1; n <= generatedDevInstances; n++) if (isDevBuildStopped(n)) expected++
    assert.equal(stopped.seen.length, expected)
    assert.ok(stopped.seen.every((i) => i.lifecycleState === 'STOPPED'))
    const named = await compute.listInstances({ compartmentId: dev, displayName: devBuildName(7) })
    assert.deepEqual(
      named.items.map((i) => i.id),
      [ids.instance(devBuildName(7))],
    )
    const sorted = await compute.listInstances({
      compartmentId: dev,
      sortBy: core.requests.ListInstancesRequest.SortBy.Displayname,
      limit: 3,
    })
    assert.deepEqual(
      sorted.items.map((i) => i.displayName),
      [1, 2, 3].map(devBuildName),
    )
    const newest = await compute.listInstances({
      compartmentId: dev,
      sortBy: core.requests.ListInstancesRequest.SortBy.Timecreated,
      limit: 1,
    })
    assert.equal(newest.items[0].displayName, devBuildName(generatedDevInstances), 'TIMECREATED is DESC')
  })

  it('validates list parameters as OCI does', async () => {
    const badState = await ociError(compute.listInstances({ compartmentId: dev, lifecycleState: 'ASLEEP' }))
    assert.equal(badState.statusCode, 400)
    assert.equal(badState.serviceCode, 'InvalidParameter')
    const missing = await ociError(compute.listInstances({} as unknown as core.requests.ListInstancesRequest))
    assert.equal(missing.statusCode, 400)
    assert.equal(missing.serviceCode, 'MissingParameter')
    const badLimit = await ociError(compute.listInstances({ compartmentId: dev, limit: 5000 }))
    assert.equal(badLimit.serviceCode, 'InvalidParameter')
    const badPage = await ociError(compute.listInstances({ compartmentId: dev, page: 'not-a-token' }))
    assert.equal(badPage.serviceCode, 'InvalidParameter')
    const unknown = await ociError(compute.listInstances({ compartmentId: 'ocid1.compartment.oc1..nope' }))
    assert.equal(unknown.statusCode, 404)
    assert.equal(unknown.serviceCode, 'NotAuthorizedOrNotFound')
  })

  it('gets an instance with its etag, and answers an unknown one the way Core does', async () => {
    const seeded = instances.find((i) => i.displayName === 'batch-worker-1')!
    const res = await compute.getInstance({ instanceId: seeded.id })
    assert.equal(res.instance.displayName, 'batch-worker-1')
    assert.equal(res.instance.shape, seeded.shape)
    assert.equal(res.instance.shapeConfig?.ocpus, seeded.ocpus)
    assert.equal(res.instance.shapeConfig?.memoryInGBs, seeded.memoryInGBs)
    assert.equal(res.instance.region, 'iad')
    assert.ok(res.etag)
    const image = await compute.getImage({ imageId: res.instance.imageId! })
    assert.equal(image.image.operatingSystem, 'Oracle Linux')
    const unknownId = instances[0].id.replace('web1', 'gone')
    const missing = await ociError(compute.getInstance({ instanceId: unknownId }))
    assert.equal(missing.statusCode, 404)
    assert.equal(missing.serviceCode, 'NotAuthorizedOrNotFound')
    assert.equal(missing.message, `instance ${unknownId} not found`)
  })

  it('follows instance → VNIC attachment → VNIC → private IP to the seeded addresses', async () => {
    for (const seeded of instances) {
      const attachments = await compute.listVnicAttachments({
        compartmentId: seeded.compartmentId,
        instanceId: seeded.id,
      })
      assert.equal(attachments.items.length, 1, seeded.displayName)
      const [attachment] = attachments.items
      assert.equal(attachment.lifecycleState, 'ATTACHED')
      assert.equal(attachment.subnetId, ids.subnet(seeded.subnet))
      const { vnic } = await vcn.getVnic({ vnicId: attachment.vnicId! })
      assert.equal(vnic.privateIp, seeded.privateIp, seeded.displayName)
      assert.equal(vnic.publicIp, seeded.publicIp, seeded.displayName)
      assert.equal(vnic.isPrimary, true)
      assert.deepEqual(vnic.nsgIds, (seeded.nsgs ?? []).map(ids.networkSecurityGroup))
      const ips = await vcn.listPrivateIps({ vnicId: vnic.id })
      assert.deepEqual(
        ips.items.map((ip) => ip.ipAddress),
        [seeded.privateIp],
      )
    }
    const bySubnet = await vcn.listPrivateIps({ subnetId: ids.subnet('public'), ipAddress: '10.0.1.20' })
    assert.equal(bySubnet.items[0].vnicId, ids.vnic('batch-worker-1'))
    const unanchored = await ociError(vcn.listPrivateIps({}))
    assert.equal(unanchored.serviceCode, 'MissingParameter')
  })

  it('starts, stops and resets with the right transitions, and refuses actions that do not fit with 409', async () => {
    const web2 = ids.instance('web-2')
    const stop = await compute.instanceAction({ instanceId: web2, action: 'STOP' })
    assert.equal(stop.instance.lifecycleState, 'STOPPING')
    const stopped = await compute.getInstance({ instanceId: web2 })
    assert.equal(stopped.instance.lifecycleState, 'STOPPED')
    const again = await ociError(compute.instanceAction({ instanceId: web2, action: 'SOFTSTOP' }))
    assert.equal(again.statusCode, 409)
    assert.equal(again.serviceCode, 'IncorrectState')
    const reset = await ociError(compute.instanceAction({ instanceId: web2, action: 'RESET' }))
    assert.equal(reset.serviceCode, 'IncorrectState')
    const start = await compute.instanceAction({ instanceId: web2, action: 'START' })
    assert.equal(start.instance.lifecycleState, 'STARTING')
    const running = await compute.getInstance({ instanceId: web2 })
    assert.equal(running.instance.lifecycleState, 'RUNNING')
    const startAgain = await ociError(compute.instanceAction({ instanceId: web2, action: 'START' }))
    assert.equal(startAgain.serviceCode, 'IncorrectState')
    const softreset = await compute.instanceAction({ instanceId: web2, action: 'SOFTRESET' })
    assert.equal(softreset.instance.lifecycleState, 'RUNNING')
    const stale = await ociError(
      compute.instanceAction({ instanceId: web2, action: 'RESET', ifMatch: stopped.etag }),
    )
    assert.equal(stale.statusCode, 412, 'the etag changed with the state')
    assert.equal(stale.serviceCode, 'NoEtagMatch')
    const ok = await compute.instanceAction({ instanceId: web2, action: 'RESET', ifMatch: running.etag })
    assert.equal(ok.instance.lifecycleState, 'RUNNING')
    const bogus = await ociError(compute.instanceAction({ instanceId: web2, action: 'EXPLODE' }))
    assert.equal(bogus.statusCode, 400)
    assert.equal(bogus.serviceCode, 'InvalidParameter')
  })

  it('lists shapes and platform images, filtered by image compatibility', async () => {
    const shapes = await compute.listShapes({ compartmentId: prod })
    for (const i of instances)
      assert.ok(
        shapes.items.some((s) => s.shape === i.shape),
        i.shape,
      )
    const arm = await compute.listImages({ compartmentId: prod, shape: 'VM.Standard.A1.Flex' })
    assert.ok(arm.items.length > 0 && arm.items.every((i) => i.displayName?.includes('aarch64')))
    const forArm = await compute.listShapes({ compartmentId: prod, imageId: arm.items[0].id })
    assert.deepEqual(
      forArm.items.map((s) => s.shape),
      ['VM.Standard.A1.Flex'],
    )
    const linux = await compute.listImages({ compartmentId: prod, operatingSystem: 'Oracle Linux', limit: 2 })
    assert.equal(linux.items.length, 2)
    assert.ok(linux.opcNextPage)
  })
})

describe('virtual network', () => {
  it('serves the VCN, its subnets and route tables as the seed describes them', async () => {
    const vcns = await vcn.listVcns({ compartmentId: platform })
    assert.deepEqual(
      vcns.items.map((v) => [v.displayName, v.cidrBlock]),
      [[network.vcn.displayName, network.vcn.cidr]],
    )
    const got = await vcn.getVcn({ vcnId: vcns.items[0].id })
    assert.equal(got.vcn.defaultSecurityListId, ids.securityList('default'))
    const subnets = await vcn.listSubnets({ compartmentId: platform, vcnId: vcns.items[0].id })
    assert.deepEqual(
      subnets.items.map((s) => [s.displayName, s.cidrBlock, !s.prohibitPublicIpOnVnic]),
      network.subnets.map((s) => [s.displayName, s.cidr, s.public]),
    )
    const tables = await vcn.listRouteTables({ compartmentId: platform })
    const publicRt = tables.items.find((t) => t.id === subnets.items[0].routeTableId)!
    assert.equal(publicRt.routeRules[0].destination, '0.0.0.0/0')
    assert.equal(publicRt.routeRules[0].networkEntityId, ids.internetGateway)
  })

  it('has exactly the seeded ingress rules on the public subnet security list and the web NSG', async () => {
    const { subnet } = await vcn.getSubnet({ subnetId: ids.subnet('public') })
    const { securityList } = await vcn.getSecurityList({ securityListId: subnet.securityListIds![0] })
    assert.deepEqual(
      securityList.ingressSecurityRules.map((r) => ({
        protocol: r.protocol,
        source: r.source,
        port: r.tcpOptions?.destinationPortRange?.min,
      })),
      network.publicIngress,
    )
    assert.ok(
      securityList.ingressSecurityRules.every(
        (r) => r.tcpOptions?.destinationPortRange?.min === r.tcpOptions?.destinationPortRange?.max,
      ),
    )
    const lists = await vcn.listSecurityLists({
      compartmentId: platform,
      displayName: securityList.displayName,
    })
    assert.deepEqual(
      lists.items.map((l) => l.id),
      [securityList.id],
    )
    const nsgs = await vcn.listNetworkSecurityGroups({ compartmentId: platform })
    const web = nsgs.items.find((n) => n.displayName === 'web')!
    const byVcn = await vcn.listNetworkSecurityGroups({ vcnId: ids.vcn })
    assert.deepEqual(
      byVcn.items.map((n) => n.id),
      [web.id],
    )
    const rules = await vcn.listNetworkSecurityGroupSecurityRules({
      networkSecurityGroupId: web.id,
      direction: core.requests.ListNetworkSecurityGroupSecurityRulesRequest.Direction.Ingress,
    })
    assert.deepEqual(
      rules.items.map((r) => ({
        protocol: r.protocol,
        source: r.source,
        port: r.tcpOptions?.destinationPortRange?.min,
      })),
      network.webNsgIngress,
    )
    const egress = await vcn.listNetworkSecurityGroupSecurityRules({
      networkSecurityGroupId: web.id,
      direction: core.requests.ListNetworkSecurityGroupSecurityRulesRequest.Direction.Egress,
    })
    assert.deepEqual(
      egress.items.map((r) => r.destination),
      ['0.0.0.0/0'],
    )
  })
})

describe('policy on compute and network', () => {
  const bob = users.find((u) => u.groups.includes('FinanceReaders'))!

  it('hides platform/prod from a FinanceReaders user: 404 as for an unknown instance', async () => {
    const bobCompute = await asUser(core.ComputeClient, bob.ocid)
    const web1 = ids.instance('web-1')
    const denied = await ociError(bobCompute.getInstance({ instanceId: web1 }))
    assert.equal(denied.statusCode, 404)
    assert.equal(denied.serviceCode, 'NotAuthorizedOrNotFound')
    assert.equal(denied.message, `instance ${web1} not found`)
    const action = await ociError(bobCompute.instanceAction({ instanceId: web1, action: 'STOP' }))
    assert.equal(action.statusCode, 404)
    const list = await ociError(bobCompute.listInstances({ compartmentId: prod }))
    assert.equal(list.serviceCode, 'NotAuthorizedOrNotFound')
    const bobNet = await asUser(core.VirtualNetworkClient, bob.ocid)
    const sl = await ociError(bobNet.getSecurityList({ securityListId: ids.securityList('public') }))
    assert.equal(sl.statusCode, 404)
    assert.equal((await compute.getInstance({ instanceId: web1 })).instance.lifecycleState, 'RUNNING')
  })

  it('lets a resource principal with `read all-resources` read instances but not power them', async () => {
    const key = sessionKey()
    const token = await issuer.sign({
      sub: 'ocid1.fnfunc.oc1.iad.aaaaaaaaexamplefunction',
      ptype: 'resource',
      res_tenant: TENANCY_ID,
      res_compartment: platform,
      jwk: key.jwkClaim,
    })
    const fn = sdkClient(core.ComputeClient, emulator.url, sessionTokenProvider(token, key.privateKeyPem))
    const web1 = ids.instance('web-1')
    assert.equal((await fn.getInstance({ instanceId: web1 })).instance.displayName, 'web-1')
    const attachments = await fn.listVnicAttachments({ compartmentId: prod, instanceId: web1 })
    assert.equal(attachments.items.length, 1)
    const stop = await ociError(fn.instanceAction({ instanceId: web1, action: 'STOP' }))
    assert.equal(stop.statusCode, 404, 'INSTANCE_POWER_ACTIONS needs `use instances`')
  })
})

describe('compute persistence', () => {
  it('keeps an instance state change across a restart and does not seed twice', async () => {
    const first = await startTestEmulator()
    const dataDir = first.dataDir
    try {
      const c1 = sdkClient(core.ComputeClient, first.url, operatorProvider(first))
      await c1.instanceAction({ instanceId: ids.instance('app-db-1'), action: 'STOP' })
      await first.close()
      const second = await startTestEmulator({ dataDir })
      try {
        const c2 = sdkClient(core.ComputeClient, second.url, operatorProvider(second))
        const got = await c2.getInstance({ instanceId: ids.instance('app-db-1') })
        assert.equal(got.instance.lifecycleState, 'STOPPED')
        const inProd = await c2.listInstances({ compartmentId: prod })
        assert.equal(inProd.items.length, instances.filter((i) => i.compartmentId === prod).length)
      } finally {
        await second.dispose()
      }
    } finally {
      await first.dispose().catch(() => {})
    }
  })
})
