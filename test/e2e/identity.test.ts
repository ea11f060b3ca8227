// Every call runs as someone, provably: per-user OCI identity through token exchange, one exchange per token,
// OAuth discovery + authorization code with PKCE, scopes, mutations, and the audit trail — end to end.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { users } from '../../infra/local/seed.ts'
import { testStack } from '../support/stack.ts'

type Result = { content: { text: string }[]; structuredContent?: Record<string, unknown>; isError?: boolean }

let env: Awaited<ReturnType<typeof testStack>>
before(async () => {
  env = await testStack()
})
after(() => env?.close())

const metric = async (url: string, name: string, labels: Record<string, string> = {}) => {
  const text = await (await fetch(`${url}/metrics`)).text()
  let total = 0
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
      total += Number(line.split(' ').at(-1))
  }
  return total
}
const call = async (client: Client, name: string, args: Record<string, unknown> = {}) =>
  (await client.callTool({ name, arguments: args })) as Result
const mcpPost = (token: string, body: unknown) =>
  fetch(env.info.mcpUrl, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify(body),
  })

describe('identity, end to end', () => {
  it('runs each user’s call under their own OCI identity: alice reads platform buckets, bob gets OCI’s 404', async () => {
    const alice = await env.connect(await env.userToken('alice@example.com'))
    const bob = await env.connect(await env.userToken('bob@example.com'))
    const [aliceOcid, bobOcid] = [users[0].ocid, users[1].ocid]
    const before = {
      alice: await metric(env.info.ociEndpoint as string, 'oci_emulator_requests_total', {
        principal: aliceOcid,
      }),
      bob: await metric(env.info.ociEndpoint as string, 'oci_emulator_requests_total', {
        principal: bobOcid,
      }),
    }
    try {
      const args = { bucket: 'platform-config', prefix: 'env/' }
      const a = await call(alice, 'objectstorage_list_objects', args)
      assert.notEqual(a.isError, true, a.content[0]?.text)
      assert.ok(((a.structuredContent?.objects ?? []) as unknown[]).length >= 2)
      const b = await call(bob, 'objectstorage_list_objects', args)
      assert.equal(b.isError, true)
      assert.match(b.content[0].text, /ERR_OCI_NOT_FOUND[\s\S]*BucketNotFound/)
      const finance = await call(bob, 'objectstorage_list_objects', { bucket: 'finance-reports' })
      assert.notEqual(finance.isError, true, finance.content[0]?.text)
      const whoami = await call(bob, 'identity_whoami')
      assert.equal(((whoami.structuredContent?.oci ?? {}) as { signer: string }).signer, 'token_exchange')
    } finally {
      await alice.close()
      await bob.close()
    }
    assert.ok(
      (await metric(env.info.ociEndpoint as string, 'oci_emulator_requests_total', {
        principal: aliceOcid,
      })) > before.alice,
    )
    assert.ok(
      (await metric(env.info.ociEndpoint as string, 'oci_emulator_requests_total', { principal: bobOcid })) >
        before.bob,
    )
  })

  it('makes exactly one token exchange for 50 concurrent calls with one fresh token', async () => {
    const token = await env.userToken('alice@example.com')
    const exchanges = () =>
      metric(env.info.identityDomainUrl, 'identity_domain_token_exchanges_total', { outcome: 'issued' })
    const before = await exchanges()
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        mcpPost(token, {
          jsonrpc: '2.0',
          id: i,
          method: 'tools/call',
          params: { name: 'objectstorage_get_namespace', arguments: {} },
        }).then((r) => r.json()),
      ),
    )
    assert.ok(
      results.every((r) => r.result && !r.result.isError),
      'all 50 calls succeeded',
    )
    assert.equal((await exchanges()) - before, 1)
  })

  it('shows a read-only token no write tools and answers its write calls with 403 insufficient_scope', async () => {
    const token = await env.clientToken('oci-mcp.read')
    const client = await env.connect(token)
    try {
      const names = (await client.listTools()).tools.map((t) => t.name)
      assert.ok(names.includes('objectstorage_list_objects') && !names.includes('objectstorage_put_object'))
    } finally {
      await client.close()
    }
    const res = await mcpPost(token, {
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: {
        name: 'objectstorage_delete_object',
        arguments: { bucket: 'platform-config', name: 'README.md' },
      },
    })
    assert.equal(res.status, 403)
    assert.match(
      res.headers.get('www-authenticate') ?? '',
      /error="insufficient_scope", scope="oci-mcp\.objectstorage\.write"/,
    )
  })

  it('left one audit line per call, and no token, key or secret in any log', async () => {
    const audit = readFileSync(env.info.auditLog, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    const denied = audit.filter((a) => a.outcome === 'denied')
    assert.deepEqual(
      denied.map((a) => [a.tool, a.errorCode]),
      [['objectstorage_delete_object', 'ERR_AUTH_INSUFFICIENT_SCOPE']],
    )
    assert.ok(audit.filter((a) => a.tool === 'objectstorage_get_namespace').length >= 50)
    for (const a of audit)
      assert.ok(a.callId && a.principal?.sub && a.argsDigest?.startsWith('sha256:'), JSON.stringify(a))
    const logs = `${readFileSync(env.info.auditLog, 'utf8')}\n${env.lines.join('\n')}`
    assert.doesNotMatch(logs, /eyJ[A-Za-z0-9_-]{10,}\.eyJ/, 'no JWT in logs')
    assert.doesNotMatch(logs, /PRIVATE KEY/, 'no key in logs')
    for (const secret of [env.info.clientSecret, ...env.info.users.map((u) => u.password)])
      assert.ok(!logs.includes(secret), 'no secret in logs')
  })
})

describe('a deployment with mutations off', () => {
  let off: Awaited<ReturnType<typeof testStack>>
  before(async () => {
    off = await testStack({ enableMutations: false })
  })
  after(() => off?.close())

  it('lists no mutating tool and runs none, even for a write scope', async () => {
    const client = await off.connect(await off.clientToken('oci-mcp.read oci-mcp.write'))
    try {
      const { tools } = await client.listTools()
      assert.deepEqual(
        tools.filter((t) => t.annotations?.readOnlyHint === false).map((t) => t.name),
        [],
      )
      const r = await call(client, 'objectstorage_put_object', {
        bucket: 'platform-config',
        name: 'x.txt',
        content: 'x',
      })
      assert.equal(r.isError, true)
      assert.match(r.content[0].text, /ERR_MUTATIONS_DISABLED/)
      const still = await call(client, 'objectstorage_head_object', {
        bucket: 'platform-config',
        name: 'x.txt',
      })
      assert.match(still.content[0].text, /ERR_OCI_NOT_FOUND/, 'nothing was written')
    } finally {
      await client.close()
    }
  })
})
