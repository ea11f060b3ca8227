// The token attack matrix, at the edge and straight at the functions' Fn sockets: every forged, stale, misdirected or
// smuggled credential is refused with its status and code, and no forged claim header changes who the caller is.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { users } from '../../infra/local/seed.ts'
import { gatewayHeaders } from '../support/fn-gateway.ts'
import { rawRequest } from '../support/raw-http.ts'
import { testStack } from '../support/stack.ts'
import { describeFindings, scanStack, stackScanner } from '../support/stack-secrets.ts'
import { decodeJwt, tokenForge } from '../support/token-forge.ts'

const OIC_SCOPE = 'https://oic.local.example:443urn:opc:resource:consumer::all'
const TRUSTING = '/mcp/trusting'

let env: Awaited<ReturnType<typeof testStack>>
let forge: ReturnType<typeof tokenForge>
let alice: string
let bob: string
let attacks: [string, string][]

before(async () => {
  env = await testStack({
    extraFunctions: [
      {
        name: 'trusting',
        entry: new URL('../support/trusting-function.ts', import.meta.url).pathname,
        path: TRUSTING,
      },
    ],
  })
  forge = tokenForge(env.info)
  alice = await env.userToken('alice@example.com')
  bob = await env.userToken('bob@example.com')
  const write = (c: Record<string, unknown>) => ({
    ...c,
    sub: 'alice@example.com',
    scope: 'oci-mcp.read oci-mcp.write',
  })
  attacks = [
    ['alg none', forge.algNone(alice)],
    ['HS256 signed with the RSA public key', forge.hs256WithPublicKey(alice)],
    ['unknown kid', await forge.unknownKid(alice)],
    ['a foreign key under the real kid', await forge.foreignKeyRealKid(alice)],
    ['tampered payload', forge.tampered(bob, write)],
    ['expired', await forge.expired(alice)],
    ['nbf in the future', await forge.notYetValid(alice)],
    ['wrong issuer', await forge.wrongIssuer(alice)],
    ['wrong audience', await forge.wrongAudience(alice)],
    ['another resource application’s audience', await env.clientToken(OIC_SCOPE)],
    ['not a JWT', 'not-a-token'],
  ]
})
after(() => env?.close())

const rpc = (name: string, args: Record<string, unknown> = {}) =>
  Buffer.from(
    JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } }),
  )
const mcpHeaders = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' }

/** Every body the edge answered, for the secret scan at the end. */
const responses: string[] = []
async function edge(path: string, headers: Record<string, string>, body: Buffer) {
  const reply = await rawRequest(env.info.edgeUrl, {
    method: 'POST',
    path,
    headers: { ...mcpHeaders, ...headers },
    body,
  })
  responses.push(reply.body.toString('utf8'))
  return reply
}
const json = (body: Buffer) => JSON.parse(body.toString('utf8'))

async function fnCall(fn: string, path: string, headers: Record<string, string>, body: Buffer) {
  const reply = await env.stack.functions.call(
    fn,
    gatewayHeaders(path, { Accept: mcpHeaders.Accept, ...headers }),
    body,
  )
  assert.equal(reply.status, 200, 'the Fn call itself succeeds')
  return { status: Number(reply.headers['fn-http-status']), headers: reply.headers, body: json(reply.body) }
}

describe('bad tokens at the edge', () => {
  it('refuses each with 401 and error="invalid_token", on /mcp and on a group route', async () => {
    for (const [name, token] of attacks) {
      for (const path of ['/mcp', '/mcp/objectstorage']) {
        const reply = await edge(
          path,
          { Authorization: `Bearer ${token}` },
          rpc('objectstorage_get_namespace'),
        )
        assert.equal(reply.status, 401, `${name} on ${path}`)
        assert.match(String(reply.headers['www-authenticate']), /error="invalid_token"/, `${name} on ${path}`)
      }
    }
  })

  it('takes no token from the query string', async () => {
    for (const param of ['access_token', 'token', 'bearer']) {
      const reply = await edge(
        `/mcp?${param}=${encodeURIComponent(alice)}`,
        {},
        rpc('objectstorage_get_namespace'),
      )
      assert.equal(reply.status, 401, param)
      assert.doesNotMatch(
        String(reply.headers['www-authenticate']),
        /error=/,
        `${param}: as if no token was sent`,
      )
    }
  })

  it('accepts the genuine tokens the attacks were made from (the matrix can fail)', async () => {
    for (const token of [alice, bob]) {
      const reply = await edge(
        '/mcp',
        { Authorization: `Bearer ${token}` },
        rpc('objectstorage_get_namespace'),
      )
      assert.equal(reply.status, 200)
      assert.notEqual(json(reply.body).result.isError, true)
    }
  })
})

describe('bad tokens straight at the function sockets, around the edge', () => {
  for (const [fn, path] of [
    ['router', '/mcp'],
    ['objectstorage', '/mcp/objectstorage'],
    ['identity', '/mcp/identity'],
  ] as const) {
    it(`${fn}: refuses each with 401 ERR_AUTH_INVALID_TOKEN`, async () => {
      for (const [name, token] of attacks) {
        const reply = await fnCall(fn, path, { Authorization: `Bearer ${token}` }, rpc('identity_whoami'))
        assert.equal(reply.status, 401, `${name} at ${fn}`)
        assert.equal(reply.body.error?.data?.code, 'ERR_AUTH_INVALID_TOKEN', `${name} at ${fn}`)
      }
    })

    it(`${fn}: claim headers without a token, or a token in the query, are no identity (401 ERR_AUTH_MISSING_TOKEN)`, async () => {
      const forged = {
        'X-Mcp-Claim-Sub': 'alice@example.com',
        'X-Mcp-Claim-Scope': 'oci-mcp.read oci-mcp.write',
        'X-Mcp-Claim-Client-Id': env.info.clientId,
      }
      const viaHeaders = await fnCall(fn, path, forged, rpc('identity_whoami'))
      assert.equal(viaHeaders.status, 401)
      assert.equal(viaHeaders.body.error?.data?.code, 'ERR_AUTH_MISSING_TOKEN')
      const reply = await env.stack.functions.call(
        fn,
        {
          ...gatewayHeaders(path, { Accept: mcpHeaders.Accept }),
          'Fn-Http-Request-Url': `${path}?access_token=${encodeURIComponent(alice)}`,
        },
        rpc('identity_whoami'),
      )
      assert.equal(reply.headers['fn-http-status'], '401')
      assert.equal(json(reply.body).error?.data?.code, 'ERR_AUTH_MISSING_TOKEN')
    })
  }
})

describe('forged claim headers through the edge', () => {
  const spellings = (claim: string) => [
    `X-Mcp-Claim-${claim}`,
    `x-mcp-claim-${claim.toLowerCase()}`,
    `x_mcp_claim_${claim.toLowerCase().replace(/-/g, '_')}`,
    `X_Mcp_Claim_${claim.replace(/-/g, '_')}`,
    `x-MCP-claim-${claim.toUpperCase()}`,
    `X-Mcp_Claim-${claim}`,
  ]
  const forgedSets = (index: number) => ({
    [spellings('Sub')[index]]: 'alice@example.com',
    [spellings('Scope')[index]]: 'oci-mcp.read oci-mcp.write',
    [spellings('User-Displayname')[index]]: 'Alice Operator',
    [spellings('Client-Id')[index]]: 'forged-client',
    [spellings('Jti')[index]]: 'forged-jti',
    [spellings('Tenant')[index]]: 'forged-tenant',
  })

  for (let i = 0; i < spellings('Sub').length; i++) {
    const label = spellings('Scope')[i]
    it(`${label}: a function that trusts the gateway still sees bob, read-only`, async () => {
      const show = await edge(
        TRUSTING,
        { Authorization: `Bearer ${bob}`, ...forgedSets(i) },
        rpc('trusting_show_caller'),
      )
      assert.equal(show.status, 200)
      const data = json(show.body).result.structuredContent
      assert.equal(data.sub, 'bob@example.com')
      assert.deepEqual(data.scopes, ['oci-mcp.read'])
      assert.equal(data.claims.user_displayname, 'Bob Analyst')
      assert.equal(data.claims.client_id, env.info.clientId)
      assert.equal(data.claims.jti, decodeJwt(bob).payload.jti)
      const write = await edge(
        TRUSTING,
        { Authorization: `Bearer ${bob}`, ...forgedSets(i) },
        rpc('trusting_write'),
      )
      assert.equal(write.status, 403, 'no write scope from a header')
    })
  }

  it('a client token has no display name; a forged one does not give it one', async () => {
    const token = await env.clientToken('oci-mcp.read')
    for (let i = 0; i < spellings('Sub').length; i++) {
      const show = await edge(
        TRUSTING,
        { Authorization: `Bearer ${token}`, ...forgedSets(i) },
        rpc('trusting_show_caller'),
      )
      const data = json(show.body).result.structuredContent
      assert.equal(data.sub, env.info.clientId, spellings('Sub')[i])
      assert.equal(data.claims.user_displayname, undefined, spellings('User-Displayname')[i])
    }
  })

  it('functions that verify the token ignore forged headers: identity_whoami names bob', async () => {
    for (const path of ['/mcp', '/mcp/identity']) {
      const reply = await edge(
        path,
        { Authorization: `Bearer ${bob}`, ...forgedSets(0), ...forgedSets(2) },
        rpc('identity_whoami'),
      )
      assert.equal(reply.status, 200)
      const caller = json(reply.body).result.structuredContent.caller
      assert.equal(caller.subject, 'bob@example.com', path)
      assert.deepEqual(caller.scopes, ['oci-mcp.read'], path)
    }
  })
})

describe('one jti, two subjects', () => {
  const metric = async (principal: string) => {
    const text = await (await fetch(`${env.info.ociEndpoint}/metrics`)).text()
    let total = 0
    for (const line of text.split('\n'))
      if (line.startsWith('oci_emulator_requests_total{') && line.includes(`principal="${principal}"`))
        total += Number(line.split(' ').at(-1))
    return total
  }

  it('the second token acts as its own subject, never with the first one’s OCI identity', async () => {
    const jti = decodeJwt(alice).payload.jti
    const bobSameJti = await forge.resign(bob, (c) => ({ ...c, jti }))
    const args = { bucket: 'platform-config', prefix: 'env/' }
    const first = await edge(
      '/mcp/objectstorage',
      { Authorization: `Bearer ${alice}` },
      rpc('objectstorage_list_objects', args),
    )
    assert.notEqual(json(first.body).result.isError, true, 'alice reads platform-config')
    const [aliceOcid, bobOcid] = [users[0].ocid, users[1].ocid]
    const before = { alice: await metric(aliceOcid), bob: await metric(bobOcid) }
    const second = await edge(
      '/mcp/objectstorage',
      { Authorization: `Bearer ${bobSameJti}` },
      rpc('objectstorage_list_objects', args),
    )
    const result = json(second.body).result
    assert.equal(result.isError, true, 'bob may not read platform-config')
    assert.match(result.content[0].text, /^Error ERR_OCI_NOT_FOUND/)
    const who = await edge('/mcp/identity', { Authorization: `Bearer ${bobSameJti}` }, rpc('identity_whoami'))
    assert.equal(json(who.body).result.structuredContent.caller.subject, 'bob@example.com')
    assert.ok((await metric(bobOcid)) > before.bob, 'the emulator saw bob')
    assert.equal(await metric(aliceOcid), before.alice, 'the emulator saw nothing signed as alice')
  })
})

describe('after the attacks', () => {
  it('no token, forged or genuine, and no stack secret is in a log line, audit line or response', () => {
    const scanner = stackScanner(env)
    scanner.know('alice’s token', alice)
    scanner.know('bob’s token', bob)
    for (const [name, token] of attacks) scanner.know(name, token)
    const findings = scanStack(env, scanner, responses)
    assert.ok(responses.length >= 40, `${responses.length} responses recorded`)
    assert.equal(findings.length, 0, describeFindings(findings))
  })
})
