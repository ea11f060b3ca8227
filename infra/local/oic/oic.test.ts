// The Oracle Integration stand-in: token checks against a tiny local JWKS, monitoring data, errors, resubmit.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose'
import { oicIntegrations } from '../seed.ts'
import { parseQ, startOicStandIn } from './index.ts'

const ISSUER = 'https://identity.oraclecloud.com/'
const AUDIENCE = 'https://oic.local.example:443'
const INSTANCE = 'oic-test-instance'

type Issuer = Awaited<ReturnType<typeof startIssuer>>

/** A JWKS endpoint and a signer with its key, as the identity domain publishes and signs. */
async function startIssuer() {
  const { privateKey, publicKey } = await generateKeyPair('RS256')
  const jwk = { ...(await exportJWK(publicKey)), kid: 'SIGNING_KEY', alg: 'RS256', key_ops: ['verify'] }
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    jwksUrl: `http://127.0.0.1:${port}/admin/v1/SigningCert/jwk`,
    sign: async (
      claims: JWTPayload = {},
      o: { audience?: string | string[]; issuer?: string; key?: CryptoKey; expiresIn?: string } = {},
    ) =>
      new SignJWT({
        sub: 'oic-monitor-client',
        scope: `${AUDIENCE}urn:opc:resource:consumer::all`,
        ...claims,
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'SIGNING_KEY' })
        .setIssuer(o.issuer ?? ISSUER)
        .setAudience(o.audience ?? AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(o.expiresIn ?? '1h')
        .sign(o.key ?? privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

let issuer: Issuer
let oic: Awaited<ReturnType<typeof startOicStandIn>>
let token: string
let dataDir: string
const HOUR = 3_600_000

before(async () => {
  issuer = await startIssuer()
  dataDir = mkdtempSync(join(tmpdir(), 'oic-'))
  oic = await startOicStandIn({
    port: 0,
    tokenIssuer: { jwksUrl: issuer.jwksUrl, issuer: ISSUER, audience: AUDIENCE },
    integrationInstance: INSTANCE,
    dataDir,
  })
  token = await issuer.sign()
})
after(async () => {
  await oic.close()
  await issuer.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Builds the query the way the integration group's client does (URLSearchParams). */
async function call(
  path: string,
  query: Record<string, string | number> = {},
  init: { method?: string; bearer?: string | null; instance?: string | null } = {},
) {
  const params = new URLSearchParams()
  const instance = init.instance === undefined ? INSTANCE : init.instance
  if (instance !== null) params.set('integrationInstance', instance)
  for (const [k, v] of Object.entries(query)) params.set(k, String(v))
  const bearer = init.bearer === undefined ? token : init.bearer
  const res = await fetch(`${oic.url}/ic/api/integration/v1/monitoring${path}?${params}`, {
    method: init.method ?? 'GET',
    headers: bearer === null ? {} : { Authorization: `Bearer ${bearer}` },
    body: init.method === 'POST' ? '{}' : undefined,
  })
  // biome-ignore lint/suspicious/noExplicitAny: JSON payloads under test, read field by field
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> }
}

describe('authentication', () => {
  it('refuses a missing token, a token for another audience, a forged one and an expired one', async () => {
    const missing = await call('/integrations', {}, { bearer: null })
    assert.equal(missing.status, 401)
    assert.match(missing.headers.get('www-authenticate') ?? '', /^Bearer/)
    const otherAudience = await call(
      '/integrations',
      {},
      { bearer: await issuer.sign({}, { audience: 'oci-mcp-functions' }) },
    )
    assert.equal(otherAudience.status, 401, 'the caller’s MCP token is not an OIC token')
    const otherIssuer = await call(
      '/integrations',
      {},
      { bearer: await issuer.sign({}, { issuer: 'https://evil.example/' }) },
    )
    assert.equal(otherIssuer.status, 401)
    const { privateKey } = await generateKeyPair('RS256')
    const forged = await call('/integrations', {}, { bearer: await issuer.sign({}, { key: privateKey }) })
    assert.equal(forged.status, 401)
    const expired = await call('/integrations', {}, { bearer: await issuer.sign({}, { expiresIn: '-5m' }) })
    assert.equal(expired.status, 401)
    const listAudience = await call(
      '/integrations',
      {},
      { bearer: await issuer.sign({}, { audience: ['x', AUDIENCE] }) },
    )
    assert.equal(listAudience.status, 200, 'an aud list that holds the instance audience is fine')
  })

  it('requires the integrationInstance query parameter, naming this instance', async () => {
    const missing = await call('/integrations', {}, { instance: null })
    assert.equal(missing.status, 400)
    assert.match(missing.body.detail, /integrationInstance/)
    const other = await call('/integrations', {}, { instance: 'someone-else' })
    assert.equal(other.status, 404)
  })
})

describe('monitoring', () => {
  const totals = oicIntegrations.reduce(
    (t, i) => ({
      received: t.received + i.received,
      processed: t.processed + i.processed,
      errored: t.errored + i.errored,
    }),
    { received: 0, processed: 0, errored: 0 },
  )

  it('summarizes the messages the seed describes', async () => {
    const r = await call('/integrations/messages/summary')
    assert.equal(r.status, 200)
    assert.match(r.body['data-fetch-time'], /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/)
    assert.deepEqual(r.body['message-summary'], {
      totalCount: totals.received,
      processedCount: totals.received,
      succeededCount: totals.processed,
      erroredCount: totals.errored,
      abortedCount: 0,
    })
  })

  it('lists integrations with counts per time window', async () => {
    const all = await call('/integrations', { q: "{timewindow:'RETENTIONPERIOD'}" })
    assert.equal(all.status, 200)
    assert.equal(all.body['time-window'], 'RETENTIONPERIOD')
    assert.equal(all.body['total-results'], oicIntegrations.length)
    for (const seeded of oicIntegrations) {
      const item = all.body.items.find((i: { code: string }) => i.code === seeded.code)
      assert.equal(item.id, `${seeded.code}|${seeded.version}`)
      assert.equal(item.noOfMsgsReceived, seeded.received)
      assert.equal(item.noOfSuccess, seeded.processed)
      assert.equal(item.noOfErrors, seeded.errored)
      assert.equal(item.status, 'ACTIVATED')
    }
    const hour = await call('/integrations', { q: "{timewindow:'1h'}" })
    const orders = hour.body.items.find((i: { code: string }) => i.code === 'ORDER_SYNC')
    assert.equal(orders.noOfErrors, 12, 'the order sync is failing right now')
    assert.ok(orders.noOfMsgsReceived < 100)
    assert.ok(orders.successRate < 90)
    const paged = await call('/integrations', {
      q: "{timewindow:'1d'}",
      limit: 2,
      offset: 2,
      orderBy: 'name',
    })
    assert.equal(paged.body.items.length, 1)
    const named = await call('/integrations', { q: "{timewindow:'1d', name:'order'}" })
    assert.deepEqual(
      named.body.items.map((i: { code: string }) => i.code),
      ['ORDER_SYNC'],
    )
  })

  it('gets one integration by CODE|VERSION with message metrics for a window', async () => {
    const id = encodeURIComponent('HR_FEED|01.03.0000')
    const sixHours = await call(`/integrations/${id}`, { q: "{timewindow:'6h'}" })
    assert.equal(sixHours.status, 200)
    assert.equal(sixHours.body.name, 'HR Feed')
    assert.equal(sixHours.body.noOfErrors, 6, 'the last nightly batch failed partly')
    const hour = await call(`/integrations/${id}`, { q: "{timewindow:'1h'}" })
    assert.equal(hour.body.noOfMsgsReceived, 0)
    const missing = await call(`/integrations/${encodeURIComponent('NOPE|01.00.0000')}`)
    assert.equal(missing.status, 404)
    const malformed = await call('/integrations/ORDER_SYNC')
    assert.equal(malformed.status, 400)
    const badWindow = await call(`/integrations/${id}`, { q: "{timewindow:'5h'}" })
    assert.equal(badWindow.status, 400)
    assert.match(badWindow.body.detail, /timewindow/)
  })
})

describe('errors', () => {
  it('lists errored instances newest first with the documented fields, paged', async () => {
    const r = await call('/errors', { q: "{timewindow:'3d'}", limit: 10, offset: 0 })
    assert.equal(r.status, 200)
    assert.equal(r.body['total-results'], 44)
    assert.equal(r.body['total-records-count'], 44)
    assert.equal(r.body.items.length, 10)
    const item = r.body.items[0]
    for (const field of [
      'connection',
      'creationDate',
      'errorDetails',
      'errorMessage',
      'faultId',
      'id',
      'integration',
      'integrationDeleted',
      'isDataAccurate',
      'lastTrackedTime',
      'links',
      'primaryName',
      'primaryValue',
      'recoverable',
      'retryCount',
      'runId',
      'status',
    ]) {
      assert.ok(field in item, field)
    }
    assert.equal(item.status, 'FAILED')
    assert.match(item.id, /^[A-Za-z0-9_-]{22}$/)
    const times = r.body.items.map((i: { lastTrackedTime: string }) =>
      Date.parse(i.lastTrackedTime.replace('+0000', 'Z')),
    )
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    )
    const ids = new Set<string>()
    for (let offset = 0; offset < 44; offset += 10) {
      const page = await call('/errors', { q: "{timewindow:'3d'}", limit: 10, offset })
      for (const i of page.body.items) ids.add(i.id)
    }
    assert.equal(ids.size, 44)
  })

  it('filters by time window and integration', async () => {
    const hour = await call('/errors')
    assert.equal(hour.body['time-window'], '1h')
    assert.equal(hour.body['total-results'], 12)
    const hr = await call('/errors', { q: "{timewindow:'1d', code:'HR_FEED', version:'01.03.0000'}" })
    assert.equal(hr.body['total-results'], 6)
    for (const i of hr.body.items) assert.equal(i.integration.id, 'HR_FEED|01.03.0000')
    const custom = await call('/errors', {
      q: `{startdate:'${new Date(Date.now() - 2 * HOUR).toISOString()}', enddate:'${new Date().toISOString()}'}`,
    })
    assert.equal(custom.body['time-window'], 'CUSTOM')
    assert.ok(custom.body['total-results'] >= 12)
  })

  it('gets one errored instance; unknown ids are 404', async () => {
    const list = await call('/errors', { limit: 1 })
    const id = list.body.items[0].id
    const one = await call(`/errors/${id}`)
    assert.equal(one.status, 200)
    assert.equal(one.body.id, id)
    assert.equal((await call('/errors/doesNotExist000000000')).status, 404)
  })

  it('resubmits a recoverable instance once; a second resubmit is 412 Precondition Failed', async () => {
    const list = await call('/errors', { q: "{timewindow:'1h', code:'ORDER_SYNC'}", limit: 1 })
    const id = list.body.items[0].id
    const first = await call(`/errors/${id}/resubmit`, {}, { method: 'POST' })
    assert.equal(first.status, 200)
    assert.equal(first.body['resubmit-successful'], true)
    assert.ok(first.body['recovery-job-id'])
    const after = await call(`/errors/${id}`)
    assert.equal(after.body.status, 'RESUBMITTED')
    assert.equal(after.body.retryCount, 1)
    const second = await call(`/errors/${id}/resubmit`, {}, { method: 'POST' })
    assert.equal(second.status, 412)
    assert.equal(second.body.title, 'Precondition Failed')
    assert.match(second.body.detail, /already been resubmitted/)
  })

  it('refuses to resubmit a scheduled run’s errors (not recoverable)', async () => {
    const hr = await call('/errors', { q: "{timewindow:'1d', code:'HR_FEED'}", limit: 1 })
    const id = hr.body.items[0].id
    assert.equal(hr.body.items[0].recoverable, false)
    const r = await call(`/errors/${id}/resubmit`, {}, { method: 'POST' })
    assert.equal(r.status, 412)
    assert.match(r.body.detail, /not recoverable/)
  })

  it('keeps resubmissions in the data directory across restarts', async () => {
    const list = await call('/errors', { q: "{timewindow:'3d', code:'ORDER_SYNC'}", limit: 50 })
    const resubmitted = list.body.items.find((i: { status: string }) => i.status === 'RESUBMITTED')
    assert.ok(resubmitted)
    const again = await startOicStandIn({
      port: 0,
      tokenIssuer: { jwksUrl: issuer.jwksUrl, audience: AUDIENCE },
      integrationInstance: INSTANCE,
      dataDir,
    })
    try {
      const res = await fetch(
        `${again.url}/ic/api/integration/v1/monitoring/errors/${resubmitted.id}/resubmit?integrationInstance=${INSTANCE}`,
        { method: 'POST', headers: { Authorization: `Bearer ${token}` } },
      )
      assert.equal(res.status, 412)
    } finally {
      await again.close()
    }
  })
})

describe('parseQ', () => {
  it('reads single-quoted, double-quoted and bare values; rejects what is not an object', () => {
    assert.deepEqual(parseQ('{timewindow:\'1h\', code:"ORDER_SYNC", version: 01.00.0000}'), {
      timewindow: '1h',
      code: 'ORDER_SYNC',
      version: '01.00.0000',
    })
    assert.deepEqual(parseQ(null), {})
    assert.throws(() => parseQ("timewindow:'1h'"))
    assert.throws(() => parseQ("{timewindow '1h'}"))
  })
})
