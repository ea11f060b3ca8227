// Issue 8/9: a client must not pass its own claim headers through the edge, in any spelling of their names.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { edgeFixture, rpcBody } from '../../test/support/edge-fixture.ts'

/** Every way a client might spell X-Mcp-Claim-Scope that a server or the FDK could fold into the real name. */
const SPELLINGS = [
  'X_Mcp_Claim_Scope',
  'x_mcp_claim_scope',
  'X-MCP-CLAIM-SCOPE',
  'x-mcp_claim-scope',
  'X_MCP-Claim_Scope',
]

let fx: Awaited<ReturnType<typeof edgeFixture>>
before(async () => {
  // The function trusts the gateway's claim headers (no second token check): the configuration the defect hit.
  fx = await edgeFixture({ functionEnv: { MCP_VERIFY_TOKEN: 'false', MCP_TRUST_CLAIM_HEADERS: 'true' } })
})
after(() => fx.close())

const post = (token: string, headers: Record<string, string>, body: string) =>
  fetch(fx.url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body,
  })

describe('edge: client-sent claim headers', () => {
  it('a read-only token cannot write by sending a scope claim header in any spelling', async () => {
    const token = await fx.issuer.sign({ sub: 'bob', scope: 'oci-mcp.read' })
    for (const name of SPELLINGS) {
      const res = await post(
        token,
        // Two copies: however the function joins this with the gateway's value, one stands alone.
        { [name]: 'oci-mcp.write oci-mcp.write' },
        rpcBody('tools/call', { name: 'sample_write_thing', arguments: {} }),
      )
      const body = (await res.json()) as { result?: unknown; error?: { data?: { code?: string } } }
      assert.equal(res.status, 403, `${name} must not grant a write`)
      assert.equal(body.result, undefined)
      assert.equal(body.error?.data?.code, 'ERR_AUTH_INSUFFICIENT_SCOPE')
    }
  })

  it('a client cannot become someone else by sending a subject claim header in any spelling', async () => {
    const token = await fx.issuer.sign({ sub: 'bob', scope: 'oci-mcp.read' })
    for (const name of SPELLINGS.map((s) => s.replace(/scope$/i, (m) => (m === 'SCOPE' ? 'SUB' : 'Sub')))) {
      const res = await post(
        token,
        { [name]: 'alice' },
        rpcBody('tools/call', { name: 'sample_echo_text', arguments: { text: 'x' } }),
      )
      assert.equal(res.status, 200)
      const body = (await res.json()) as { result: { structuredContent: { caller: string } } }
      assert.equal(body.result.structuredContent.caller, 'bob', `${name} must not change the caller`)
    }
  })
})
