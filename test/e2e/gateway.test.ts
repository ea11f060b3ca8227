// The gateway end to end: server-everything (an MCP server by others, its own process) behind the router's /mcp,
// called by both SDK generations through the edge beside our tools; killed, it is quarantined and its tools
// leave the list while ours keep answering; started again, it comes back.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Client as Client2, StreamableHTTPClientTransport as Http2 } from '@modelcontextprotocol/client'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { validate } from '@readme/openapi-parser'
import { testStack } from '../support/stack.ts'

let env: Awaited<ReturnType<typeof testStack>>
let token: string

before(async () => {
  env = await testStack({
    everythingBackendPort: 0,
    // One router container, so that the backend's state the steps below read is the one they changed.
    maxContainers: 1,
    // Every list fetches again and one failure quarantines: each step below is decided by the one before it.
    functionEnv: {
      MCP_BACKEND_CACHE_TTL_MS: '1',
      MCP_BACKEND_PROBE_INTERVAL_MS: '1',
      MCP_BACKEND_FAILURE_THRESHOLD: '1',
    },
  })
  token = await env.clientToken()
})
after(async () => {
  await env?.close()
})

interface Result {
  content: { type: string; text?: string }[]
  structuredContent?: Record<string, unknown>
  isError?: boolean
}
interface AnyClient {
  listTools(): Promise<{ tools: { name: string; annotations?: Record<string, unknown> }[] }>
  callTool(p: { name: string; arguments: Record<string, unknown> }): Promise<unknown>
  close(): Promise<void>
}

async function client1(): Promise<AnyClient> {
  const c = new Client({ name: 'e2e-gateway-1', version: '1.0.0' })
  await c.connect(
    new StreamableHTTPClientTransport(new URL(env.info.mcpUrl), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  )
  return c as unknown as AnyClient
}

async function client2(): Promise<AnyClient> {
  const c = new Client2({ name: 'e2e-gateway-2', version: '2.0.0' }, { versionNegotiation: { mode: 'auto' } })
  await c.connect(
    new Http2(new URL(env.info.mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }),
  )
  return c as unknown as AnyClient
}

const call = async (c: AnyClient, name: string, args: Record<string, unknown> = {}) =>
  (await c.callTool({ name, arguments: args })) as Result
const textOf = (r: Result) => r.content.map((c) => c.text ?? '').join('\n')
const healthOf = async (c: AnyClient) =>
  (
    (await call(c, 'gateway_health', { backend: 'everything', response_format: 'json' }))
      .structuredContent as {
      backends: { status: string }[]
    }
  ).backends[0].status

for (const [generation, open] of [
  ['1.x', client1],
  ['2.x', client2],
] as const) {
  describe(`the ${generation} SDK client through /mcp`, () => {
    it('lists and calls a backend tool and one of ours', async () => {
      const c = await open()
      try {
        const tools = (await c.listTools()).tools
        const echo = tools.find((t) => t.name === 'everything__echo')
        assert.ok(echo, 'the backend’s echo, namespaced')
        assert.equal(echo.annotations?.readOnlyHint, true)
        assert.ok(tools.some((t) => t.name === 'objectstorage_get_namespace'))
        const r = await call(c, 'everything__echo', { message: `hello from ${generation}` })
        assert.equal(r.isError, undefined)
        assert.match(textOf(r), new RegExp(`hello from ${generation}`))
        const ours = await call(c, 'objectstorage_get_namespace', { response_format: 'json' })
        assert.equal(ours.isError, undefined)
        assert.equal(typeof ours.structuredContent?.namespace, 'string')
      } finally {
        await c.close()
      }
    })
  })
}

describe('a backend that dies', () => {
  it('is quarantined, its tools leave the list and calls say so, ours keep answering; restarted, it is back', async () => {
    const everything = env.stack.everything
    assert.ok(everything)
    const c = await client1()
    try {
      assert.equal(await healthOf(c), 'healthy')
      await everything.kill()
      assert.equal(await healthOf(c), 'quarantined')
      const names = (await c.listTools()).tools.map((t) => t.name)
      assert.ok(!names.some((n) => n.startsWith('everything__')), 'its tools are withdrawn')
      assert.ok(names.includes('objectstorage_get_namespace'))
      const ours = await call(c, 'objectstorage_get_namespace', {})
      assert.equal(ours.isError, undefined)
      const refused = await call(c, 'everything__echo', { message: 'anyone?' })
      assert.equal(refused.isError, true)
      assert.match(textOf(refused), /^Error ERR_BACKEND_QUARANTINED/)

      await everything.start()
      assert.equal(await healthOf(c), 'healthy')
      const back = (await c.listTools()).tools.map((t) => t.name)
      assert.ok(back.includes('everything__echo'))
      const r = await call(c, 'everything__echo', { message: 'back again' })
      assert.match(textOf(r), /back again/)
    } finally {
      await c.close()
    }
  })

  it('audits backend calls like ours', async () => {
    const { readFileSync } = await import('node:fs')
    const lines = readFileSync(env.info.auditLog, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { function: string; tool: string; outcome: string; argsDigest: string })
    const echo = lines.filter((l) => l.tool === 'everything__echo')
    assert.ok(echo.some((l) => l.function === 'router' && l.outcome === 'ok'))
    assert.ok(echo.some((l) => l.outcome === 'tool_error'))
    assert.ok(echo.every((l) => l.argsDigest.startsWith('sha256:')))
    assert.ok(!JSON.stringify(lines).includes('anyone?'), 'arguments are digested, never logged')
  })
})

describe('REST through the edge', () => {
  const rest = (path: string, init: RequestInit = {}, auth = true) =>
    fetch(`${env.info.edgeUrl}${path}`, {
      ...init,
      headers: {
        ...(auth ? { Authorization: `Bearer ${token}` } : {}),
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      },
    })

  it('serves a valid OpenAPI 3.1 document of ours and the backend’s tools, behind the same authentication', async () => {
    assert.equal((await rest('/openapi.json', {}, false)).status, 401)
    const res = await rest('/openapi.json?group=everything,objectstorage')
    assert.equal(res.status, 200)
    const doc = (await res.json()) as { paths: Record<string, unknown> }
    const result = await validate(structuredClone(doc) as never)
    assert.deepEqual(result.valid ? [] : result.errors, [])
    assert.ok('/tools/everything__get-sum' in doc.paths && '/tools/objectstorage_list_buckets' in doc.paths)
    assert.ok(Object.keys(doc.paths).length <= 30)
  })

  it('calls a backend tool and one of ours with POST /tools/{name}; failures are problem details', async () => {
    const sum = await rest('/tools/everything__get-sum', {
      method: 'POST',
      body: JSON.stringify({ a: 2, b: 3 }),
    })
    assert.equal(sum.status, 200)
    assert.match(JSON.stringify(await sum.json()), /5/)
    const ns = await rest('/tools/objectstorage_get_namespace', { method: 'POST', body: '{}' })
    assert.equal(ns.status, 200)
    assert.equal(typeof ((await ns.json()) as { namespace?: unknown }).namespace, 'string')
    const bad = await rest('/tools/objectstorage_list_objects', { method: 'POST', body: '{}' })
    assert.equal(bad.status, 400)
    assert.equal(bad.headers.get('content-type'), 'application/problem+json')
    assert.equal(((await bad.json()) as { code: string }).code, 'ERR_INPUT_INVALID')
  })
})
