// Authentication and authorization end to end: bad signatures get 401, ST$ tokens work, the policy table decides.
import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { generateKeyPair } from 'jose'
import * as common from 'oci-common'
import { compartmentId, NAMESPACE, TENANCY_ID, users } from '../seed.ts'
import {
  identityClient,
  objectStorageClient,
  ociError,
  operatorProvider,
  sessionKey,
  sessionTokenProvider,
  startTestEmulator,
  startTokenIssuer,
  type TestEmulator,
} from './testing.ts'

let emulator: TestEmulator
let issuer: Awaited<ReturnType<typeof startTokenIssuer>>
const bob = users.find((u) => u.groups.includes('FinanceReaders'))!

before(async () => {
  issuer = await startTokenIssuer()
  emulator = await startTestEmulator({ sessionTokenJwksUrl: issuer.jwksUrl })
})
after(async () => {
  await emulator.dispose()
  await issuer.close()
})

const NOT_AUTHENTICATED = {
  code: 'NotAuthenticated',
  message: 'The required information to complete authentication was not provided.',
}

async function metric(line: string): Promise<number> {
  const text = await (await fetch(`${emulator.url}/metrics`)).text()
  const found = text.split('\n').find((l) => l.startsWith(`${line} `))
  return found ? Number(found.split(' ').pop()) : 0
}

/** Signs a request with the SDK's own signer, then lets the test break one thing before sending it. */
async function signedFetch(
  provider: common.AuthenticationDetailsProvider,
  method: common.Method,
  path: string,
  options: { body?: string; forceExcludeBody?: boolean; xDate?: string; sendBody?: string } = {},
) {
  const headers = new Headers({ 'content-type': 'application/json' })
  if (options.xDate) headers.set('x-date', options.xDate)
  const uri = `${emulator.url}${path}`
  await new common.DefaultRequestSigner(provider).signHttpRequest(
    { method, uri, headers, body: options.body },
    options.forceExcludeBody,
  )
  return fetch(uri, { method, headers, body: options.sendBody ?? options.body })
}

async function assertNotAuthenticated(res: Response) {
  assert.equal(res.status, 401)
  assert.equal(res.headers.get('content-type'), 'application/json')
  assert.ok(res.headers.get('opc-request-id'))
  assert.deepEqual(await res.json(), NOT_AUTHENTICATED)
}

describe('request signatures', () => {
  const createBody = JSON.stringify({ name: 'sig-test', compartmentId: compartmentId('sandbox') })

  it('accepts the operator key from the generated config file', async () => {
    const res = await signedFetch(operatorProvider(emulator), 'GET', `/n/${NAMESPACE}/b/app-logs`)
    assert.equal(res.status, 200)
  })

  it('refuses a key that is not the registered one (same keyId)', async () => {
    const config = readFileSync(emulator.operatorConfigFile, 'utf8')
    const otherKey = join(emulator.dataDir, 'other.pem')
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    writeFileSync(otherKey, privateKey.export({ type: 'pkcs8', format: 'pem' }))
    const otherConfig = join(emulator.dataDir, 'other-config')
    writeFileSync(otherConfig, config.replace(/key_file=.*/, `key_file=${otherKey}`))
    const before = await metric('oci_emulator_auth_failures_total{reason="bad_signature"}')
    const res = await signedFetch(
      new common.ConfigFileAuthenticationDetailsProvider(otherConfig, 'DEFAULT'),
      'GET',
      `/n/${NAMESPACE}/b/app-logs`,
    )
    await assertNotAuthenticated(res)
    assert.equal(await metric('oci_emulator_auth_failures_total{reason="bad_signature"}'), before + 1)
  })

  it('refuses a body changed after signing', async () => {
    const tampered = createBody.replace('sig-test', 'sig-tost')
    const res = await signedFetch(operatorProvider(emulator), 'POST', `/n/${NAMESPACE}/b`, {
      body: createBody,
      sendBody: tampered,
    })
    await assertNotAuthenticated(res)
    assert.equal(await metric('oci_emulator_auth_failures_total{reason="body_digest_mismatch"}'), 1)
  })

  it('refuses a date more than five minutes old', async () => {
    const stale = new Date(Date.now() - 6 * 60_000).toUTCString()
    const res = await signedFetch(operatorProvider(emulator), 'GET', `/n/${NAMESPACE}/b/app-logs`, {
      xDate: stale,
    })
    await assertNotAuthenticated(res)
    assert.equal(await metric('oci_emulator_auth_failures_total{reason="clock_skew"}'), 1)
  })

  it('refuses a POST whose body headers are not signed', async () => {
    const res = await signedFetch(operatorProvider(emulator), 'POST', `/n/${NAMESPACE}/b`, {
      body: createBody,
      forceExcludeBody: true,
    })
    await assertNotAuthenticated(res)
    assert.equal(await metric('oci_emulator_auth_failures_total{reason="missing_signed_header"}'), 1)
  })

  it('refuses an unsigned request, and a HEAD without a body', async () => {
    await assertNotAuthenticated(await fetch(`${emulator.url}/20160918/regions`))
    const head = await fetch(`${emulator.url}/n/${NAMESPACE}/b/app-logs/o/x`, { method: 'HEAD' })
    assert.equal(head.status, 401)
    assert.equal(await head.text(), '')
  })
})

describe('session tokens (ST$)', () => {
  const upst = (subject: string, jwk: string) => ({ sub: subject, ptype: 'user', tenant: TENANCY_ID, jwk })

  it('accepts a UPST from the JWKS and applies the user’s groups: FinanceReaders sees finance only', async () => {
    const key = sessionKey()
    const token = await issuer.sign(upst(bob.ocid, key.jwkClaim))
    const os = objectStorageClient(emulator.url, sessionTokenProvider(token, key.privateKeyPem))

    const listed = await os.listObjects({ namespaceName: NAMESPACE, bucketName: 'finance-reports' })
    assert.deepEqual(
      listed.listObjects.objects.map((o) => o.name),
      ['q3-summary.csv'],
    )
    const buckets = await os.listBuckets({
      namespaceName: NAMESPACE,
      compartmentId: compartmentId('finance'),
    })
    assert.deepEqual(
      buckets.items.map((b) => b.name),
      ['finance-reports'],
    )

    const hidden = await ociError(os.getBucket({ namespaceName: NAMESPACE, bucketName: 'platform-config' }))
    assert.equal(hidden.statusCode, 404)
    assert.equal(hidden.serviceCode, 'BucketNotFound')
    const readOnly = await ociError(
      os.putObject({
        namespaceName: NAMESPACE,
        bucketName: 'finance-reports',
        objectName: 'x',
        putObjectBody: 'x',
      }),
    )
    assert.equal(readOnly.serviceCode, 'BucketNotFound')
    const otherCompartment = await ociError(
      os.listBuckets({ namespaceName: NAMESPACE, compartmentId: compartmentId('platform') }),
    )
    assert.equal(otherCompartment.statusCode, 404)
    assert.equal(otherCompartment.serviceCode, 'NotAuthorizedOrNotFound')

    const iam = identityClient(emulator.url, sessionTokenProvider(token, key.privateKeyPem))
    const compartments = await iam.listCompartments({ compartmentId: TENANCY_ID })
    assert.deepEqual(compartments.items.map((c) => c.name).sort(), ['finance', 'platform', 'sandbox'])
    const me = await iam.getUser({ userId: bob.ocid })
    assert.equal(me.user.name, bob.userName)
    const someoneElse = await ociError(iam.getUser({ userId: users[0].ocid }))
    assert.equal(someoneElse.serviceCode, 'NotAuthorizedOrNotFound')
    assert.equal(
      await metric(`oci_emulator_authorization_denials_total{principal="${bob.ocid}",operation="GetBucket"}`),
      1,
    )
    assert.equal(issuer.fetchCount(), 1, 'the JWKS is fetched once and cached')
  })

  it('refuses a token the JWKS did not sign, an expired one, and a request signed with another session key', async () => {
    const key = sessionKey()
    const { privateKey: forger } = await generateKeyPair('RS256')
    const forged = await issuer.sign(upst(bob.ocid, key.jwkClaim), { key: forger })
    const expired = await issuer.sign(upst(bob.ocid, key.jwkClaim), {
      expiresIn: Math.floor(Date.now() / 1000) - 60,
    })
    const good = await issuer.sign(upst(bob.ocid, key.jwkClaim))
    const cases: Array<[string, string, string]> = [
      [forged, key.privateKeyPem, 'invalid_session_token'],
      [expired, key.privateKeyPem, 'invalid_session_token'],
      [good, sessionKey().privateKeyPem, 'bad_signature'],
    ]
    for (const [token, pem] of cases) {
      const res = await signedFetch(
        sessionTokenProvider(token, pem),
        'GET',
        `/n/${NAMESPACE}/b/finance-reports`,
      )
      await assertNotAuthenticated(res)
    }
    assert.equal(await metric('oci_emulator_auth_failures_total{reason="invalid_session_token"}'), 2)
  })

  it('accepts an RPST: the resource principal reads everything and writes only events-results', async () => {
    const key = sessionKey()
    const token = await issuer.sign({
      sub: 'ocid1.fnfunc.oc1.iad.aaaaaaaaexamplefunction',
      ptype: 'resource',
      ttype: 'res_prin',
      res_type: 'fnfunc',
      res_tenant: TENANCY_ID,
      res_compartment: compartmentId('platform'),
      jwk: key.jwkClaim,
    })
    const os = objectStorageClient(emulator.url, sessionTokenProvider(token, key.privateKeyPem))
    const head = await os.headObject({
      namespaceName: NAMESPACE,
      bucketName: 'platform-config',
      objectName: 'README.md',
    })
    assert.equal(head.contentType, 'text/markdown')
    const target = { namespaceName: NAMESPACE, objectName: 'result.json', putObjectBody: '{}' }
    await os.putObject({ ...target, bucketName: 'events-results' })
    const denied = await ociError(os.putObject({ ...target, bucketName: 'platform-config' }))
    assert.equal(denied.serviceCode, 'BucketNotFound')
  })

  it('refuses a resource principal from another tenancy', async () => {
    const key = sessionKey()
    const token = await issuer.sign({
      sub: 'ocid1.fnfunc.oc1.iad.aaaaaaaaforeign',
      ptype: 'resource',
      res_tenant: 'ocid1.tenancy.oc1..aaaaaaaaforeign',
      res_compartment: compartmentId('platform'),
      jwk: key.jwkClaim,
    })
    const res = await signedFetch(
      sessionTokenProvider(token, key.privateKeyPem),
      'GET',
      `/n/${NAMESPACE}/b/app-logs`,
    )
    await assertNotAuthenticated(res)
    assert.equal(await metric('oci_emulator_auth_failures_total{reason="unknown_principal"}'), 1)
  })
})
