// Both generations on one endpoint: 2026-07-28 envelopes and headers, 2025 handshakes, batches, malformed bodies.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { testIssuer } from '../../test/support/jwks.ts'
import { sampleImplementation } from '../../test/support/sample-group.ts'
import { groupApp } from './group-app.ts'
import { type HttpCall, handleMcpHttp } from './http.ts'

let issuer: Awaited<ReturnType<typeof testIssuer>>
let token: string
before(async () => {
  issuer = await testIssuer()
  token = await issuer.sign({ sub: 'alice', scope: 'oci-mcp.sample.read' })
})
after(() => issuer.close())

const app = groupApp(sampleImplementation)

async function post(body: unknown, headers: Record<string, string> = {}) {
  const call: HttpCall = {
    method: 'POST',
    url: '/mcp/sample',
    headers: new Headers({
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      ...headers,
    }),
    body: new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)),
    callId: 'call-1',
  }
  const reply = await handleMcpHttp(app, call, { ...issuer.env })
  return { ...reply, json: reply.body ? JSON.parse(reply.body) : undefined }
}

const V = '2026-07-28'
const meta = (version = V) => ({
  'io.modelcontextprotocol/protocolVersion': version,
  'io.modelcontextprotocol/clientInfo': { name: 't', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
})
const modern = (method: string, params: Record<string, unknown> = {}, version = V) => ({
  jsonrpc: '2.0',
  id: 7,
  method,
  params: { ...params, _meta: meta(version) },
})
const headersFor = (method: string, name?: string) => ({
  'mcp-protocol-version': V,
  'mcp-method': method,
  ...(name ? { 'mcp-name': name } : {}),
})
const legacy = (method: string, params?: unknown, id: number = 1) => ({ jsonrpc: '2.0', id, method, params })

describe('MCP 2026-07-28 beside 2025-11-25', () => {
  it('answers server/discover with the modern revisions, resultType and cache hints', async () => {
    const r = await post(modern('server/discover'), headersFor('server/discover'))
    assert.equal(r.status, 200)
    assert.deepEqual(r.json.result.supportedVersions, [V])
    assert.equal(r.json.result.resultType, 'complete')
    assert.ok(Number.isInteger(r.json.result.ttlMs) && r.json.result.ttlMs >= 0)
    assert.equal(r.json.result.cacheScope, 'private')
    assert.ok(r.json.result.capabilities.tools)
    assert.equal(r.json.result._meta['io.modelcontextprotocol/serverInfo'].name, 'oci-mcp-sample')
  })

  it('stamps resultType on every result and cache hints on lists and reads only', async () => {
    const list = await post(modern('tools/list'), headersFor('tools/list'))
    assert.equal(list.json.result.resultType, 'complete')
    assert.equal(typeof list.json.result.ttlMs, 'number')
    const read = await post(
      modern('resources/read', { uri: 'sample://things/a' }),
      headersFor('resources/read', 'sample://things/a'),
    )
    assert.equal(read.json.result.resultType, 'complete')
    assert.equal(read.json.result.ttlMs, 0)
    const call = await post(
      modern('tools/call', { name: 'sample_echo_text', arguments: { text: 'hi' } }),
      headersFor('tools/call', 'sample_echo_text'),
    )
    assert.equal(call.json.result.resultType, 'complete')
    assert.equal(call.json.result.ttlMs, undefined)
    const ping = await post(modern('ping'), headersFor('ping'))
    assert.equal(ping.json.result.resultType, 'complete')
  })

  it('leaves 2025 results as they were and knows no server/discover there', async () => {
    const list = await post(legacy('tools/list'), { 'mcp-protocol-version': '2025-11-25' })
    assert.equal(list.json.result.resultType, undefined)
    assert.equal(list.json.result.ttlMs, undefined)
    assert.equal((await post(legacy('server/discover'))).json.error.code, -32601)
  })

  it('refuses Mcp-Method / Mcp-Name / version headers that disagree with the body (400, -32020)', async () => {
    const body = modern('tools/call', { name: 'sample_echo_text', arguments: { text: 'hi' } })
    const cases: Record<string, string>[] = [
      headersFor('tools/list', 'sample_echo_text'),
      headersFor('tools/call', 'sample_write_thing'),
      headersFor('tools/call'),
      { 'mcp-protocol-version': V, 'mcp-name': 'sample_echo_text' },
      { 'mcp-method': 'tools/call', 'mcp-name': 'sample_echo_text' },
      { ...headersFor('tools/call', 'sample_echo_text'), 'mcp-protocol-version': '2025-11-25' },
      headersFor('tools/call', '=?base64?not base64?='),
    ]
    for (const headers of cases) {
      const r = await post(body, headers)
      assert.equal(r.status, 400, JSON.stringify(headers))
      assert.equal(r.json.error.code, -32020, JSON.stringify(headers))
      assert.equal(r.json.id, 7)
    }
  })

  it('refuses routing headers that disagree with a 2025 body too: the gateway routed on them', async () => {
    const body = legacy('tools/call', { name: 'sample_echo_text', arguments: { text: 'hi' } }, 9)
    const cases: Record<string, string>[] = [
      { 'mcp-name': 'sample_write_thing' },
      { 'mcp-method': 'tools/list' },
      { 'mcp-protocol-version': '2025-11-25', 'mcp-method': 'tools/call', 'mcp-name': 'other_tool' },
    ]
    for (const headers of cases) {
      const r = await post(body, headers)
      assert.equal(r.status, 400, JSON.stringify(headers))
      assert.equal(r.json.error.code, -32020, JSON.stringify(headers))
    }
    const agreeing = await post(body, { 'mcp-method': 'tools/call', 'mcp-name': 'sample_echo_text' })
    assert.equal(agreeing.status, 200)
    assert.equal(agreeing.json.result.isError, undefined)
  })

  it('accepts an Mcp-Name in the Base64 sentinel form', async () => {
    const b64 = `=?base64?${Buffer.from('sample_echo_text').toString('base64')}?=`
    const r = await post(
      modern('tools/call', { name: 'sample_echo_text', arguments: { text: 'hi' } }),
      headersFor('tools/call', b64),
    )
    assert.equal(r.status, 200)
    assert.equal(r.json.result.isError, undefined)
  })

  it('refuses an unsupported modern revision with -32022 naming the supported ones', async () => {
    const r = await post(modern('tools/list', {}, '2099-01-01'), {
      ...headersFor('tools/list'),
      'mcp-protocol-version': '2099-01-01',
    })
    assert.equal(r.status, 400)
    assert.equal(r.json.error.code, -32022)
    assert.deepEqual(r.json.error.data.supported, [V])
  })

  it('refuses a modern header without the per-request envelope, and a broken envelope (-32602)', async () => {
    const bare = await post(legacy('tools/list'), headersFor('tools/list'))
    assert.equal(bare.status, 400)
    assert.equal(bare.json.error.code, -32602)
    const broken = {
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/list',
      params: { _meta: { 'io.modelcontextprotocol/protocolVersion': V } },
    }
    const r = await post(broken, headersFor('tools/list'))
    assert.equal(r.status, 400)
    assert.equal(r.json.error.code, -32602)
  })

  it('keeps initialize 2025-only: a modern header on it is a mismatch, a modern envelope makes it unknown', async () => {
    const init = legacy('initialize', {
      protocolVersion: '2025-11-25',
      capabilities: {},
      clientInfo: meta()['io.modelcontextprotocol/clientInfo'],
    })
    assert.equal((await post(init, { 'mcp-protocol-version': V })).json.error.code, -32020)
    const r = await post(modern('initialize'), headersFor('initialize'))
    assert.equal(r.json.error.code, -32601)
    const ok = await post(init)
    assert.equal(ok.json.result.protocolVersion, '2025-11-25')
  })

  it('answers a resource that does not exist with -32602 in both generations', async () => {
    const m = await post(
      modern('resources/read', { uri: 'sample://nothing' }),
      headersFor('resources/read', 'sample://nothing'),
    )
    assert.equal(m.json.error.code, -32602)
    assert.equal((await post(legacy('resources/read', { uri: 'sample://nothing' }))).json.error.code, -32602)
  })
})

describe('batches and malformed bodies (issue 8, defect 5)', () => {
  it('answers a body that is JSON but no JSON-RPC object with 400, never 200', async () => {
    for (const body of ['42', '"x"', 'null', 'true', '[]']) {
      const r = await post(body)
      assert.equal(r.status, 400, body)
      assert.equal(r.json.error.code, -32600, body)
    }
    const notJson = await post('{')
    assert.equal(notJson.status, 400)
    assert.equal(notJson.json.error.code, -32700)
    const single = await post({ jsonrpc: '1.0', id: 3, method: 'ping' })
    assert.equal(single.status, 400)
    assert.equal(single.json.error.code, -32600)
  })

  it('refuses batches on revisions without batching (2025-06-18 and later, 2026-07-28)', async () => {
    const batch = [legacy('ping', undefined, 1), legacy('ping', undefined, 2)]
    for (const version of ['2025-06-18', '2025-11-25', V]) {
      const r = await post(batch, { 'mcp-protocol-version': version })
      assert.equal(r.status, 400, version)
      assert.equal(r.json.error.code, -32600, version)
    }
    const withEnvelope = await post([modern('ping'), legacy('ping')])
    assert.equal(withEnvelope.status, 400)
  })

  it('serves a bounded batch on 2025-03-26 (also when no version header says otherwise)', async () => {
    const batch = [legacy('ping', undefined, 1), legacy('tools/list', undefined, 2)]
    const headerSets: Record<string, string>[] = [{ 'mcp-protocol-version': '2025-03-26' }, {}]
    for (const headers of headerSets) {
      const r = await post(batch, headers)
      assert.equal(r.status, 200)
      assert.deepEqual(
        r.json.map((m: { id: number }) => m.id),
        [1, 2],
      )
    }
    const tooMany = Array.from({ length: 11 }, (_, i) => legacy('ping', undefined, i))
    const r = await post(tooMany, { 'mcp-protocol-version': '2025-03-26' })
    assert.equal(r.status, 400)
    assert.equal(r.json.error.code, -32600)
  })
})
