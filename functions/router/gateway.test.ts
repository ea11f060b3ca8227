// External MCP servers behind the router: listed beside our tools, called with their own credentials, audited,
// quarantined when they fail and back when a probe succeeds — against a real MCP server on loopback.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { startTestBackend, type TestBackend } from '../../test/support/mcp-backend.ts'
import { sampleCatalog } from '../../test/support/sample-group.ts'
import { setAuditSink } from '../core/audit.ts'
import type { Caller } from '../core/caller.ts'
import { type AuthError, McpFunctionsError } from '../core/errors.ts'
import { answer, type RequestContext } from '../core/protocol.ts'
import { parseScopes } from '../core/scopes.ts'
import type { CallToolResult } from '../core/tool-runner.ts'
import { ownToolNames, routerApp } from './app.ts'
import { backendToolAccess } from './backends/access.ts'
import { Gateway } from './backends/gateway.ts'
import { loadBackends } from './backends/load.ts'
import { routerHttp } from './http.ts'

const audit: Record<string, unknown>[] = []
setAuditSink((line) => audit.push(JSON.parse(line)))

let backend: TestBackend
let secured: TestBackend
const dir = mkdtempSync(join(tmpdir(), 'backends-'))

const baseEnv: NodeJS.ProcessEnv = {
  MCP_BACKENDS_DIR: dir,
  MCP_BACKEND_TIMEOUT_MS: '1500',
  MCP_BACKEND_FAILURE_THRESHOLD: '2',
  MCP_BACKEND_PROBE_INTERVAL_MS: '1',
  MCP_BACKEND_CACHE_TTL_MS: '1',
  TEST_BACKEND_TOKEN: 'backend-secret',
}

function ctx(scope: string, env: NodeJS.ProcessEnv = baseEnv): RequestContext {
  const caller: Caller = { claims: { sub: 'alice', scope }, scopes: parseScopes(scope), token: 'caller-tok' }
  return { caller, callId: 'call-1', headers: new Headers({ authorization: 'Bearer caller-tok' }), env }
}

const noInvoke = async () => {
  throw new McpFunctionsError('ERR_INVOKE_FAILED', 'no groups here')
}

function fresh() {
  const gateway = new Gateway({ load: loadBackends }, ownToolNames([sampleCatalog]))
  return { gateway, app: routerApp([sampleCatalog], noInvoke, gateway) }
}

const statusOf = (r: CallToolResult) =>
  (r.structuredContent as { backends: { status: string }[] }).backends[0].status

const call = async (app: ReturnType<typeof routerApp>, name: string, args: object, c: RequestContext) =>
  (await answer(app, { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } }, c))
    .result as CallToolResult

before(async () => {
  backend = await startTestBackend()
  secured = await startTestBackend({ token: 'backend-secret' })
  writeFileSync(join(dir, '10-tb.json'), JSON.stringify({ name: 'tb', url: backend.url, tags: ['test'] }))
  writeFileSync(
    join(dir, '20-sec.json'),
    JSON.stringify([
      {
        name: 'sec',
        url: secured.url,
        auth_method: { method: 'bearer', token: { env: 'TEST_BACKEND_TOKEN' } },
        scopes: ['gateway.sec'],
      },
    ]),
  )
  writeFileSync(join(dir, '30-bad.json'), JSON.stringify({ name: 'bad', url: 'ftp://x', extra: 1 }))
  writeFileSync(join(dir, 'notes.txt'), 'not a declaration')
})
after(async () => {
  await backend.close()
  await secured.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('backend declarations', () => {
  it('loads routes.json entries and every *.json of the folder; a bad file is reported by file and field', () => {
    const loaded = loadBackends(baseEnv, { backends: [{ name: 'spec', url: 'https://mcp.example.com/mcp' }] })
    assert.deepEqual(
      loaded.backends.map((b) => [b.name, b.transport, b.auth_method.method, b.namespace_tools]),
      [
        ['spec', 'streamable-http', 'none', true],
        ['tb', 'streamable-http', 'none', true],
        ['sec', 'streamable-http', 'bearer', true],
      ],
    )
    assert.deepEqual(
      loaded.problems.map((p) => [p.file, p.field, p.code]),
      [[join(dir, '30-bad.json'), 'url', 'ERR_CONFIG_INVALID']],
    )
  })

  it('names the routes.json field of a bad entry, refuses a duplicate name and an auth method without a secret', () => {
    const bad = loadBackends(
      {},
      {
        backends: [
          { name: 'a', url: 'https://a.example/mcp' },
          { name: 'b', url: 'https://b.example/mcp', auth_method: { method: 'bearer', token: {} } },
        ],
      },
    )
    assert.deepEqual(
      bad.problems.map((p) => [p.file, p.field]),
      [['infra/routes.json', 'backends[1].auth_method.token']],
    )
    const twice = loadBackends(
      {},
      {
        backends: [
          { name: 'a', url: 'https://a.example/mcp' },
          { name: 'a', url: 'https://b.example/mcp' },
        ],
      },
    )
    assert.deepEqual(
      twice.problems.map((p) => p.code),
      ['ERR_CONFIG_INVALID'],
    )
  })
})

describe('backend tools in the router', () => {
  it('lists them namespaced beside ours, annotations kept, filtered by each backend’s scopes', async () => {
    const { gateway, app } = fresh()
    await gateway.refresh(baseEnv)
    const tools = app.listTools(ctx('oci-mcp.read'))
    const names = tools.map((t) => t.name)
    assert.ok(names.includes('sample_echo_text') && names.includes('gateway_health'))
    assert.ok(names.includes('tb__echo'))
    assert.ok(!names.includes('tb__fail'), 'a write tool, and mutations are off')
    assert.ok(!names.includes('sec__echo'), 'sec needs scope gateway.sec')
    const echo = tools.find((t) => t.name === 'tb__echo') as unknown as Record<
      string,
      Record<string, unknown>
    >
    assert.equal(echo.annotations.readOnlyHint, true)
    assert.equal(echo.annotations.openWorldHint, false)
    assert.deepEqual(Object.keys(echo.outputSchema.properties as object), ['echoed'])
    const withScope = app.listTools(ctx('oci-mcp.read gateway.sec')).map((t) => t.name)
    assert.ok(withScope.includes('sec__echo'))
  })

  it('forwards a call with the backend’s own token, never the caller’s, and audits it', async () => {
    const { app } = fresh()
    const writable = { ...baseEnv, MCP_ENABLE_MUTATIONS: 'true' }
    audit.length = 0
    secured.authorizations.length = 0
    const r = await call(app, 'sec__echo', { message: 'hi' }, ctx('oci-mcp.read gateway.sec'))
    assert.deepEqual(r.structuredContent, { echoed: 'hi' })
    assert.ok(secured.authorizations.length > 0)
    assert.ok(secured.authorizations.every((a) => a === 'Bearer backend-secret'))
    assert.deepEqual(
      audit.map((a) => [a.function, a.tool, a.outcome]),
      [['router', 'sec__echo', 'ok']],
    )
    const failed = await call(app, 'tb__fail', {}, ctx('oci-mcp.write', writable))
    assert.equal(failed.isError, true)
    assert.deepEqual(audit.at(-1)?.outcome, 'tool_error')
  })

  it('answers 403 for a backend tool the caller’s scopes do not reach, and audits the refusal', async () => {
    const { app } = fresh()
    audit.length = 0
    await assert.rejects(app.callTool('sec__echo', { message: 'x' }, ctx('oci-mcp.read')), {
      code: 'ERR_AUTH_INSUFFICIENT_SCOPE',
    })
    assert.deepEqual(
      audit.map((a) => [a.tool, a.outcome]),
      [['sec__echo', 'denied']],
    )
    await assert.rejects(app.callTool('tb__nothing', {}, ctx('oci-mcp.read')), { code: 'ERR_TOOL_UNKNOWN' })
  })

  it('passes the backend’s own JSON-RPC refusal through, without counting it as a failure', async () => {
    const { gateway, app } = fresh()
    const r = await answer(
      app,
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'tb__echo', arguments: { message: 5 } },
      },
      ctx('oci-mcp.read'),
    )
    // The 1.x server answers invalid arguments either as -32602 or as an isError result; neither is an outage.
    assert.ok(r.error?.code === -32602 || (r.result as CallToolResult).isError === true)
    assert.equal(gateway.state('tb').failures, 0)
  })

  it('a hung backend delays nothing past its deadline: our tools are listed, its tools are not', async () => {
    const { gateway, app } = fresh()
    const env = { ...baseEnv, MCP_BACKEND_TIMEOUT_MS: '300' }
    backend.hang = true
    try {
      const http = routerHttp({
        app,
        gateway,
        env: { ...env, MCP_VERIFY_TOKEN: 'false', MCP_TRUST_CLAIM_HEADERS: 'true' },
      })
      const reply = await http({
        method: 'POST',
        url: '/mcp',
        headers: new Headers({
          'content-type': 'application/json',
          authorization: 'Bearer caller-tok',
          'x-mcp-claim-sub': 'alice',
          'x-mcp-claim-scope': 'oci-mcp.read',
        }),
        body: new TextEncoder().encode('{"jsonrpc":"2.0","id":1,"method":"tools/list"}'),
        callId: 'c',
      })
      const names = (JSON.parse(reply.body).result.tools as { name: string }[]).map((t) => t.name)
      assert.ok(names.includes('sample_echo_text'))
      assert.ok(!names.some((n) => n.startsWith('tb__')))
      assert.equal(gateway.state('tb').lastError?.code, 'ERR_BACKEND_UNAVAILABLE')
    } finally {
      backend.hang = false
    }
  })

  it('quarantines after N failures (tools gone, calls answer isError), and a later good probe brings it back', async () => {
    const { gateway, app } = fresh()
    const env = { ...baseEnv, MCP_BACKEND_TIMEOUT_MS: '300' }
    await gateway.refresh(env)
    assert.ok(app.listTools(ctx('oci-mcp.read', env)).some((t) => t.name === 'tb__echo'))
    backend.hang = true
    try {
      for (let i = 0; i < 2; i++)
        await call(app, 'gateway_health', { backend: 'tb' }, ctx('oci-mcp.read', env))
      const h = await call(app, 'gateway_health', { backend: 'tb' }, ctx('oci-mcp.read', env))
      assert.equal(statusOf(h), 'quarantined')
      assert.ok(!app.listTools(ctx('oci-mcp.read', env)).some((t) => t.name.startsWith('tb__')))
      assert.ok(app.listTools(ctx('oci-mcp.read', env)).some((t) => t.name === 'sample_echo_text'))
      // Its last known tools are still found, so a call says why it cannot run (no probe due here).
      const r = await call(
        app,
        'tb__echo',
        { message: 'x' },
        ctx('oci-mcp.read', { ...env, MCP_BACKEND_PROBE_INTERVAL_MS: '600000' }),
      )
      assert.equal(r.isError, true)
      assert.match(r.content[0].text, /^Error ERR_BACKEND_QUARANTINED/)
    } finally {
      backend.hang = false
    }
    const back = await call(app, 'gateway_health', { backend: 'tb' }, ctx('oci-mcp.read', env))
    assert.equal(statusOf(back), 'healthy')
    assert.ok(app.listTools(ctx('oci-mcp.read', env)).some((t) => t.name === 'tb__echo'))
    const list = await call(app, 'gateway_list_backends', { tag: 'test' }, ctx('oci-mcp.read', env))
    const listed = list.structuredContent as {
      backends: { name: string; tools: string[] }[]
      refused_declarations: { field: string }[]
    }
    assert.deepEqual(
      listed.backends.map((b) => b.name),
      ['tb'],
    )
    assert.ok(listed.backends[0].tools.includes('tb__echo'))
    assert.deepEqual(
      listed.refused_declarations.map((p) => p.field),
      ['url'],
    )
  })
})

describe('backend tools that change things: off until mutations are configured on', () => {
  const on = { ...baseEnv, MCP_ENABLE_MUTATIONS: 'true' }
  const listed = (app: ReturnType<typeof routerApp>, scope: string, env: NodeJS.ProcessEnv) =>
    app.listTools(ctx(scope, env)).map((t) => t.name)
  const toolCalls = (b: TestBackend) =>
    b.requests.filter((r) => r.body.includes('"tools/call"')).map((r) => JSON.parse(r.body).params.name)

  it('counts a tool as read-only only when it says readOnlyHint: true and not destructiveHint: true', () => {
    const access = (annotations?: Record<string, unknown>) =>
      backendToolAccess({ name: 't', inputSchema: {}, annotations })
    assert.equal(access({ readOnlyHint: true }), 'read')
    assert.equal(access({ readOnlyHint: true, destructiveHint: false }), 'read')
    assert.equal(access({ readOnlyHint: true, destructiveHint: true }), 'write')
    assert.equal(access({ readOnlyHint: false }), 'write')
    assert.equal(access({ destructiveHint: false }), 'write')
    assert.equal(access(undefined), 'write')
  })

  it('hides and refuses them while MCP_ENABLE_MUTATIONS is off, whatever the scope; the backend never sees the call', async () => {
    const { gateway, app } = fresh()
    backend.extraTools = ['plain']
    try {
      await gateway.refresh(baseEnv)
      const names = listed(app, 'oci-mcp.write', baseEnv)
      assert.ok(names.includes('tb__echo'))
      assert.ok(!names.includes('tb__fail'), 'destructiveHint: true')
      assert.ok(!names.includes('tb__plain'), 'no annotations')
      audit.length = 0
      backend.requests.length = 0
      await assert.rejects(app.callTool('tb__fail', {}, ctx('oci-mcp.write')), {
        code: 'ERR_MUTATIONS_DISABLED',
      })
      await assert.rejects(app.callTool('tb__plain', {}, ctx('oci-mcp.write')), {
        code: 'ERR_MUTATIONS_DISABLED',
      })
      assert.deepEqual(toolCalls(backend), [])
      assert.deepEqual(
        audit.map((a) => [a.tool, a.outcome, a.errorCode]),
        [
          ['tb__fail', 'denied', 'ERR_MUTATIONS_DISABLED'],
          ['tb__plain', 'denied', 'ERR_MUTATIONS_DISABLED'],
        ],
      )
      const list = await call(app, 'gateway_list_backends', { tag: 'test' }, ctx('oci-mcp.write'))
      const tools = (list.structuredContent as { backends: { tools: string[] }[] }).backends[0].tools
      assert.ok(tools.includes('tb__echo') && !tools.includes('tb__fail'))
    } finally {
      backend.extraTools = []
    }
  })

  it('with mutations on, they need a write scope like ours: hidden and 403 for a read scope, forwarded for a write one', async () => {
    const { gateway, app } = fresh()
    await gateway.refresh(on)
    assert.ok(!listed(app, 'oci-mcp.read', on).includes('tb__fail'))
    assert.ok(listed(app, 'oci-mcp.write', on).includes('tb__fail'))
    await assert.rejects(app.callTool('tb__fail', {}, ctx('oci-mcp.read', on)), (e: AuthError) => {
      assert.equal(e.code, 'ERR_AUTH_INSUFFICIENT_SCOPE')
      assert.equal(e.requiredScope, 'oci-mcp.write')
      return true
    })
    backend.requests.length = 0
    const r = await app.callTool('tb__fail', {}, ctx('oci-mcp.write', on))
    assert.equal(r.isError, true, 'the backend’s own answer')
    assert.deepEqual(toolCalls(backend), ['fail'])
  })

  it('a backend’s write_scopes replace the global write scope, and its scopes still gate the backend', async () => {
    const spec = {
      backends: [
        { name: 'narrow', url: backend.url, scopes: ['tickets.read'], write_scopes: ['tickets.write'] },
      ],
    }
    const gateway = new Gateway({ load: (env) => loadBackends(env, spec) }, ownToolNames([sampleCatalog]))
    const app = routerApp([sampleCatalog], noInvoke, gateway)
    const env = { ...on, MCP_BACKENDS_DIR: undefined }
    await gateway.refresh(env)
    assert.deepEqual(
      [
        'oci-mcp.write',
        'tickets.read',
        'tickets.read oci-mcp.write',
        'tickets.write',
        'tickets.read tickets.write',
      ].map((scope) => ['narrow__echo', 'narrow__fail'].filter((n) => listed(app, scope, env).includes(n))),
      [[], ['narrow__echo'], ['narrow__echo'], [], ['narrow__echo', 'narrow__fail']],
    )
    await assert.rejects(app.callTool('narrow__fail', {}, ctx('tickets.read oci-mcp.write', env)), {
      code: 'ERR_AUTH_INSUFFICIENT_SCOPE',
    })
    const r = await app.callTool('narrow__fail', {}, ctx('tickets.read tickets.write', env))
    assert.equal(r.isError, true)
  })
})

describe('discovery covers backend tools: a backend is a domain', () => {
  type Match = { name: string; domain: string; access?: string }

  it('search_tools finds them (by name, description and parameters) even in discovery mode with a cold cache', async () => {
    const { app } = fresh()
    const env = { ...baseEnv, MCP_TOOLS_MODE: 'discovery' }
    const r = await app.callTool('search_tools', { query: 'echoes message' }, ctx('oci-mcp.read', env))
    const matches = (r.structuredContent as { matches: Match[] }).matches
    assert.deepEqual(
      matches.find((m) => m.name === 'tb__echo'),
      { ...matches.find((m) => m.name === 'tb__echo'), domain: 'tb', access: 'read' },
    )
    assert.ok(!matches.some((m) => m.name === 'sec__echo'), 'sec needs scope gateway.sec')
    const only = await app.callTool(
      'search_tools',
      { query: 'echo', domain: 'sec' },
      ctx('oci-mcp.read gateway.sec', env),
    )
    assert.deepEqual(
      (only.structuredContent as { matches: Match[] }).matches.map((m) => [m.name, m.domain]),
      [['sec__echo', 'sec']],
    )
    const writes = await app.callTool('search_tools', { query: 'fail' }, ctx('oci-mcp.write', env))
    assert.ok(!(writes.structuredContent as { matches: Match[] }).matches.some((m) => m.name === 'tb__fail'))
  })

  it('list_domains names each backend the caller may use, with its tools', async () => {
    const { app } = fresh()
    const r = await app.callTool('list_domains', {}, ctx('oci-mcp.read'))
    const domains = (
      r.structuredContent as { domains: { name: string; tools: number; example_tools: string[] }[] }
    ).domains
    const tb = domains.find((d) => d.name === 'tb')
    assert.ok(tb && tb.tools === 1 && tb.example_tools[0] === 'tb__echo', JSON.stringify(tb))
    assert.ok(domains.some((d) => d.name === 'sample'))
    assert.ok(!domains.some((d) => d.name === 'sec'))
  })

  it('get_tool_schema gives a backend tool’s schemas and annotations; a hidden write tool is unknown', async () => {
    const { app } = fresh()
    const r = await app.callTool('get_tool_schema', { name: 'tb__echo' }, ctx('oci-mcp.read'))
    const s = r.structuredContent as {
      domain: string
      input_schema: { properties: Record<string, unknown> }
      output_schema: { properties: Record<string, unknown> }
      annotations: Record<string, unknown>
    }
    assert.equal(s.domain, 'tb')
    assert.deepEqual(Object.keys(s.input_schema.properties), ['message'])
    assert.deepEqual(Object.keys(s.output_schema.properties), ['echoed'])
    assert.equal(s.annotations.readOnlyHint, true)
    const hidden = await app.callTool('get_tool_schema', { name: 'tb__fail' }, ctx('oci-mcp.write'))
    assert.equal(hidden.isError, true)
    assert.match(hidden.content[0].text, /^Error ERR_TOOL_UNKNOWN/)
    const on = { ...baseEnv, MCP_ENABLE_MUTATIONS: 'true' }
    const fail = await app.callTool('get_tool_schema', { name: 'tb__fail' }, ctx('oci-mcp.write', on))
    assert.equal(
      (fail.structuredContent as { annotations: Record<string, unknown> }).annotations.destructiveHint,
      true,
    )
  })
})
