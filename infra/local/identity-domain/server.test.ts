// Discovery, JWKS, client credentials and password grants, scopes, errors, metrics and logging.
import assert from 'node:assert/strict'
import { createHash, X509Certificate } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { createRemoteJWKSet, jwtVerify } from 'jose'
import { users as seedUsers } from '../seed.ts'
import {
  AUDIENCE,
  basic,
  decodePayload,
  devToken,
  passwordToken,
  pkcePair,
  postForm,
  startTestDomain,
  type TestDomain,
} from './testing.ts'

const ISSUER = 'https://identity.oraclecloud.com/'

describe('identity domain server', () => {
  let t: TestDomain
  let jwks: ReturnType<typeof createRemoteJWKSet>
  before(async () => {
    t = await startTestDomain()
    jwks = createRemoteJWKSet(new URL(t.domain.jwksUrl))
  })
  after(() => t.dispose())

  it('serves the same discovery document at both well-known paths', async () => {
    const oidc = await (await fetch(`${t.domain.url}/.well-known/openid-configuration`)).json()
    const rfc8414 = await (await fetch(`${t.domain.url}/.well-known/oauth-authorization-server`)).json()
    assert.deepEqual(oidc, rfc8414)
    assert.equal(oidc.issuer, ISSUER)
    assert.equal(oidc.authorization_endpoint, `${t.domain.url}/oauth2/v1/authorize`)
    assert.equal(oidc.token_endpoint, t.domain.tokenUrl)
    assert.equal(oidc.jwks_uri, t.domain.jwksUrl)
    assert.equal(oidc.introspection_endpoint, `${t.domain.url}/oauth2/v1/introspect`)
    // A real identity domain offers no dynamic registration, and neither does this one by default.
    assert.equal(oidc.registration_endpoint, undefined)
    assert.deepEqual(oidc.response_types_supported, ['code'])
    assert.deepEqual(oidc.code_challenge_methods_supported, ['S256'])
    assert.ok(
      oidc.grant_types_supported.includes('urn:ietf:params:oauth:grant-type:token-exchange'),
      'token exchange is listed',
    )
    assert.deepEqual(oidc.scopes_supported, ['oci-mcp.read', 'oci-mcp.write'])
  })

  it('publishes the signing key as IDCS does, with a real certificate', async () => {
    const body = await (await fetch(t.domain.jwksUrl)).json()
    assert.equal(body.keys.length, 1)
    const [key] = body.keys
    assert.deepEqual(Object.keys(key), ['kty', 'x5t#S256', 'e', 'x5t', 'kid', 'x5c', 'key_ops', 'alg', 'n'])
    assert.equal(key.kid, 'SIGNING_KEY')
    assert.equal(key.alg, 'RS256')
    assert.equal(key.use, undefined)
    const der = Buffer.from(key.x5c[0], 'base64')
    const cert = new X509Certificate(der)
    assert.ok(cert.verify(cert.publicKey), 'self-signed certificate verifies with its own key')
    assert.deepEqual(cert.publicKey.export({ format: 'jwk' }), { kty: 'RSA', n: key.n, e: key.e })
    assert.equal(key.x5t, createHash('sha1').update(der).digest('base64url'))
    assert.equal(key['x5t#S256'], createHash('sha256').update(der).digest('base64url'))
  })

  it('issues client-credentials tokens that verify against the served JWKS', async () => {
    const res = await devToken(t.domain, { grant_type: 'client_credentials' })
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('cache-control'), 'no-store')
    assert.equal(res.body.token_type, 'Bearer')
    assert.equal(res.body.expires_in, 3600)
    assert.equal(res.body.refresh_token, undefined)
    const token = res.body.access_token as string
    const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer: ISSUER, audience: AUDIENCE })
    assert.equal(protectedHeader.kid, 'SIGNING_KEY')
    assert.equal(protectedHeader.alg, 'RS256')
    assert.equal(typeof protectedHeader.x5t, 'string')
    assert.equal(payload.sub, t.domain.devClient.clientId)
    assert.equal(payload.sub_type, 'client')
    assert.equal(payload.client_id, t.domain.devClient.clientId)
    assert.equal(payload.scope, 'oci-mcp.read oci-mcp.write')
    assert.deepEqual(payload.aud, [AUDIENCE])
    assert.equal(payload.gtp, 'cc')
    assert.equal(payload.tok_type, 'AT')
    assert.equal(payload.client_tenantname, 'idcs-0a1b2c3d4e5f40718293a4b5c6d7e8f9')
    assert.equal(payload.tenant_iss, t.domain.url)
    assert.match(payload.jti as string, /^[0-9a-f]{32}$/)
    assert.equal((payload.exp as number) - (payload.iat as number), 3600)
    assert.equal(payload.user_ocid, undefined)
  })

  it('refuses a token for another audience or issuer when the verifier checks them', async () => {
    const token = (await devToken(t.domain, { grant_type: 'client_credentials' })).body.access_token as string
    await assert.rejects(jwtVerify(token, jwks, { issuer: ISSUER, audience: 'someone-else' }), {
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
    })
    await assert.rejects(jwtVerify(token, jwks, { issuer: t.domain.url, audience: AUDIENCE }), {
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
    })
  })

  it('accepts client_secret_post and refuses bad client authentication with 401', async () => {
    const { clientId, clientSecret } = t.domain.devClient
    const post = await postForm(t.domain.tokenUrl, {
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    })
    assert.equal(post.status, 200)
    const wrong = await postForm(
      t.domain.tokenUrl,
      { grant_type: 'client_credentials' },
      { Authorization: basic(clientId, `${clientSecret}x`) },
    )
    assert.equal(wrong.status, 401)
    assert.equal(wrong.body.error, 'invalid_client')
    assert.match(wrong.headers.get('www-authenticate') ?? '', /^Basic/)
    const none = await postForm(t.domain.tokenUrl, { grant_type: 'client_credentials' })
    assert.equal(none.status, 401)
    assert.equal(none.body.error, 'invalid_client')
    const publicUse = await postForm(t.domain.tokenUrl, {
      grant_type: 'client_credentials',
      client_id: clientId,
    })
    assert.equal(
      publicUse.status,
      401,
      'the confidential dev client cannot present itself without its secret',
    )
  })

  it('issues user tokens for the password grant with user claims', async () => {
    const token = await passwordToken(t.domain, 'alice@example.com')
    const { payload } = await jwtVerify(token, jwks, { issuer: ISSUER, audience: AUDIENCE })
    const alice = seedUsers.find((u) => u.userName === 'alice@example.com')!
    assert.equal(payload.sub, 'alice@example.com')
    assert.equal(payload.sub_type, 'user')
    assert.equal(payload.user_ocid, alice.ocid)
    assert.equal(payload.user_id, alice.idcsId)
    assert.equal(payload.user_displayname, 'Alice Operator')
    assert.equal(payload.gtp, 'ro')
    assert.equal(payload.scope, 'oci-mcp.read oci-mcp.write')
  })

  it('refuses a wrong password and an unknown user with invalid_grant', async () => {
    const wrong = await devToken(t.domain, {
      grant_type: 'password',
      username: 'alice@example.com',
      password: 'nope',
    })
    assert.equal(wrong.status, 400)
    assert.equal(wrong.body.error, 'invalid_grant')
    assert.equal(wrong.body.access_token, undefined)
    const alicePassword = t.domain.users.find((u) => u.userName === 'alice@example.com')!.password
    const unknown = await devToken(t.domain, {
      grant_type: 'password',
      username: 'mallory@example.com',
      password: alicePassword,
    })
    assert.equal(unknown.body.error, 'invalid_grant')
  })

  it('narrows scopes to what the user holds, strips the audience prefix and drops unknown scopes', async () => {
    const bob = decodePayload(await passwordToken(t.domain, 'bob@example.com', 'oci-mcp.read oci-mcp.write'))
    assert.equal(bob.scope, 'oci-mcp.read')
    const prefixed = decodePayload(
      await passwordToken(t.domain, 'alice@example.com', `${AUDIENCE}oci-mcp.write`),
    )
    assert.equal(prefixed.scope, 'oci-mcp.write')
    const withUnknown = decodePayload(
      await passwordToken(t.domain, 'alice@example.com', 'openid oci-mcp.read bogus'),
    )
    assert.equal(withUnknown.scope, 'oci-mcp.read')
    const cc = await devToken(t.domain, { grant_type: 'client_credentials', scope: 'oci-mcp.read' })
    assert.equal(cc.body.scope, 'oci-mcp.read')
  })

  it('answers invalid_scope when no requested scope can be granted', async () => {
    const bob = t.domain.users.find((u) => u.userName === 'bob@example.com')!
    const res = await devToken(t.domain, {
      grant_type: 'password',
      username: bob.userName,
      password: bob.password,
      scope: 'oci-mcp.write',
    })
    assert.equal(res.status, 400)
    assert.equal(res.body.error, 'invalid_scope')
    const group = await devToken(t.domain, {
      grant_type: 'client_credentials',
      scope: 'oci-mcp.objectstorage.read',
    })
    assert.equal(group.body.error, 'invalid_scope', 'the dev client is allowed only the global scopes')
  })

  it('answers protocol errors with RFC 6749 codes', async () => {
    const unsupported = await devToken(t.domain, { grant_type: 'urn:example:magic' })
    assert.equal(unsupported.status, 400)
    assert.equal(unsupported.body.error, 'unsupported_grant_type')
    const missing = await devToken(t.domain, {})
    assert.equal(missing.body.error, 'invalid_request')
    const repeated = await fetch(t.domain.tokenUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: basic(t.domain.devClient.clientId, t.domain.devClient.clientSecret),
      },
      body: 'grant_type=client_credentials&scope=oci-mcp.read&scope=oci-mcp.write',
    })
    assert.equal(repeated.status, 400)
    assert.equal((await repeated.json()).error, 'invalid_request')
    const json = await fetch(t.domain.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"grant_type":"client_credentials"}',
    })
    assert.equal((await json.json()).error, 'invalid_request')
    assert.equal((await fetch(t.domain.tokenUrl)).status, 405)
    assert.equal((await fetch(`${t.domain.url}/nowhere`)).status, 404)
  })

  it('counts tokens, errors, JWKS requests in Prometheus text format', async () => {
    const metric = async (line: string) => {
      const text = await (await fetch(`${t.domain.url}/metrics`)).text()
      const found = text.split('\n').find((l) => l.startsWith(`${line} `))
      return found ? Number(found.slice(line.length + 1)) : 0
    }
    const issued = 'identity_domain_tokens_issued_total{grant_type="client_credentials"}'
    const errors = 'identity_domain_token_errors_total{error="invalid_grant"}'
    const jwksRequests = 'identity_domain_jwks_requests_total'
    const [issuedBefore, errorsBefore, jwksBefore] = [
      await metric(issued),
      await metric(errors),
      await metric(jwksRequests),
    ]
    await devToken(t.domain, { grant_type: 'client_credentials' })
    await devToken(t.domain, { grant_type: 'client_credentials' })
    await devToken(t.domain, { grant_type: 'password', username: 'bob@example.com', password: 'wrong' })
    await fetch(t.domain.jwksUrl)
    await fetch(t.domain.securityTokenJwksUrl)
    assert.equal(await metric(issued), issuedBefore + 2)
    assert.equal(await metric(errors), errorsBefore + 1)
    assert.equal(await metric(jwksRequests), jwksBefore + 2)
    const text = await (await fetch(`${t.domain.url}/metrics`)).text()
    assert.match(text, /^# TYPE identity_domain_token_exchanges_total counter$/m)
    assert.match(text, /^identity_domain_introspections_total \d+$/m)
  })

  it('logs events without tokens, secrets or passwords', async () => {
    const token = await passwordToken(t.domain, 'alice@example.com')
    assert.ok(
      t.logs.some((l) => l === 'token issued grant=password sub=alice@example.com'),
      'the grant is logged',
    )
    const secrets = [t.domain.devClient.clientSecret, token, ...t.domain.users.map((u) => u.password)]
    for (const line of t.logs)
      for (const secret of secrets) assert.ok(!line.includes(secret), `log leaks a secret: ${line}`)
  })
})

describe('identity domain options', () => {
  it('has no registration endpoint unless the stand-in option opens one', async () => {
    const body = JSON.stringify({ redirect_uris: ['http://127.0.0.1:9/cb'] })
    const post = (url: string) =>
      fetch(`${url}/oauth2/v1/register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      })
    const strict = await startTestDomain()
    const open = await startTestDomain({ dynamicRegistration: true })
    try {
      assert.equal((await post(strict.domain.url)).status, 404)
      assert.equal((await post(open.domain.url)).status, 201)
      const oidc = await (await fetch(`${open.domain.url}/.well-known/openid-configuration`)).json()
      assert.equal(oidc.registration_endpoint, `${open.domain.url}/oauth2/v1/register`)
    } finally {
      await strict.dispose()
      await open.dispose()
    }
  })

  it('lets the dev client use authorization code at its configured redirect URIs', async () => {
    const t = await startTestDomain({ devClientRedirectUris: ['http://127.0.0.1:9/oauth/callback'] })
    try {
      const { challenge } = pkcePair()
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: t.domain.devClient.clientId,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        scope: 'oci-mcp.read',
      })
      const at = (uri: string) =>
        fetch(`${t.domain.url}/oauth2/v1/authorize?${query}&redirect_uri=${encodeURIComponent(uri)}`)
      assert.equal((await at('http://127.0.0.1:9/oauth/callback')).status, 200)
      // A confidential application's redirect URIs match exactly: no other port.
      assert.equal((await at('http://127.0.0.1:10/oauth/callback')).status, 400)
    } finally {
      await t.dispose()
    }
  })

  it('publishes the domain URL as metadata issuer when asked to', async () => {
    const t = await startTestDomain({ metadataIssuer: 'domain-url' })
    try {
      const oidc = await (await fetch(`${t.domain.url}/.well-known/openid-configuration`)).json()
      assert.equal(oidc.issuer, t.domain.url)
      assert.equal(t.domain.issuer, ISSUER)
    } finally {
      await t.dispose()
    }
  })

  it('rejects invalid options with a TypeError', async () => {
    await assert.rejects(startTestDomain({ audience: '' }), TypeError)
    await assert.rejects(startTestDomain({ port: -1 }), TypeError)
    await assert.rejects(startTestDomain({ accessTokenTtlSeconds: 0 }), TypeError)
  })

  it('honours accessTokenTtlSeconds', async () => {
    const t = await startTestDomain({ accessTokenTtlSeconds: 300 })
    try {
      const res = await devToken(t.domain, { grant_type: 'client_credentials' })
      assert.equal(res.body.expires_in, 300)
      const claims = decodePayload(res.body.access_token as string)
      assert.equal(claims.exp - claims.iat, 300)
    } finally {
      await t.dispose()
    }
  })
})
