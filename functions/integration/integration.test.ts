// The integration tools against the Oracle Integration stand-in, with their own token from a local identity
// domain; a recording proxy in front of OIC shows which Authorization each request really carried.
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import {
  decodePayload,
  passwordToken,
  startTestDomain,
  type TestDomain,
} from '../../infra/local/identity-domain/testing.ts'
import { type OicStandIn, startOicStandIn } from '../../infra/local/oic/index.ts'
import { oicIntegrations } from '../../infra/local/seed.ts'
import { errorCode, ok } from '../../test/support/results.ts'
import { harness, testCaller } from '../../test/support/tool-harness.ts'
import { setAuditSink } from '../core/audit.ts'
import type { Caller } from '../core/caller.ts'
import { isMcpFunctionsError } from '../core/errors.ts'
import * as specs from './catalog.ts'
import { implementation } from './implementation.ts'
import { tokenRequestCount } from './oic-token.ts'

const AUDIENCE = 'https://oic-test.integration.us-ashburn-1.ocp.oraclecloud.com:443'
const INSTANCE = 'oic-test-instance'

let domain: TestDomain
let oic: OicStandIn
let proxyUrl = ''
let closeProxy: () => Promise<void>
/** Authorization header of every request that reached OIC through the proxy. */
const seenAuthorization: string[] = []
let env: NodeJS.ProcessEnv
let alice: Caller

/** Forwards to the stand-in and records the Authorization header. */
async function startProxy(target: string) {
  const server = createServer(async (req, res) => {
    seenAuthorization.push(req.headers.authorization ?? '')
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const upstream = await fetch(`${target}${req.url}`, {
      method: req.method,
      headers: Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k)),
      ) as Record<string, string>,
      body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
    })
    const body = Buffer.from(await upstream.arrayBuffer())
    res.writeHead(upstream.status, Object.fromEntries(upstream.headers))
    res.end(body)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  proxyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  closeProxy = () =>
    new Promise<void>((r) => {
      server.close(() => r())
      server.closeAllConnections()
    })
}

before(async () => {
  setAuditSink(() => {})
  domain = await startTestDomain({ audience: AUDIENCE })
  oic = await startOicStandIn({
    port: 0,
    tokenIssuer: { jwksUrl: domain.domain.jwksUrl, issuer: domain.domain.issuer, audience: AUDIENCE },
    integrationInstance: INSTANCE,
  })
  await startProxy(oic.url)
  env = {
    OIC_INSTANCE_URL: proxyUrl,
    OIC_INTEGRATION_INSTANCE: INSTANCE,
    OIC_TOKEN_URL: domain.domain.tokenUrl,
    OIC_CLIENT_ID: domain.domain.devClient.clientId,
    OIC_CLIENT_SECRET: domain.domain.devClient.clientSecret,
    // IDCS resource scopes are requested with the audience in front; the local domain grants only oci-mcp.* ones.
    OIC_SCOPE: `${AUDIENCE}oci-mcp.read`,
    MCP_ENABLE_MUTATIONS: 'true',
  }
  // A real token of the same domain and audience: OIC would accept it, so forwarding it would be visible.
  alice = { ...testCaller(), token: await passwordToken(domain.domain, 'alice@example.com') }
})

after(async () => {
  await closeProxy?.()
  await oic?.close()
  await domain?.dispose()
})

const oicTools = (overrides: NodeJS.ProcessEnv = {}, caller: Caller = alice) =>
  harness(implementation, { ...env, ...overrides }, caller)

const sum = (key: 'received' | 'errored') => oicIntegrations.reduce((s, i) => s + i[key], 0)

describe('summary and metrics', () => {
  test('the message summary counts every retained message of the seed', async () => {
    const r = await oicTools().call('integration_get_message_summary')
    const data = ok(r, specs.getMessageSummary)
    assert.equal(data.time_window, 'RETENTIONPERIOD')
    assert.equal(data.integration_instance, INSTANCE)
    assert.equal(data.total, sum('received'))
    assert.equal(data.errored, sum('errored'))
    assert.equal(data.succeeded, sum('received') - sum('errored'))
    assert.equal(
      data.success_rate_pct,
      Math.round((10000 * (data.succeeded as number)) / (data.processed as number)) / 100,
    )
    assert.match(r.content[0].text, /44 errored/)
    const lastHour = ok(
      await oicTools().call('integration_get_message_summary', { time_window: '1h' }),
      specs.getMessageSummary,
    )
    assert.ok((lastHour.total as number) < (data.total as number))
    assert.ok((lastHour.errored as number) >= 12, 'ORDER_SYNC is failing right now')
  })

  test('metrics of every integration, most errors first; of one integration over the retention period', async () => {
    const all = ok(
      await oicTools().call('integration_get_message_metrics', { time_window: '3d' }),
      specs.getMessageMetrics,
    )
    const list = all.integrations as { id: string; errored: number; received: number }[]
    assert.deepEqual(
      list.map((i) => i.id),
      ['ORDER_SYNC|01.00.0000', 'HR_FEED|01.03.0000', 'INVOICE_EXPORT|02.01.0000'],
    )
    const one = ok(
      await oicTools().call('integration_get_message_metrics', {
        integration_id: 'ORDER_SYNC|01.00.0000',
        time_window: 'RETENTIONPERIOD',
      }),
      specs.getMessageMetrics,
    )
    const [order] = one.integrations as Record<string, unknown>[]
    assert.equal(order.code, 'ORDER_SYNC')
    assert.equal(order.version, '01.00.0000')
    assert.equal(order.name, 'Order Sync')
    assert.equal(order.received, 1840)
    assert.equal(order.errored, 38)
    assert.equal(order.succeeded, 1802)
  })

  test('bad ids are input errors; unknown integrations are not found', async () => {
    const h = oicTools()
    for (const integration_id of ['ORDER_SYNC', 'ORDER_SYNC|1.0', "X|01.00.0000'}"]) {
      assert.equal(
        errorCode(await h.call('integration_get_message_metrics', { integration_id })),
        'ERR_INPUT_INVALID',
      )
    }
    assert.equal(
      errorCode(await h.call('integration_get_message_metrics', { time_window: '2h' })),
      'ERR_INPUT_INVALID',
    )
    const missing = await h.call('integration_get_message_metrics', { integration_id: 'NO_SUCH|01.00.0000' })
    assert.equal(errorCode(missing), 'ERR_OIC_NOT_FOUND')
    assert.match(missing.content[0].text, /opc-request-id: [0-9A-F]{32}/)
  })
})

describe('errored instances', () => {
  async function listAll(args: Record<string, unknown>, overrides: NodeJS.ProcessEnv = {}) {
    const pages: Record<string, unknown>[] = []
    let cursor: string | undefined
    do {
      pages.push(
        ok(
          await oicTools(overrides).call('integration_list_errored_instances', { ...args, cursor }),
          specs.listErroredInstances,
        ),
      )
      cursor = pages.at(-1)?.next_cursor as string | undefined
      assert.ok(pages.length < 50, 'paging does not end')
    } while (cursor)
    return { pages, instances: pages.flatMap((p) => p.instances as Record<string, unknown>[]) }
  }

  test('the last hour: ORDER_SYNC failures, newest first, paged by limit/offset inside the cursor', async () => {
    const whole = ok(
      await oicTools().call('integration_list_errored_instances', { limit: 100 }),
      specs.listErroredInstances,
    )
    const instances = whole.instances as Record<string, unknown>[]
    assert.equal(whole.total_results, instances.length)
    assert.ok(instances.length >= 12)
    assert.ok(instances.every((i) => i.integration_id === 'ORDER_SYNC|01.00.0000' && i.recoverable === true))
    const times = instances.map((i) => Date.parse(String(i.last_tracked_time).replace('+0000', 'Z')))
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
      'ordered by last update, newest first',
    )
    assert.match(String(instances[0].primary_value), /^ORD-\d+$/)
    const { pages, instances: paged } = await listAll({ limit: 5 })
    assert.equal(pages[0].next_cursor !== undefined, true)
    assert.ok(pages.slice(0, -1).every((p) => (p.instances as unknown[]).length === 5))
    assert.deepEqual(
      paged.map((i) => i.id),
      instances.map((i) => i.id),
    )
  })

  test('a small response budget cuts pages early and the cursor continues exactly', async () => {
    const { pages, instances } = await listAll(
      { time_window: 'RETENTIONPERIOD', limit: 100 },
      { MCP_RESPONSE_BUDGET_BYTES: '3000' },
    )
    assert.ok(pages.length > 2)
    assert.equal(pages[0].truncated_by_budget, true)
    assert.equal(instances.length, sum('errored'))
    assert.equal(new Set(instances.map((i) => i.id)).size, instances.length)
  })

  test('one integration: the HR feed’s nightly failures are not recoverable', async () => {
    const r = ok(
      await oicTools().call('integration_list_errored_instances', {
        time_window: '6h',
        integration_id: 'HR_FEED|01.03.0000',
      }),
      specs.listErroredInstances,
    )
    const list = r.instances as Record<string, unknown>[]
    assert.equal(list.length, 6)
    assert.ok(list.every((i) => i.recoverable === false && i.primary_name === 'employeeNumber'))
    assert.equal(
      errorCode(await oicTools().call('integration_list_errored_instances', { cursor: 'c1.bogus' })),
      'ERR_INPUT_CURSOR',
    )
  })
})

describe('resubmission', () => {
  test('a recoverable instance is resubmitted once; again, or a non-recoverable one, is refused', async () => {
    const h = oicTools()
    const listing = ok(
      await h.call('integration_list_errored_instances', { limit: 1 }),
      specs.listErroredInstances,
    )
    const [target] = listing.instances as { id: string }[]
    const r = await h.call('integration_resubmit_errored_instance', { error_id: target.id })
    const data = ok(r, specs.resubmitErroredInstance)
    assert.equal(data.accepted, true)
    assert.equal(data.http_status, 200)
    assert.match(String(data.recovery_job_id), /^\d+$/)
    assert.match(r.content[0].text, /accepted/)
    const again = await h.call('integration_resubmit_errored_instance', { error_id: target.id })
    assert.equal(errorCode(again), 'ERR_OIC_PRECONDITION')
    assert.match(again.content[0].text, /already been resubmitted/)
    const after = ok(
      await h.call('integration_list_errored_instances', { time_window: 'RETENTIONPERIOD', limit: 100 }),
      specs.listErroredInstances,
    )
    const same = (after.instances as Record<string, unknown>[]).find((i) => i.id === target.id)
    assert.equal(same?.status, 'RESUBMITTED')
    assert.equal(same?.retry_count, 1)
    const hr = ok(
      await h.call('integration_list_errored_instances', {
        time_window: '6h',
        integration_id: 'HR_FEED|01.03.0000',
        limit: 1,
      }),
      specs.listErroredInstances,
    )
    const refused = await h.call('integration_resubmit_errored_instance', {
      error_id: (hr.instances as { id: string }[])[0].id,
    })
    assert.equal(errorCode(refused), 'ERR_OIC_PRECONDITION')
    assert.equal(
      errorCode(await h.call('integration_resubmit_errored_instance', { error_id: 'noSuchInstance0000000' })),
      'ERR_OIC_NOT_FOUND',
    )
    assert.equal(
      errorCode(await h.call('integration_resubmit_errored_instance', { error_id: '../errors' })),
      'ERR_INPUT_INVALID',
    )
  })

  test('with mutations off it is hidden and refused; a read-only caller may not call it', async () => {
    const off = oicTools({ MCP_ENABLE_MUTATIONS: 'false' })
    assert.ok(!off.list().some((t) => t.name === 'integration_resubmit_errored_instance'))
    assert.equal(off.list().length, 3)
    const refused = await off.call('integration_resubmit_errored_instance', { error_id: 'abc' })
    assert.equal(errorCode(refused), 'ERR_MUTATIONS_DISABLED')
    const reader = oicTools({}, { ...testCaller('oci-mcp.integration.read'), token: alice.token })
    assert.deepEqual(
      reader
        .list()
        .map((t) => t.name)
        .sort(),
      [
        'integration_get_message_metrics',
        'integration_get_message_summary',
        'integration_list_errored_instances',
      ],
    )
    await assert.rejects(reader.call('integration_resubmit_errored_instance', { error_id: 'abc' }), (e) => {
      assert.ok(isMcpFunctionsError(e))
      assert.equal(e.code, 'ERR_AUTH_INSUFFICIENT_SCOPE')
      return true
    })
  })
})

describe('the group’s own token', () => {
  test('OIC sees the group’s client-credentials token, never the caller’s, and one grant serves many calls', async () => {
    const h = oicTools()
    await h.call('integration_get_message_summary')
    const grants = tokenRequestCount()
    const seenBefore = seenAuthorization.length
    await Promise.all([
      h.call('integration_get_message_summary'),
      h.call('integration_get_message_metrics'),
      h.call('integration_list_errored_instances'),
    ])
    assert.equal(tokenRequestCount(), grants, 'the cached token is reused')
    assert.ok(seenAuthorization.length >= seenBefore + 3)
    assert.ok(seenAuthorization.length > 0)
    for (const header of seenAuthorization) {
      assert.match(header, /^Bearer /)
      assert.notEqual(header, `Bearer ${alice.token}`)
      assert.ok(!header.includes(alice.token as string))
      const claims = decodePayload(header.slice('Bearer '.length))
      assert.equal(claims.sub_type, 'client')
      assert.equal(claims.sub, domain.domain.devClient.clientId)
      assert.deepEqual(claims.aud, [AUDIENCE])
    }
  })

  test('a caller without any token works the same: the caller’s identity plays no part', async () => {
    const anonymous = harness(implementation, env, testCaller())
    ok(await anonymous.call('integration_get_message_summary'), specs.getMessageSummary)
  })
})

describe('failures', () => {
  test('missing configuration, a refused client and an unreachable instance are coded', async () => {
    const unconfigured = await oicTools({ OIC_INSTANCE_URL: '' }).call('integration_get_message_summary')
    assert.equal(errorCode(unconfigured), 'ERR_CONFIG_INVALID')
    const refused = await oicTools({ OIC_CLIENT_SECRET: 'wrong-secret' }).call(
      'integration_get_message_summary',
    )
    assert.equal(errorCode(refused), 'ERR_CONFIG_INVALID')
    assert.doesNotMatch(refused.content[0].text, /wrong-secret/)
    const down = await oicTools({ OIC_INSTANCE_URL: 'http://127.0.0.1:1' }).call(
      'integration_get_message_summary',
    )
    assert.equal(errorCode(down), 'ERR_OIC_UNREACHABLE')
    const otherInstance = await oicTools({ OIC_INTEGRATION_INSTANCE: 'someone-else' }).call(
      'integration_get_message_summary',
    )
    assert.equal(errorCode(otherInstance), 'ERR_OIC_NOT_FOUND')
  })

  test('a token OIC refuses is dropped and fetched again once, then reported', async () => {
    let grants = 0
    const fake = createServer((_req, res) => {
      grants += 1
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ access_token: 'e30.e30.c2ln', token_type: 'Bearer', expires_in: 3600 }))
    })
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r))
    try {
      const tokenUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/oauth2/v1/token`
      const r = await oicTools({ OIC_TOKEN_URL: tokenUrl }).call('integration_get_message_summary')
      assert.equal(errorCode(r), 'ERR_OIC_NOT_AUTHENTICATED')
      assert.equal(grants, 2)
    } finally {
      await new Promise<void>((r) => fake.close(() => r()))
    }
  })
})
