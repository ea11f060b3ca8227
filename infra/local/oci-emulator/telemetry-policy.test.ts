// Who may read metrics, alarms, log content and usage: the policy rows of Monitoring, Logging and the Usage API.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import * as loggingsearch from 'oci-loggingsearch'
import * as monitoring from 'oci-monitoring'
import * as usageapi from 'oci-usageapi'
import { compartmentId, TENANCY_ID, users } from '../seed.ts'
import { PolicyEngine, type PolicyPrincipal } from './policy.ts'
import {
  ociError,
  sdkConfiguration,
  sessionKey,
  sessionTokenProvider,
  startTestEmulator,
  startTokenIssuer,
  type TestEmulator,
} from './testing.ts'

let emulator: TestEmulator
let issuer: Awaited<ReturnType<typeof startTokenIssuer>>
const bob = users.find((u) => u.groups.includes('FinanceReaders'))!
const prod = compartmentId('platformprod')

before(async () => {
  issuer = await startTokenIssuer()
  emulator = await startTestEmulator({ sessionTokenJwksUrl: issuer.jwksUrl })
})
after(async () => {
  await emulator.dispose()
  await issuer.close()
})

async function clientsFor(claims: Record<string, unknown>) {
  const key = sessionKey()
  const token = await issuer.sign({ ...claims, jwk: key.jwkClaim })
  const provider = sessionTokenProvider(token, key.privateKeyPem)
  type Config = { authenticationDetailsProvider: typeof provider }
  const make = <C extends { endpoint: string }>(
    Client: new (params: Config, config: ReturnType<typeof sdkConfiguration>) => C,
  ) => {
    const c = new Client({ authenticationDetailsProvider: provider }, sdkConfiguration())
    c.endpoint = emulator.url
    return c
  }
  return {
    monitoring: make(monitoring.MonitoringClient),
    logs: make(loggingsearch.LogSearchClient),
    usage: make(usageapi.UsageapiClient),
  }
}

const calls = (c: Awaited<ReturnType<typeof clientsFor>>) => ({
  metrics: () =>
    c.monitoring.summarizeMetricsData({
      compartmentId: prod,
      summarizeMetricsDataDetails: { namespace: 'oci_computeagent', query: 'CpuUtilization[1m].mean()' },
    }),
  alarms: () => c.monitoring.listAlarmsStatus({ compartmentId: prod }),
  logs: () =>
    c.logs.searchLogs({
      searchLogsDetails: {
        timeStart: new Date(Date.now() - 3_600_000),
        timeEnd: new Date(),
        searchQuery: `search "${prod}"`,
      },
    }),
  usage: () =>
    c.usage.requestSummarizedUsages({
      requestSummarizedUsagesDetails: {
        tenantId: TENANCY_ID,
        timeUsageStarted: new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 - 86_400_000),
        timeUsageEnded: new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000),
        granularity: usageapi.models.RequestSummarizedUsagesDetails.Granularity.Daily,
      },
    }),
})

describe('telemetry authorization', () => {
  it('refuses a FinanceReader metrics, alarms, log content and usage (404 NotAuthorizedOrNotFound)', async () => {
    const c = calls(await clientsFor({ sub: bob.ocid, ptype: 'user', tenant: TENANCY_ID }))
    for (const [name, call] of Object.entries(c)) {
      const e = await ociError(call())
      assert.equal(e.statusCode, 404, name)
      assert.equal(e.serviceCode, 'NotAuthorizedOrNotFound', name)
    }
  })

  it('lets the MCP functions (resource principals reading all-resources) read all four', async () => {
    const c = calls(
      await clientsFor({
        sub: 'ocid1.fnfunc.oc1.iad.aaaaaaaaobservability',
        ptype: 'resource',
        res_tenant: TENANCY_ID,
        res_compartment: compartmentId('platform'),
      }),
    )
    for (const call of Object.values(c)) await call()
  })
})

describe('policy rows', () => {
  const tree = {
    tenancyId: TENANCY_ID,
    parentOf: (id: string) => (id === TENANCY_ID ? undefined : TENANCY_ID),
    childByName: () => undefined,
  }
  const ops: PolicyPrincipal = { id: 'ocid1.user.oc1..ops', type: 'user', groups: ['Ops'], dynamicGroups: [] }
  const engine = (...statements: string[]) =>
    new PolicyEngine([{ compartmentId: TENANCY_ID, statements }], tree)

  it('reads metrics per namespace, alarms, log-content through logging-family, usage-report', () => {
    const p = engine(
      "Allow group Ops to read metrics in tenancy where target.metrics.namespace = 'oci_computeagent'",
      'Allow group Ops to inspect alarms in tenancy',
      'Allow group Ops to read logging-family in tenancy',
      'Allow group Ops to read usage-report in tenancy',
    )
    const need = (verb: 'inspect' | 'read', resourceType: string, variables?: Record<string, string>) =>
      p.isAllowed(ops, { verb, resourceType, compartmentId: TENANCY_ID, variables })
    assert.equal(need('read', 'metrics', { 'target.metrics.namespace': 'oci_computeagent' }), true)
    assert.equal(need('read', 'metrics', { 'target.metrics.namespace': 'oci_autonomous_database' }), false)
    assert.equal(need('inspect', 'alarms'), true)
    assert.equal(need('read', 'alarms'), false, 'GetAlarm needs read, not inspect')
    assert.equal(need('read', 'log-content'), true)
    assert.equal(need('read', 'usage-report'), true)
  })
})
