// Introspection mode against the development identity domain: active tokens accepted and cached, others refused.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { type IdentityDomain, startIdentityDomain } from '../../infra/local/identity-domain/index.ts'
import { authenticate } from './caller.ts'
import { introspectionCount } from './introspect.ts'

const dir = mkdtempSync(join(tmpdir(), 'introspect-'))
let idcs: IdentityDomain
let env: NodeJS.ProcessEnv

before(async () => {
  idcs = await startIdentityDomain({ port: 0, dataDir: dir, audience: 'oci-mcp-functions' })
  env = {
    MCP_TOKEN_VALIDATION: 'introspection',
    MCP_INTROSPECTION_URL: `${idcs.url}/oauth2/v1/introspect`,
    MCP_TOKEN_EXCHANGE_CLIENT_ID: idcs.devClient.clientId,
    MCP_TOKEN_EXCHANGE_CLIENT_SECRET: idcs.devClient.clientSecret,
    MCP_TOKEN_AUDIENCE: 'oci-mcp-functions',
  }
})
after(async () => {
  await idcs.close()
  rmSync(dir, { recursive: true, force: true })
})

async function token(scope = 'oci-mcp.read'): Promise<string> {
  const res = await fetch(idcs.tokenUrl, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${idcs.devClient.clientId}:${idcs.devClient.clientSecret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope }),
  })
  return ((await res.json()) as { access_token: string }).access_token
}

const bearer = (t: string) => new Headers({ authorization: `Bearer ${t}` })

describe('MCP_TOKEN_VALIDATION=introspection', () => {
  it('accepts an active token with its scopes, and reuses the answer', async () => {
    const t = await token()
    const before = introspectionCount()
    const caller = await authenticate(bearer(t), env)
    assert.equal(caller.claims.sub, idcs.devClient.clientId)
    assert.deepEqual([...caller.scopes], ['oci-mcp.read'])
    await authenticate(bearer(t), env)
    assert.equal(introspectionCount() - before, 1)
  })

  it('refuses a token the domain does not know, and one for another audience', async () => {
    await assert.rejects(authenticate(bearer('not.a.token'), env), { code: 'ERR_AUTH_INVALID_TOKEN' })
    await assert.rejects(
      authenticate(bearer(await token()), { ...env, MCP_TOKEN_AUDIENCE: 'someone-else' }),
      {
        code: 'ERR_AUTH_INVALID_TOKEN',
      },
    )
  })
})
