// Token introspection (RFC 7662): Basic client authentication, active and inactive answers.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { users as seedUsers } from '../seed.ts'
import {
  AUDIENCE,
  basic,
  decodePayload,
  devToken,
  passwordToken,
  postForm,
  startTestDomain,
  type TestDomain,
} from './testing.ts'

describe('introspection', () => {
  let t: TestDomain
  let url: string
  let auth: string
  before(async () => {
    t = await startTestDomain()
    url = `${t.domain.url}/oauth2/v1/introspect`
    auth = basic(t.domain.devClient.clientId, t.domain.devClient.clientSecret)
  })
  after(() => t.dispose())

  it('describes an active user token', async () => {
    const token = await passwordToken(t.domain, 'alice@example.com')
    const claims = decodePayload(token)
    const res = await postForm(url, { token }, { Authorization: auth })
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('cache-control'), 'no-store')
    const alice = seedUsers.find((u) => u.userName === 'alice@example.com')!
    assert.deepEqual(res.body, {
      active: true,
      scope: 'oci-mcp.read oci-mcp.write',
      client_id: t.domain.devClient.clientId,
      client_guid: claims.client_guid,
      token_type: 'JWT',
      sub_type: 'user',
      exp: claims.exp,
      iat: claims.iat,
      sub: 'alice@example.com',
      iss: 'https://identity.oraclecloud.com/',
      aud: [AUDIENCE],
      jti: claims.jti,
      user_ocid: alice.ocid,
    })
  })

  it('describes an active client token without user claims', async () => {
    const token = (await devToken(t.domain, { grant_type: 'client_credentials', scope: 'oci-mcp.read' })).body
      .access_token as string
    const res = await postForm(url, { token }, { Authorization: auth })
    assert.equal(res.body.active, true)
    assert.equal(res.body.sub_type, 'client')
    assert.equal(res.body.scope, 'oci-mcp.read')
    assert.equal(res.body.user_ocid, undefined)
  })

  it('answers {"active":false} for anything that is not a live token of this domain', async () => {
    const token = await passwordToken(t.domain, 'bob@example.com')
    const [h, p, s] = token.split('.')
    const tampered = `${h}.${p}.${s.slice(0, -4)}AAAA`
    for (const candidate of ['garbage', tampered, `${h}.${p}.`]) {
      const res = await postForm(url, { token: candidate }, { Authorization: auth })
      assert.equal(res.status, 200)
      assert.deepEqual(res.body, { active: false })
    }
  })

  it('requires HTTP Basic client authentication', async () => {
    const token = await passwordToken(t.domain, 'alice@example.com')
    const none = await postForm(url, { token })
    assert.equal(none.status, 401)
    assert.equal(none.body.error, 'invalid_client')
    assert.match(none.headers.get('www-authenticate') ?? '', /^Basic/)
    const wrong = await postForm(
      url,
      { token },
      { Authorization: basic(t.domain.devClient.clientId, 'wrong') },
    )
    assert.equal(wrong.status, 401)
    const posted = await postForm(url, {
      token,
      client_id: t.domain.devClient.clientId,
      client_secret: t.domain.devClient.clientSecret,
    })
    assert.equal(posted.status, 401, 'client_secret_post is not accepted here')
    const missing = await postForm(url, {}, { Authorization: auth })
    assert.equal(missing.status, 400)
    assert.equal(missing.body.error, 'invalid_request')
  })

  it('counts authenticated introspections', async () => {
    const count = async () => {
      const text = await (await fetch(`${t.domain.url}/metrics`)).text()
      return Number(/^identity_domain_introspections_total (\d+)$/m.exec(text)![1])
    }
    const before = await count()
    await postForm(url, { token: 'x' }, { Authorization: auth })
    await postForm(url, { token: 'x' })
    assert.equal(await count(), before + 1)
  })
})
