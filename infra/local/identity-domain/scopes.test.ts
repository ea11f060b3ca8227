// Scope names, audience-prefixed scopes, and narrowing.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { grantScopes, isProjectScope, requestedScopes } from './scopes.ts'

describe('scopes', () => {
  it('knows the project scope names', () => {
    for (const s of ['oci-mcp.read', 'oci-mcp.write', 'oci-mcp.objectstorage.read', 'oci-mcp.cost.write']) {
      assert.ok(isProjectScope(s), s)
    }
    for (const s of ['openid', 'oci-mcp.admin', 'oci-mcp.', 'oci-mcp.a.b.read', 'xoci-mcp.read']) {
      assert.ok(!isProjectScope(s), s)
    }
  })

  it('strips the IDCS audience prefix and removes duplicates', () => {
    assert.deepEqual(requestedScopes('aud oci-mcp.read  audoci-mcp.read audoci-mcp.write', 'aud'), [
      'aud',
      'oci-mcp.read',
      'oci-mcp.write',
    ])
    assert.equal(requestedScopes(undefined, 'aud'), undefined)
    assert.equal(requestedScopes('   ', 'aud'), undefined)
  })

  it('grants the intersection, defaults when nothing was requested, and refuses an empty result', () => {
    assert.deepEqual(grantScopes(['oci-mcp.read', 'oci-mcp.write'], [], ['oci-mcp.read']), ['oci-mcp.read'])
    assert.deepEqual(grantScopes(undefined, ['oci-mcp.read', 'oci-mcp.write'], 'any', ['oci-mcp.write']), [
      'oci-mcp.write',
    ])
    assert.deepEqual(grantScopes(['oci-mcp.network.read'], [], 'any'), ['oci-mcp.network.read'])
    assert.throws(() => grantScopes(['oci-mcp.write'], [], ['oci-mcp.read']), { code: 'invalid_scope' })
    assert.throws(() => grantScopes(['openid'], [], 'any'), { code: 'invalid_scope' })
  })
})
