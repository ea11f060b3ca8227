// Token exchange to a UPST, and resource-principal tokens, checked against the security-token JWKS.
import assert from 'node:assert/strict'
import { createPrivateKey, generateKeyPairSync } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, SignJWT } from 'jose'
import { compartmentId, operator, users as seedUsers, TENANCY_ID } from '../seed.ts'
import { STATE_FILE } from './store.ts'
import {
  decodePayload,
  devToken,
  passwordToken,
  postForm,
  rsaSessionKey,
  startTestDomain,
  type TestDomain,
} from './testing.ts'

const EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange'
const UPST = 'urn:oci:token-type:oci-upst'

describe('token exchange', () => {
  let t: TestDomain
  let securityJwks: ReturnType<typeof createRemoteJWKSet>
  const session = rsaSessionKey()
  const exchange = (subjectToken: string, overrides: Record<string, string> = {}) =>
    devToken(t.domain, {
      grant_type: EXCHANGE,
      requested_token_type: UPST,
      subject_token: subjectToken,
      subject_token_type: 'jwt',
      public_key: session.spkiBase64,
      ...overrides,
    })
  /** Signs arbitrary claims with the domain's own signing key, read from its state file. */
  const signWithDomainKey = async (claims: Record<string, unknown>, header: Record<string, string>) => {
    const state = JSON.parse(await readFile(join(t.dataDir, STATE_FILE), 'utf8'))
    return new SignJWT(claims)
      .setProtectedHeader({ ...header, alg: 'RS256' })
      .sign(createPrivateKey(state.signingKey.privateKeyPem))
  }

  before(async () => {
    t = await startTestDomain({ dynamicRegistration: true })
    securityJwks = createRemoteJWKSet(new URL(t.domain.securityTokenJwksUrl))
  })
  after(() => t.dispose())

  it('exchanges a user token for a UPST carrying the submitted public key', async () => {
    const subject = await passwordToken(t.domain, 'alice@example.com')
    const res = await exchange(subject)
    assert.equal(res.status, 200)
    assert.deepEqual(Object.keys(res.body), ['token'])
    const upst = res.body.token as string
    const { payload, protectedHeader } = await jwtVerify(upst, securityJwks, {
      issuer: 'authService.oracle.com',
      audience: 'oci',
    })
    assert.deepEqual(protectedHeader, { kid: 'asw', alg: 'RS256' })
    const alice = seedUsers.find((u) => u.userName === 'alice@example.com')!
    assert.equal(payload.sub, alice.ocid)
    assert.equal(payload.ptype, 'user')
    assert.equal(payload.tenant, TENANCY_ID)
    assert.equal(typeof payload.ttype, 'string')
    assert.match(payload.jti as string, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    assert.match(
      payload.sess_exp as string,
      /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} UTC$/,
    )
    const subjectExp = decodePayload(subject).exp
    assert.ok((payload.exp as number) <= subjectExp, 'the UPST does not outlive the subject token')
    assert.ok((payload.exp as number) - (payload.iat as number) <= 3600, 'at most one hour')
    assert.equal(typeof payload.jwk, 'string', 'jwk is a JSON string, as OCI sends it')
    const jwk = JSON.parse(payload.jwk as string)
    const submitted = session.publicKey.export({ format: 'jwk' })
    assert.equal(jwk.n, submitted.n)
    assert.equal(jwk.e, submitted.e)
    assert.equal(jwk.kty, 'RSA')
    assert.equal(jwk.alg, 'RS256')
    assert.equal(jwk.use, 'sig')
    assert.equal(typeof jwk.kid, 'string')
  })

  it('is not verifiable with the identity-domain signing key', async () => {
    const upst = (await exchange(await passwordToken(t.domain, 'bob@example.com'))).body.token as string
    const domainJwks = createRemoteJWKSet(new URL(t.domain.jwksUrl))
    await assert.rejects(jwtVerify(upst, domainJwks))
  })

  it("exchanges a client-credentials token to the propagation trust's service user", async () => {
    const subject = (await devToken(t.domain, { grant_type: 'client_credentials' })).body
      .access_token as string
    const res = await exchange(subject)
    assert.equal(res.status, 200)
    assert.equal(decodePayload(res.body.token as string).sub, operator.ocid)
  })

  it('refuses a tampered subject token', async () => {
    const subject = await passwordToken(t.domain, 'bob@example.com')
    const [h, , s] = subject.split('.')
    const forged = Buffer.from(
      JSON.stringify({ ...decodePayload(subject), sub: 'alice@example.com' }),
    ).toString('base64url')
    const res = await exchange(`${h}.${forged}.${s}`)
    assert.equal(res.status, 400)
    assert.equal(res.body.error, 'invalid_request')
    assert.equal(res.body.token, undefined)
  })

  it('refuses an expired subject token signed with the right key', async () => {
    const claims = decodePayload(await passwordToken(t.domain, 'alice@example.com'))
    const now = Math.floor(Date.now() / 1000)
    const header = decodeProtectedHeader(await passwordToken(t.domain, 'alice@example.com')) as Record<
      string,
      string
    >
    const fresh = await signWithDomainKey({ ...claims, iat: now, exp: now + 600 }, header)
    assert.equal(
      (await exchange(fresh)).status,
      200,
      'a re-signed live token is accepted, so the key is right',
    )
    const expired = await signWithDomainKey({ ...claims, iat: now - 7200, exp: now - 3600 }, header)
    const res = await exchange(expired)
    assert.equal(res.status, 400)
    assert.equal(res.body.error, 'invalid_request')
  })

  it('refuses a subject token from another issuer or key', async () => {
    const claims = decodePayload(await passwordToken(t.domain, 'alice@example.com'))
    const header = { kid: 'SIGNING_KEY' }
    const otherIssuer = await signWithDomainKey({ ...claims, iss: 'https://evil.example/' }, header)
    assert.equal((await exchange(otherIssuer)).status, 400)
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const otherKey = await new SignJWT(claims)
      .setProtectedHeader({ kid: 'SIGNING_KEY', alg: 'RS256' })
      .sign(privateKey)
    assert.equal((await exchange(otherKey)).status, 400)
  })

  it('validates the public key: base64 DER SPKI of RSA ≥ 2048 bits', async () => {
    const subject = await passwordToken(t.domain, 'alice@example.com')
    const small = rsaSessionKey(1024)
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
      type: 'spki',
      format: 'der',
    })
    for (const publicKey of ['not a key', small.spkiBase64, ec.toString('base64')]) {
      const res = await exchange(subject, { public_key: publicKey })
      assert.equal(res.status, 400, publicKey.slice(0, 20))
      assert.equal(res.body.error, 'invalid_request')
    }
  })

  it('requires the UPST token type, a jwt subject and the dev client', async () => {
    const subject = await passwordToken(t.domain, 'alice@example.com')
    assert.equal(
      (await exchange(subject, { requested_token_type: 'urn:ietf:params:oauth:token-type:jwt' })).status,
      400,
    )
    assert.equal((await exchange(subject, { subject_token_type: 'saml' })).status, 400)
    const unauthenticated = await postForm(t.domain.tokenUrl, {
      grant_type: EXCHANGE,
      requested_token_type: UPST,
      subject_token: subject,
      subject_token_type: 'jwt',
      public_key: session.spkiBase64,
    })
    assert.equal(unauthenticated.status, 401)
    const registered = await fetch(`${t.domain.url}/oauth2/v1/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ redirect_uris: ['http://127.0.0.1:9/cb'] }),
    })
    const { client_id } = await registered.json()
    const publicClient = await postForm(t.domain.tokenUrl, {
      grant_type: EXCHANGE,
      client_id,
      requested_token_type: UPST,
      subject_token: subject,
      subject_token_type: 'jwt',
      public_key: session.spkiBase64,
    })
    assert.equal(publicClient.status, 400)
    assert.equal(publicClient.body.error, 'unauthorized_client')
  })

  it('counts exchanges by outcome', async () => {
    const count = async (outcome: string) => {
      const text = await (await fetch(`${t.domain.url}/metrics`)).text()
      const line = text
        .split('\n')
        .find((l) => l.startsWith(`identity_domain_token_exchanges_total{outcome="${outcome}"} `))
      return line ? Number(line.split(' ')[1]) : 0
    }
    const [issued, invalid] = [await count('issued'), await count('invalid_subject_token')]
    await exchange(await passwordToken(t.domain, 'alice@example.com'))
    await exchange('not.a.token')
    assert.equal(await count('issued'), issued + 1)
    assert.equal(await count('invalid_subject_token'), invalid + 1)
  })

  it('mints resource-principal tokens for functions', async () => {
    const functionId = 'ocid1.fnfunc.oc1.iad.amaaaaaaexamplefunction'
    const rpst = await t.domain.issueResourcePrincipalToken({
      functionId,
      compartmentId: compartmentId('platform'),
      publicKeyPem: session.pem,
    })
    const { payload } = await jwtVerify(rpst, securityJwks, {
      issuer: 'authService.oracle.com',
      audience: 'oci',
    })
    assert.equal(payload.sub, functionId)
    assert.equal(payload.res_id, functionId)
    assert.equal(payload.res_tenant, TENANCY_ID)
    assert.equal(payload.res_compartment, compartmentId('platform'))
    assert.equal(payload.ptype, 'resource')
    assert.equal(JSON.parse(payload.jwk as string).n, session.publicKey.export({ format: 'jwk' }).n)
    await assert.rejects(
      t.domain.issueResourcePrincipalToken({ functionId, compartmentId: 'c', publicKeyPem: 'junk' }),
      TypeError,
    )
    await assert.rejects(
      t.domain.issueResourcePrincipalToken({
        functionId,
        compartmentId: 'c',
        publicKeyPem: session.pem,
        ttlSeconds: 7200,
      }),
      TypeError,
    )
  })
})
