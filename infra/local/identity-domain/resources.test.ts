// Other resource applications: client-credentials tokens for, e.g., an Oracle Integration instance's audience.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { AUDIENCE, decodePayload, postForm, startTestDomain, type TestDomain } from './testing.ts'

const OIC = 'https://oic.local.example:443'
let t: TestDomain
before(async () => {
  t = await startTestDomain({ resources: [{ audience: OIC, scopes: ['urn:opc:resource:consumer::all'] }] })
})
after(() => t.dispose())

const basic = () => ({
  Authorization: `Basic ${Buffer.from(`${t.domain.devClient.clientId}:${t.domain.devClient.clientSecret}`).toString('base64')}`,
})

describe('resource applications', () => {
  it('issues a token whose audience is the resource’s, with only its scope', async () => {
    const r = await postForm(
      t.domain.tokenUrl,
      { grant_type: 'client_credentials', scope: `${OIC}urn:opc:resource:consumer::all` },
      basic(),
    )
    assert.equal(r.status, 200)
    const claims = decodePayload(String(r.body.access_token))
    assert.deepEqual(claims.aud, [OIC])
    assert.equal(claims.scope, 'urn:opc:resource:consumer::all')
    assert.equal(claims.sub_type, 'client')
  })

  it('refuses scopes the resource does not define, and keeps MCP tokens on the MCP audience', async () => {
    const bad = await postForm(
      t.domain.tokenUrl,
      { grant_type: 'client_credentials', scope: `${OIC}oci-mcp.read` },
      basic(),
    )
    assert.equal(bad.status, 400)
    assert.equal(bad.body.error, 'invalid_scope')
    const mcp = await postForm(
      t.domain.tokenUrl,
      { grant_type: 'client_credentials', scope: 'oci-mcp.read' },
      basic(),
    )
    assert.deepEqual(decodePayload(String(mcp.body.access_token)).aud, [AUDIENCE])
  })
})
