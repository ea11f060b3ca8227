// The router's own credentials for a backend, each against a real counterpart on loopback: OAuth client
// credentials from the development identity domain, an OCI HTTP signature by the router's resource principal (checked
// with the OCI emulator's verifier), and a bearer token read from Vault by OCID. The caller's token never leaves.
import assert from 'node:assert/strict'
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createRemoteJWKSet, jwtVerify } from 'jose'
import { startTestDomain, type TestDomain } from '../../../infra/local/identity-domain/testing.ts'
import { verifyRequest } from '../../../infra/local/oci-emulator/signature.ts'
import { resourcePrincipalEnv } from '../../../infra/local/resource-principal.ts'
import { startTestBackend, type TestBackend } from '../../../test/support/mcp-backend.ts'
import { setAuditSink } from '../../core/audit.ts'
import type { Caller } from '../../core/caller.ts'
import { McpFunctionsError } from '../../core/errors.ts'
import type { RequestContext } from '../../core/protocol.ts'
import { parseScopes } from '../../core/scopes.ts'
import { ownToolNames, routerApp } from '../app.ts'
import { Gateway } from './gateway.ts'
import { loadBackends } from './load.ts'

setAuditSink(() => {})

const CALLER_TOKEN = 'caller-token-that-must-stay-here'
const SECRET_OCID = 'ocid1.vaultsecret.oc1.iad.aaaabackendtoken'
const VAULT_TOKEN = 'token-from-vault'

let idcs: TestDomain
let backend: TestBackend
let vaultBacked: TestBackend
let vault: Server
let vaultUrl = ''
const vaultSaw: { secretId: string; principal: string }[] = []
const rpDir = mkdtempSync(join(tmpdir(), 'router-rp-'))
let rpEnv: Record<string, string>
let routerKey: KeyObject

type Recorded = TestBackend['requests'][number]

/** The emulator's verifier, with the key an ST$ keyId carries: an RPST the domain signed, holding a jwk. */
async function verifyRecorded(r: {
  method: string
  path: string
  headers: Record<string, string>
  body: string
}) {
  const jwks = createRemoteJWKSet(new URL(idcs.domain.securityTokenJwksUrl))
  return verifyRequest(
    { method: r.method, target: r.path, headers: r.headers, body: Buffer.from(r.body), bodySigned: true },
    async (keyId) => {
      assert.ok(keyId.startsWith('ST$'), 'a session-token keyId')
      const { payload } = await jwtVerify(keyId.slice(3), jwks, { algorithms: ['RS256'] })
      const publicKey = createPublicKey({ key: JSON.parse(String(payload.jwk)), format: 'jwk' })
      return { publicKey, principal: String(payload.sub) }
    },
    { clockSkewSeconds: 300 },
  )
}

const ctx = (env: NodeJS.ProcessEnv): RequestContext => {
  const caller: Caller = {
    claims: { sub: 'alice', scope: 'oci-mcp.read' },
    scopes: parseScopes('oci-mcp.read'),
    token: CALLER_TOKEN,
  }
  return { caller, callId: 'c', headers: new Headers({ authorization: `Bearer ${CALLER_TOKEN}` }), env }
}

const noInvoke = async () => {
  throw new McpFunctionsError('ERR_INVOKE_FAILED', 'no groups here')
}

/** A router whose only backend is `declaration`; lists its tools and calls its echo. */
async function listAndEcho(declaration: Record<string, unknown>, env: NodeJS.ProcessEnv) {
  const gateway = new Gateway({ load: (e) => loadBackends(e, { backends: [declaration] }) }, ownToolNames([]))
  const app = routerApp([], noInvoke, gateway)
  await gateway.refresh(env)
  const name = `${declaration.name}__echo`
  const listed = app.listTools(ctx(env)).some((t) => t.name === name)
  const result = await app.callTool(name, { message: 'hi' }, ctx(env)).catch((error: unknown) => error)
  return { gateway, listed, result }
}

const baseEnv = { MCP_BACKEND_TIMEOUT_MS: '15000', MCP_BACKEND_CACHE_TTL_MS: '60000' }

before(async () => {
  idcs = await startTestDomain()
  rpEnv = await resourcePrincipalEnv(idcs.domain, rpDir, 'us-ashburn-1', 'router')
  // The SDK's resource-principal provider reads these from the process, as it does in a function.
  Object.assign(process.env, rpEnv)
  routerKey = createPublicKey(createPrivateKey(readFileSync(rpEnv.OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM)))
  backend = await startTestBackend()
  vaultBacked = await startTestBackend({ token: VAULT_TOKEN })
  // Vault's secret-bundle read, as the Secrets service answers it, for a request signed by the router.
  vault = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]))
    const secretId = decodeURIComponent(/\/secretbundles\/([^/?]+)/.exec(req.url ?? '')?.[1] ?? '')
    try {
      const principal = await verifyRecorded({
        method: req.method ?? '',
        path: req.url ?? '',
        headers,
        body: Buffer.concat(chunks).toString(),
      })
      vaultSaw.push({ secretId, principal })
    } catch {
      res.writeHead(401, { 'Content-Type': 'application/json' })
      return void res.end('{"code":"NotAuthenticated"}')
    }
    if (secretId !== SECRET_OCID) {
      res.writeHead(404, { 'Content-Type': 'application/json' })
      return void res.end('{"code":"NotAuthorizedOrNotFound"}')
    }
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end(
      JSON.stringify({
        secretId,
        versionNumber: 1,
        stages: ['CURRENT'],
        secretBundleContent: { contentType: 'BASE64', content: Buffer.from(VAULT_TOKEN).toString('base64') },
      }),
    )
  })
  await new Promise<void>((r) => vault.listen(0, '127.0.0.1', r))
  vaultUrl = `http://127.0.0.1:${(vault.address() as AddressInfo).port}`
})

after(async () => {
  for (const k of Object.keys(rpEnv ?? {})) delete process.env[k]
  await backend?.close()
  await vaultBacked?.close()
  await new Promise<void>((r) => (vault ? vault.close(() => r()) : r()))
  await idcs?.dispose()
  rmSync(rpDir, { recursive: true, force: true })
})

describe('oauth_client_credentials', () => {
  const declaration = () => ({
    name: 'cc',
    url: backend.url,
    auth_method: {
      method: 'oauth_client_credentials',
      token_url: idcs.domain.tokenUrl,
      client_id: idcs.domain.devClient.clientId,
      client_secret: { env: 'CC_CLIENT_SECRET' },
      scope: 'oci-mcp.read',
    },
  })

  it('sends the token the identity domain issued to the router’s client, one grant reused; never the caller’s', async () => {
    backend.requests.length = 0
    const env = { ...baseEnv, CC_CLIENT_SECRET: idcs.domain.devClient.clientSecret }
    const { listed, result } = await listAndEcho(declaration(), env)
    assert.equal(listed, true)
    assert.deepEqual((result as { structuredContent: unknown }).structuredContent, { echoed: 'hi' })
    const seen = new Set(backend.requests.map((r) => r.headers.authorization))
    assert.equal(seen.size, 1, 'one token for the list and the call')
    const [authorization] = seen
    assert.match(authorization, /^Bearer /)
    assert.ok(!authorization.includes(CALLER_TOKEN))
    const jwks = createRemoteJWKSet(new URL(idcs.domain.jwksUrl))
    const { payload } = await jwtVerify(authorization.slice('Bearer '.length), jwks, {
      issuer: 'https://identity.oraclecloud.com/',
    })
    assert.equal(payload.client_id, idcs.domain.devClient.clientId)
    assert.equal(payload.sub, idcs.domain.devClient.clientId)
    assert.equal(payload.scope, 'oci-mcp.read')
    assert.ok(backend.requests.every((r) => !JSON.stringify(r).includes(CALLER_TOKEN)))
  })

  it('a client secret the domain refuses: the backend is unavailable and never contacted', async () => {
    backend.requests.length = 0
    const env = { ...baseEnv, CC_CLIENT_SECRET: 'wrong' }
    const { gateway, listed, result } = await listAndEcho({ ...declaration(), name: 'ccbad' }, env)
    assert.equal(listed, false)
    assert.equal(gateway.state('ccbad').lastError?.code, 'ERR_BACKEND_UNAVAILABLE')
    assert.ok(result instanceof Error || (result as { isError?: boolean }).isError)
    assert.deepEqual(backend.requests, [])
  })
})

describe('resource_principal', () => {
  it('signs every request with the router’s resource principal: the emulator’s verifier accepts it, with the router’s key', async () => {
    backend.requests.length = 0
    const { listed, result } = await listAndEcho(
      { name: 'rp', url: backend.url, auth_method: { method: 'resource_principal' } },
      { ...baseEnv, ...rpEnv },
    )
    assert.equal(listed, true)
    assert.deepEqual((result as { structuredContent: unknown }).structuredContent, { echoed: 'hi' })
    const posts = backend.requests.filter((r: Recorded) => r.method === 'POST')
    assert.ok(posts.length >= 2, 'the list and the call')
    const rpst = readFileSync(rpEnv.OCI_RESOURCE_PRINCIPAL_RPST, 'utf8').trim()
    for (const r of posts) {
      assert.match(r.headers.authorization, /^Signature /)
      assert.ok(r.headers.authorization.includes(`keyId="ST$${rpst}"`), 'the router’s RPST')
      assert.ok(!JSON.stringify(r).includes(CALLER_TOKEN))
      await verifyRecorded(r)
    }
    // The key the signature checks out with is the router's own.
    const { payload } = await jwtVerify(rpst, createRemoteJWKSet(new URL(idcs.domain.securityTokenJwksUrl)))
    const carried = createPublicKey({ key: JSON.parse(String(payload.jwk)), format: 'jwk' })
    assert.ok(carried.equals(routerKey))
    // And the verifier can fail: the same request with another body is refused.
    await assert.rejects(verifyRecorded({ ...posts[0], body: `${posts[0].body} ` }))
  })
})

describe('bearer', () => {
  it('from Vault by OCID: read with the router’s resource principal, sent as the bearer token', async () => {
    vaultBacked.requests.length = 0
    vaultSaw.length = 0
    const { listed, result } = await listAndEcho(
      {
        name: 'vaulted',
        url: vaultBacked.url,
        auth_method: { method: 'bearer', token: { ocid: SECRET_OCID } },
      },
      { ...baseEnv, ...rpEnv, OCI_ENDPOINT: vaultUrl },
    )
    assert.equal(listed, true)
    assert.deepEqual((result as { structuredContent: unknown }).structuredContent, { echoed: 'hi' })
    assert.ok(vaultBacked.requests.length > 0)
    assert.ok(vaultBacked.requests.every((r) => r.headers.authorization === `Bearer ${VAULT_TOKEN}`))
    assert.deepEqual(
      [...new Set(vaultSaw.map((v) => v.secretId))],
      [SECRET_OCID],
      'the secret read, signed by the router',
    )
  })

  it('from configuration (an environment variable); unset, the backend is unavailable and never contacted', async () => {
    vaultBacked.requests.length = 0
    const declaration = {
      name: 'configured',
      url: vaultBacked.url,
      auth_method: { method: 'bearer', token: { env: 'BACKEND_BEARER' } },
    }
    const ok = await listAndEcho(declaration, { ...baseEnv, BACKEND_BEARER: VAULT_TOKEN })
    assert.equal(ok.listed, true)
    assert.ok(vaultBacked.requests.every((r) => r.headers.authorization === `Bearer ${VAULT_TOKEN}`))
    vaultBacked.requests.length = 0
    const unset = await listAndEcho({ ...declaration, name: 'unset' }, baseEnv)
    assert.equal(unset.listed, false)
    assert.equal(unset.gateway.state('unset').lastError?.code, 'ERR_BACKEND_UNAVAILABLE')
    assert.deepEqual(vaultBacked.requests, [])
  })
})
