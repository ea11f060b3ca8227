// After an end-to-end workload (users and a client, successes, refusals, tool errors, token exchanges, the OAuth
// facade), no log line, audit line or response body holds a token, UPST, private key, client secret or password.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { testStack } from '../support/stack.ts'
import { describeFindings, scanStack, stackScanner } from '../support/stack-secrets.ts'

let env: Awaited<ReturnType<typeof testStack>>
const responses: string[] = []

/** fetch that keeps every response body it sees, for the scan. */
const recordingFetch: typeof fetch = async (input, init) => {
  const res = await fetch(input, init)
  responses.push(await res.clone().text())
  return res
}

async function connect(token: string, path = '/mcp') {
  const client = new Client({ name: 'secret-scan', version: '1.0.0' })
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${env.info.edgeUrl}${path}`), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
      fetch: recordingFetch,
    }),
  )
  return client
}

before(async () => {
  env = await testStack()
})
after(() => env?.close())

describe('secrets stay out of logs and responses', () => {
  it('runs a workload that handles every kind of secret the stack has', async () => {
    const scanner = stackScanner(env)
    const tokens = {
      client: await env.clientToken(),
      alice: await env.userToken('alice@example.com'),
      bob: await env.userToken('bob@example.com'),
    }
    for (const [who, t] of Object.entries(tokens)) scanner.know(`${who}'s access token`, t)
    const alice = await connect(tokens.alice)
    const bob = await connect(tokens.bob, '/mcp/objectstorage')
    const client = await connect(tokens.client, '/mcp/identity')
    try {
      await alice.listTools()
      for (const [c, name, args] of [
        [alice, 'identity_whoami', {}],
        [alice, 'identity_get_token_claims', {}],
        [alice, 'objectstorage_put_object', { bucket: 'platform-config', name: 'scan/a.txt', content: 'a' }],
        [alice, 'objectstorage_get_object', { bucket: 'platform-config', name: 'scan/a.txt' }],
        [alice, 'objectstorage_get_object', { bucket: 'platform-config', name: 'scan/missing.txt' }],
        [bob, 'objectstorage_list_objects', { bucket: 'platform-config' }],
        [bob, 'objectstorage_list_objects', { bucket: 'finance-reports' }],
        [client, 'identity_whoami', {}],
        [client, 'identity_list_compartments', {}],
      ] as const) {
        await (c as Client).callTool({ name, arguments: args as Record<string, unknown> })
      }
      // A write with a read-only token is refused at the HTTP layer; the SDK throws.
      await assert.rejects(
        bob.callTool({ name: 'objectstorage_delete_object', arguments: { bucket: 'x', name: 'y' } }),
      )
    } finally {
      await Promise.all([alice.close(), bob.close(), client.close()])
    }
    // Refusals that quote what they refuse are where secrets leak: a forged token, a wrong password, a bad code.
    await assert.rejects(connect(`${tokens.alice.slice(0, -8)}AAAAAAAA`))
    const wrong = await recordingFetch(env.info.tokenUrl, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${env.info.clientId}:${env.info.clientSecret}x`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'password', username: 'bob@example.com', password: 'nope' }),
    })
    assert.equal(wrong.status, 401)
    const code = await recordingFetch(`${env.info.edgeUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: tokens.alice,
        redirect_uri: 'http://127.0.0.1:1/cb',
        client_id: env.info.clientId,
        code_verifier: 'v'.repeat(43),
      }),
    })
    assert.ok(code.status >= 400 && code.status < 500)
    assert.ok(responses.length >= 10, 'the recorder saw the workload')

    const findings = scanStack(env, scanner, responses)
    assert.equal(findings.length, 0, describeFindings(findings))
  })

  it('the scan can fail: a planted token in the stack log is found', () => {
    const scanner = stackScanner(env)
    scanner.know('planted', 'planted-secret-value-0123')
    env.lines.push('a careless line: planted-secret-value-0123')
    try {
      assert.ok(scanStack(env, scanner).some((f) => f.label === 'planted' && f.source === 'log'))
    } finally {
      env.lines.pop()
    }
  })
})
