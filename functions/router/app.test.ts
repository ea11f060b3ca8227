// The router: one catalog, discovery tools answered locally, calls forwarded with the caller's identity.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sampleCatalog, sampleImplementation } from '../../test/support/sample-group.ts'
import { setAuditSink } from '../core/audit.ts'
import type { Caller } from '../core/caller.ts'
import { McpFunctionsError } from '../core/errors.ts'
import { groupApp } from '../core/group-app.ts'
import { handleMcpHttp } from '../core/http.ts'
import type { InvokeEnvelope } from '../core/invoke-envelope.ts'
import { answer, type RequestContext } from '../core/protocol.ts'
import { parseScopes } from '../core/scopes.ts'
import type { CallToolResult } from '../core/tool-runner.ts'
import { catalog as objectstorage } from '../objectstorage/catalog.ts'
import { routerApp } from './app.ts'
import type { Invoker } from './invoker.ts'

const audit: Record<string, unknown>[] = []
setAuditSink((line) => audit.push(JSON.parse(line)))

const sampleApp = groupApp(sampleImplementation)
const envelopes: InvokeEnvelope[] = []
const invoker: Invoker = async (fn, envelope) => {
  envelopes.push(envelope)
  if (fn !== 'sample')
    throw new McpFunctionsError('ERR_INVOKE_FAILED', 'The function could not be invoked: down')
  return handleMcpHttp(
    sampleApp,
    {
      method: 'POST',
      url: envelope.url,
      headers: new Headers(envelope.headers),
      body: new TextEncoder().encode(envelope.body),
      callId: 'x',
    },
    { MCP_VERIFY_TOKEN: 'false', MCP_TRUST_CLAIM_HEADERS: 'true', MCP_ENABLE_MUTATIONS: 'true' },
  )
}
const app = routerApp([sampleCatalog, objectstorage], invoker)

function ctx(scope: string, env: NodeJS.ProcessEnv = { MCP_ENABLE_MUTATIONS: 'true' }): RequestContext {
  const caller: Caller = { claims: { sub: 'alice', scope }, scopes: parseScopes(scope), token: 'tok' }
  const headers = new Headers({
    authorization: 'Bearer tok',
    'x-mcp-claim-sub': 'alice',
    'x-mcp-claim-scope': scope,
    cookie: 'secret',
  })
  return { caller, callId: 'call-1', headers, env }
}
const text = (r: { content: { text: string }[] }) => r.content[0].text
/** tools/call through the protocol layer, which turns a coded failure of the call into an isError result. */
const call = async (name: string, args: Record<string, unknown>, c: RequestContext) =>
  (await answer(app, { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } }, c))
    .result as CallToolResult

describe('routerApp', () => {
  it('lists discovery tools first, then every visible tool; discovery mode lists only the three', () => {
    const all = app.listTools(ctx('oci-mcp.read')).map((t) => t.name)
    assert.deepEqual(all.slice(0, 3), ['search_tools', 'list_domains', 'get_tool_schema'])
    assert.ok(all.includes('objectstorage_list_objects') && all.includes('sample_echo_text'))
    assert.ok(!all.includes('sample_write_thing'), 'write tools need a write scope')
    const small = app.listTools(ctx('oci-mcp.read', { MCP_TOOLS_MODE: 'discovery' })).map((t) => t.name)
    assert.deepEqual(small, ['search_tools', 'list_domains', 'get_tool_schema'])
  })

  it('search_tools ranks by name, description and parameters, within what the caller may use', async () => {
    const r = await app.callTool('search_tools', { query: 'list objects prefix' }, ctx('oci-mcp.read'))
    const names = ((r.structuredContent?.matches ?? []) as { name: string }[]).map((m) => m.name)
    assert.equal(names[0], 'objectstorage_list_objects')
    const write = await app.callTool('search_tools', { query: 'write thing' }, ctx('oci-mcp.read'))
    assert.deepEqual(write.structuredContent?.matches, [])
    const scoped = await app.callTool(
      'search_tools',
      { query: 'echo', domain: 'objectstorage' },
      ctx('oci-mcp.read'),
    )
    assert.deepEqual(scoped.structuredContent?.matches, [])
  })

  it('list_domains and get_tool_schema describe what is callable', async () => {
    const d = await app.callTool('list_domains', {}, ctx('oci-mcp.objectstorage.read'))
    assert.deepEqual(
      ((d.structuredContent?.domains ?? []) as { name: string }[]).map((x) => x.name),
      ['objectstorage'],
    )
    const s = await app.callTool('get_tool_schema', { name: 'objectstorage_get_object' }, ctx('oci-mcp.read'))
    assert.equal(((s.structuredContent?.input_schema ?? {}) as { type: string }).type, 'object')
    const hidden = await app.callTool('get_tool_schema', { name: 'sample_write_thing' }, ctx('oci-mcp.read'))
    assert.equal(hidden.isError, true)
    assert.match(text(hidden), /ERR_TOOL_UNKNOWN/)
  })

  it('forwards a call with the caller’s token and claim headers only', async () => {
    envelopes.length = 0
    const r = await app.callTool('sample_echo_text', { text: 'hi' }, ctx('oci-mcp.read'))
    assert.deepEqual(r.structuredContent, { text: 'hi', caller: 'alice' })
    const sent = envelopes[0]
    assert.equal(sent.url, '/mcp/sample')
    assert.equal(sent.headers.authorization, 'Bearer tok')
    assert.equal(sent.headers['x-mcp-claim-sub'], 'alice')
    assert.equal(sent.headers.cookie, undefined)
    assert.equal(JSON.parse(sent.body).method, 'tools/call')
  })

  it('refuses before forwarding: 403 for a missing scope, a result when mutations are off — each audited once', async () => {
    envelopes.length = 0
    audit.length = 0
    await assert.rejects(app.callTool('sample_write_thing', {}, ctx('oci-mcp.read')), {
      code: 'ERR_AUTH_INSUFFICIENT_SCOPE',
    })
    const off = await call('sample_write_thing', {}, ctx('oci-mcp.write', { MCP_ENABLE_MUTATIONS: 'false' }))
    assert.match(text(off), /ERR_MUTATIONS_DISABLED/)
    assert.equal(envelopes.length, 0)
    assert.deepEqual(
      audit.map((a) => [a.tool, a.outcome, a.errorCode]),
      [
        ['sample_write_thing', 'denied', 'ERR_AUTH_INSUFFICIENT_SCOPE'],
        ['sample_write_thing', 'denied', 'ERR_MUTATIONS_DISABLED'],
      ],
    )
  })

  it('turns an unreachable group into a tool error the model can retry, and audits it', async () => {
    audit.length = 0
    const r = await call('objectstorage_get_namespace', {}, ctx('oci-mcp.read'))
    assert.equal(r.isError, true)
    assert.match(text(r), /^Error ERR_INVOKE_FAILED/)
    assert.deepEqual(
      audit.map((a) => [a.function, a.tool, a.outcome, a.errorCode]),
      [['router', 'objectstorage_get_namespace', 'tool_error', 'ERR_INVOKE_FAILED']],
    )
  })

  it('refuses arguments out of bounds before forwarding, and audits the refusal', async () => {
    audit.length = 0
    envelopes.length = 0
    let deep: unknown = 1
    for (let i = 0; i < 10_000; i++) deep = [deep]
    const r = await call('sample_write_thing', { name: 'x', extra: deep }, ctx('oci-mcp.read oci-mcp.write'))
    assert.equal(r.isError, true)
    assert.match(text(r), /^Error ERR_INPUT_INVALID/)
    assert.equal(envelopes.length, 0)
    assert.deepEqual(
      audit.map((a) => [a.function, a.outcome, a.errorCode, a.argsDigest]),
      [['router', 'tool_error', 'ERR_INPUT_INVALID', 'unavailable']],
    )
  })
})

describe('routerApp with a 2026-07-28 caller', () => {
  it('forwards the envelope and the Mcp-Method / Mcp-Name headers so the group serves the same revision', async () => {
    const meta = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientCapabilities': {},
    }
    const c = {
      ...ctx('oci-mcp.read'),
      protocol: { modern: true, version: '2026-07-28', clientCapabilities: {}, meta },
    }
    c.headers.set('mcp-protocol-version', '2026-07-28')
    envelopes.length = 0
    const r = (await answer(
      app,
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'sample_echo_text', arguments: { text: 'hé' } },
      },
      c,
    )) as { result: CallToolResult & { resultType: string } }
    assert.equal(r.result.resultType, 'complete')
    assert.equal(r.result.isError, undefined)
    const sent = envelopes[0]
    assert.equal(sent.headers['mcp-method'], 'tools/call')
    assert.equal(sent.headers['mcp-name'], 'sample_echo_text')
    assert.deepEqual(JSON.parse(sent.body).params._meta, meta)
  })
})
