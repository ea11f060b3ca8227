// REST for clients that do not speak MCP: the OpenAPI 3.1 document (checked by a real validator) and
// POST /tools/{name} with problem details, through the router's HTTP entry, backends included.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { validate } from '@readme/openapi-parser'
import { startTestBackend, type TestBackend } from '../../../test/support/mcp-backend.ts'
import { sampleCatalog, sampleImplementation } from '../../../test/support/sample-group.ts'
import { setAuditSink } from '../../core/audit.ts'
import type { ToolDescriptor } from '../../core/descriptors.ts'
import { groupApp } from '../../core/group-app.ts'
import { handleMcpHttp } from '../../core/http.ts'
import { catalog as objectstorage } from '../../objectstorage/catalog.ts'
import { ownToolNames, routerApp } from '../app.ts'
import { Gateway } from '../backends/gateway.ts'
import { loadBackends } from '../backends/load.ts'
import { routerHttp } from '../http.ts'
import type { Invoker } from '../invoker.ts'
import { restEndpoints } from './endpoints.ts'
import { MAX_OPERATIONS, openApiDocument } from './openapi.ts'

setAuditSink(() => {})
const groupEnv = { MCP_VERIFY_TOKEN: 'false', MCP_TRUST_CLAIM_HEADERS: 'true', MCP_ENABLE_MUTATIONS: 'true' }
const sampleApp = groupApp(sampleImplementation)
const invoker: Invoker = async (_fn, envelope) =>
  handleMcpHttp(
    sampleApp,
    {
      method: 'POST',
      url: envelope.url,
      headers: new Headers(envelope.headers),
      body: new TextEncoder().encode(envelope.body),
      callId: 'x',
    },
    groupEnv,
  )

let backend: TestBackend
let http: ReturnType<typeof routerHttp>

before(async () => {
  backend = await startTestBackend()
  const catalogs = [sampleCatalog, objectstorage]
  const spec = { backends: [{ name: 'tb', url: backend.url, tags: ['demo'] }] }
  const gateway = new Gateway({ load: (env) => loadBackends(env, spec) }, ownToolNames(catalogs))
  const env = {
    ...groupEnv,
    MCP_RESOURCE_METADATA_URL: 'https://gw.example.com/.well-known/oauth-protected-resource',
  }
  const app = routerApp(catalogs, invoker, gateway)
  const groupOf = new Map(catalogs.flatMap((c) => c.tools.map((t) => [t.name, c.group] as const)))
  http = routerHttp({ app, gateway, env, extra: restEndpoints({ app, gateway, groupOf, env }) })
})
after(() => backend.close())

/** The validator answers { valid, errors } rather than throwing; a test that ignored it could not fail. */
async function assertValid(doc: unknown) {
  const result = await validate(structuredClone(doc) as never)
  assert.deepEqual(result.valid ? [] : result.errors, [])
}

async function request(method: string, url: string, body?: unknown, scope = 'oci-mcp.read') {
  const headers = new Headers({ 'x-mcp-claim-sub': 'alice', 'x-mcp-claim-scope': scope })
  if (scope === '') headers.delete('x-mcp-claim-sub')
  if (body !== undefined) headers.set('content-type', 'application/json')
  const reply = await http({
    method,
    url,
    headers,
    body: new TextEncoder().encode(body === undefined ? '' : JSON.stringify(body)),
    callId: 'call-9',
  })
  return { ...reply, json: reply.body ? JSON.parse(reply.body) : undefined }
}

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document with one POST per visible tool and the OAuth facade as security', async () => {
    const r = await request('GET', '/openapi.json')
    assert.equal(r.status, 200)
    const doc = r.json
    await assertValid(doc)
    assert.equal(doc.openapi, '3.1.0')
    const ops = Object.keys(doc.paths)
    assert.ok(ops.includes('/tools/sample_echo_text') && ops.includes('/tools/tb__echo'))
    assert.ok(!ops.includes('/tools/sample_write_thing'), 'the caller’s scopes decide')
    assert.equal(doc.paths['/tools/tb__echo'].post.operationId, 'tb__echo')
    const flow = doc.components.securitySchemes.oauth2.flows.authorizationCode
    assert.equal(flow.authorizationUrl, 'https://gw.example.com/oauth/authorize')
    assert.equal(flow.tokenUrl, 'https://gw.example.com/oauth/token')
    assert.deepEqual(doc.servers, [{ url: 'https://gw.example.com' }])
  })

  it('filters by ?group= and ?tags=, groups and backends alike', async () => {
    const sample = Object.keys((await request('GET', '/openapi.json?group=sample')).json.paths)
    assert.deepEqual(sample, ['/tools/sample_echo_text'])
    const demo = Object.keys((await request('GET', '/openapi.json?tags=demo')).json.paths)
    assert.ok(demo.length > 0 && demo.every((p) => p.startsWith('/tools/tb__')))
  })

  it('holds at most 30 operations and says how to choose; ?all=true lifts the limit', async () => {
    const tools = Array.from({ length: 40 }, (_, i) => ({
      tool: {
        name: `t${i}`,
        title: `T${i}`,
        description: 'd'.repeat(400),
        inputSchema: { type: 'object' },
        outputSchema: { type: 'object' },
        annotations: { title: `T${i}`, readOnlyHint: true },
      } as ToolDescriptor,
      group: i < 20 ? 'a' : 'b',
      tags: [],
    }))
    const capped = openApiDocument({ baseUrl: 'https://x.example', tools })
    assert.equal(Object.keys(capped.paths as object).length, MAX_OPERATIONS)
    assert.equal(capped['x-omitted-operations'], 10)
    const op = (capped.paths as Record<string, { post: { description: string } }>)['/tools/t0'].post
    assert.ok(op.description.length <= 300)
    await assertValid(capped)
    const all = openApiDocument({ baseUrl: 'https://x.example', tools, all: true })
    assert.equal(Object.keys(all.paths as object).length, 40)
  })

  it('needs a caller like /mcp does: 401 problem details with a challenge', async () => {
    const r = await request('GET', '/openapi.json', undefined, '')
    assert.equal(r.status, 401)
    assert.equal(r.headers['Content-Type'], 'application/problem+json')
    assert.equal(r.json.code, 'ERR_AUTH_MISSING_TOKEN')
    assert.match(r.headers['WWW-Authenticate'], /^Bearer resource_metadata=/)
  })
})

describe('POST /tools/{name}', () => {
  it('answers the tool’s structuredContent, ours (through the group) and a backend’s', async () => {
    const ours = await request('POST', '/tools/sample_echo_text', { text: 'hi' })
    assert.equal(ours.status, 200)
    assert.deepEqual(ours.json, { text: 'hi', caller: 'alice' })
    const theirs = await request('POST', '/tools/tb__echo', { message: 'yo' })
    assert.equal(theirs.status, 200)
    assert.deepEqual(theirs.json, { echoed: 'yo' })
  })

  it('answers failures as RFC 9457 problem details with the error code', async () => {
    const cases: [string, unknown, string, number, string][] = [
      ['/tools/sample_echo_text', {}, 'oci-mcp.read', 400, 'ERR_INPUT_INVALID'],
      ['/tools/sample_echo_text', [1], 'oci-mcp.read', 400, 'ERR_INPUT_INVALID'],
      ['/tools/no_such_tool', {}, 'oci-mcp.read', 404, 'ERR_TOOL_UNKNOWN'],
      ['/tools/sample_write_thing', {}, 'oci-mcp.read', 403, 'ERR_AUTH_INSUFFICIENT_SCOPE'],
      // tb__fail is destructive: a write scope reaches it, and then it is the backend's own failure.
      ['/tools/tb__fail', {}, 'oci-mcp.read', 403, 'ERR_AUTH_INSUFFICIENT_SCOPE'],
      ['/tools/tb__fail', {}, 'oci-mcp.write', 422, 'ERR_TOOL_FAILED'],
    ]
    for (const [path, body, scope, status, code] of cases) {
      const r = await request('POST', path, body, scope)
      assert.equal(r.status, status, path)
      assert.equal(r.headers['Content-Type'], 'application/problem+json')
      assert.equal(r.json.code, code, path)
      assert.equal(r.json.status, status)
      assert.equal(r.json.instance, 'urn:oci-mcp-functions:call:call-9')
    }
    const wrong = await request('GET', '/tools/sample_echo_text')
    assert.equal(wrong.status, 405)
  })
})
