// Zero-hop routing through the edge: a 2026-07-28 client's tools/call and resources/read (Mcp-Name) invoke the
// group's function alone; a 2025 client's (no Mcp-Name) goes through the router; headers that lie are refused.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Client as Client2, StreamableHTTPClientTransport as Http2 } from '@modelcontextprotocol/client'
import { testStack } from '../support/stack.ts'

let env: Awaited<ReturnType<typeof testStack>>
let token: string

before(async () => {
  env = await testStack()
  token = await env.clientToken()
})
after(async () => {
  await env?.close()
})

/** Invocations of each function while `run` runs. */
async function invocations(run: () => Promise<unknown>): Promise<Record<string, number>> {
  const host = env.stack.functions
  const before = Object.fromEntries(host.names.map((n) => [n, host.callsOf(n)]))
  await run()
  return Object.fromEntries(
    host.names.map((n) => [n, host.callsOf(n) - before[n]]).filter(([, d]) => d !== 0),
  )
}

/** A tools/call POST through the edge, with the given extra headers. */
const post = (params: Record<string, unknown>, headers: Record<string, string>) =>
  fetch(env.info.mcpUrl, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      'MCP-Protocol-Version': '2025-11-25',
      ...headers,
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params }),
  }).then(async (res) => ({ status: res.status, body: (await res.json()) as { error?: { code: number } } }))

describe('zero-hop routing at the edge', () => {
  it('sends a 2026 client’s tools/call and resources/read straight to the group: one invocation each', async () => {
    const client = new Client2({ name: 'zero-hop', version: '2' }, { versionNegotiation: { mode: 'auto' } })
    await client.connect(
      new Http2(new URL(env.info.mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }),
    )
    try {
      const call = await invocations(() => client.callTool({ name: 'identity_whoami', arguments: {} }))
      assert.deepEqual(call, { identity: 1 })
      const read = await invocations(() => client.readResource({ uri: 'oci://namespace' }))
      assert.deepEqual(read, { objectstorage: 1 })
      // Lists and the router's own tools stay with the router.
      assert.deepEqual(await invocations(() => client.listTools()), { router: 1 })
      const own = await invocations(() => client.callTool({ name: 'list_domains', arguments: {} }))
      assert.deepEqual(own, { router: 1 })
    } finally {
      await client.close()
    }
  })

  it('routes a 2025 request (no Mcp-Name) through the router: two invocations', async () => {
    // A plain POST, as a 2025-11-25 client sends it (this server is stateless: no session to open first). The
    // SDK client itself is not used here, since it also opens a GET stream at a moment of its own choosing.
    const call = await invocations(() => post({ name: 'identity_whoami', arguments: {} }, {}))
    assert.deepEqual(call, { router: 1, identity: 1 })
  })

  it('has the group refuse an Mcp-Name that names another tool than the body (-32020), whatever the revision', async () => {
    const res = await post(
      { name: 'objectstorage_get_namespace', arguments: {} },
      { 'Mcp-Method': 'tools/call', 'Mcp-Name': 'identity_whoami' },
    )
    assert.equal(res.status, 400)
    assert.equal(res.body.error?.code, -32020)
  })
})
