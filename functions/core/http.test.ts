// The stateless Streamable HTTP contract: status codes, JSON-RPC errors, auth challenges, scopes, mutations.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { testIssuer } from '../../test/support/jwks.ts'
import { sampleImplementation } from '../../test/support/sample-group.ts'
import { groupApp } from './group-app.ts'
import { type HttpCall, handleMcpHttp } from './http.ts'

let issuer: Awaited<ReturnType<typeof testIssuer>>
before(async () => {
  issuer = await testIssuer()
})
after(() => issuer.close())

const app = groupApp(sampleImplementation)
const env = () => ({
  ...issuer.env,
  MCP_ENABLE_MUTATIONS: 'true',
  MCP_RESOURCE_METADATA_URL: 'https://mcp.example/.well-known/oauth-protected-resource',
})

async function post(
  body: unknown,
  opts: { token?: string; method?: string; headers?: Record<string, string>; env?: NodeJS.ProcessEnv } = {},
) {
  const headers = new Headers({ 'content-type': 'application/json', ...opts.headers })
  if (opts.token) headers.set('authorization', `Bearer ${opts.token}`)
  const call: HttpCall = {
    method: opts.method ?? 'POST',
    url: '/mcp/sample',
    headers,
    body: new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)),
    callId: 'call-1',
  }
  const reply = await handleMcpHttp(app, call, opts.env ?? env())
  return { ...reply, json: reply.body ? JSON.parse(reply.body) : undefined }
}

const rpc = (method: string, params?: unknown, id: number | string = 1) => ({
  jsonrpc: '2.0',
  id,
  method,
  params,
})

describe('handleMcpHttp', () => {
  it('answers GET and DELETE with 405', async () => {
    for (const method of ['GET', 'DELETE']) {
      const r = await post('', { method })
      assert.equal(r.status, 405)
      assert.equal(r.headers.Allow, 'POST')
    }
  })

  it('refuses a missing token with 401 and a resource_metadata challenge', async () => {
    const r = await post(rpc('ping'))
    assert.equal(r.status, 401)
    assert.match(
      r.headers['WWW-Authenticate'],
      /^Bearer resource_metadata="https:\/\/mcp\.example\/\.well-known\/oauth-protected-resource"/,
    )
  })

  it('refuses a token for another audience, and an expired one', async () => {
    for (const token of [
      await issuer.sign({ sub: 'a' }, { aud: 'someone-else' }),
      await issuer.sign({ sub: 'a' }, { exp: Math.floor(Date.now() / 1000) - 600 }),
    ]) {
      const r = await post(rpc('ping'), { token })
      assert.equal(r.status, 401)
      assert.match(r.headers['WWW-Authenticate'], /error="invalid_token"/)
    }
  })

  it('initializes with the requested supported version, else the latest', async () => {
    const token = await issuer.sign({ sub: 'alice', scope: 'oci-mcp.read' })
    const old = await post(
      rpc('initialize', {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 't', version: '1' },
      }),
      { token },
    )
    assert.equal(old.json.result.protocolVersion, '2025-06-18')
    const unknown = await post(
      rpc('initialize', {
        protocolVersion: '1999-01-01',
        capabilities: {},
        clientInfo: { name: 't', version: '1' },
      }),
      { token },
    )
    assert.equal(unknown.json.result.protocolVersion, '2025-11-25')
    assert.equal(unknown.headers['Mcp-Session-Id'], undefined)
  })

  it('maps protocol failures to JSON-RPC codes', async () => {
    const token = await issuer.sign({ sub: 'alice', scope: 'oci-mcp.read' })
    assert.equal((await post('{not json', { token })).json.error.code, -32700)
    assert.equal((await post({ id: 1, method: 'ping' }, { token })).json.error.code, -32600)
    assert.equal((await post(rpc('nope/nothing'), { token })).json.error.code, -32601)
    assert.equal((await post(rpc('tools/call', { arguments: {} }), { token })).json.error.code, -32602)
    assert.equal((await post(rpc('tools/call', { name: 'no_such_tool' }), { token })).json.error.code, -32602)
    assert.equal(
      (await post(rpc('resources/read', { uri: 'sample://unknown' }), { token })).json.error.code,
      -32602,
    )
  })

  it('answers every malformed body with 400 and the JSON-RPC code that says why', async () => {
    const token = await issuer.sign({ sub: 'alice', scope: 'oci-mcp.read' })
    const raw = async (bytes: Uint8Array) => {
      const headers = new Headers({ 'content-type': 'application/json', authorization: `Bearer ${token}` })
      const reply = await handleMcpHttp(
        app,
        { method: 'POST', url: '/mcp/sample', headers, body: bytes, callId: 'c' },
        env(),
      )
      return { status: reply.status, code: JSON.parse(reply.body).error?.code }
    }
    const utf8 = (s: string) => new TextEncoder().encode(s)
    // Not UTF-8: a lenient decoder turns it into a string that parses, and the call would run.
    const latin1 = Uint8Array.from(
      [...'{"jsonrpc":"2.0","id":1,"method":"ping","x":"']
        .map((c) => c.charCodeAt(0))
        .concat([0xff, 0x22, 0x7d]),
    )
    for (const [body, code] of [
      [utf8(''), -32700],
      [utf8('{'), -32700],
      [latin1, -32700],
      [utf8('42'), -32600],
      [utf8('"x"'), -32600],
      [utf8('null'), -32600],
      [utf8('{"jsonrpc":"2.0","id":1}'), -32600],
    ] as const) {
      assert.deepEqual(await raw(body), { status: 400, code }, new TextDecoder().decode(body))
    }
  })

  it('refuses a foreign Origin with 403 before anything else, and admits no Origin, its own and listed ones', async () => {
    const token = await issuer.sign({ sub: 'alice', scope: 'oci-mcp.read' })
    const status = async (origin: string | undefined, extra: NodeJS.ProcessEnv = {}) => {
      const r = await post(rpc('ping'), {
        token,
        headers: origin ? { origin } : {},
        env: { ...env(), ...extra },
      })
      return { status: r.status, code: r.json?.error?.data?.code }
    }
    // DNS rebinding: a page from evil.example that reaches this endpoint carries its own Origin.
    assert.deepEqual(await status('http://evil.example'), { status: 403, code: 'ERR_ORIGIN_FORBIDDEN' })
    assert.deepEqual(await status('null'), { status: 403, code: 'ERR_ORIGIN_FORBIDDEN' })
    assert.equal((await post('{broken', { headers: { origin: 'http://evil.example' } })).status, 403)
    assert.equal((await status(undefined)).status, 200)
    // The endpoint's own origin is that of its metadata URL.
    assert.equal((await status('https://mcp.example')).status, 200)
    assert.equal((await status('https://mcp.example.evil.example')).status, 403)
    const listed = { MCP_ALLOWED_ORIGINS: 'https://app.example, http://localhost:6274' }
    assert.equal((await status('http://localhost:6274', listed)).status, 200)
    assert.equal((await status('https://APP.example', listed)).status, 200)
    assert.equal((await status('http://localhost:6275', listed)).status, 403)
  })

  it('answers a notification-only POST with 202 and no body', async () => {
    const token = await issuer.sign({ sub: 'alice', scope: 'oci-mcp.read' })
    const r = await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, { token })
    assert.equal(r.status, 202)
    assert.equal(r.body, '')
  })

  it('requires application/json and a supported protocol version header', async () => {
    const token = await issuer.sign({ sub: 'alice', scope: 'oci-mcp.read' })
    assert.equal((await post(rpc('ping'), { token, headers: { 'content-type': 'text/plain' } })).status, 415)
    assert.equal(
      (await post(rpc('ping'), { token, headers: { 'mcp-protocol-version': '1990-01-01' } })).status,
      400,
    )
  })

  it('lists only the tools the scopes and the deployment allow', async () => {
    const reader = await issuer.sign({ sub: 'bob', scope: 'oci-mcp.read' })
    const writer = await issuer.sign({ sub: 'alice', scope: 'oci-mcp.sample.read oci-mcp.sample.write' })
    const names = (r: { json: { result: { tools: { name: string }[] } } }) =>
      r.json.result.tools.map((t) => t.name)
    assert.deepEqual(names(await post(rpc('tools/list'), { token: reader })), ['sample_echo_text'])
    assert.deepEqual(names(await post(rpc('tools/list'), { token: writer })), [
      'sample_echo_text',
      'sample_write_thing',
    ])
    const readOnlyDeployment = { ...env(), MCP_ENABLE_MUTATIONS: 'false' }
    assert.deepEqual(names(await post(rpc('tools/list'), { token: writer, env: readOnlyDeployment })), [
      'sample_echo_text',
    ])
    const refused = await post(rpc('tools/call', { name: 'sample_write_thing', arguments: {} }), {
      token: writer,
      env: readOnlyDeployment,
    })
    assert.equal(refused.json.result.isError, true)
    assert.match(refused.json.result.content[0].text, /ERR_MUTATIONS_DISABLED/)
  })

  it('refuses a write call with a read-only token: 403 insufficient_scope naming the scope', async () => {
    const reader = await issuer.sign({ sub: 'bob', scope: 'oci-mcp.read' })
    const r = await post(rpc('tools/call', { name: 'sample_write_thing', arguments: {} }), { token: reader })
    assert.equal(r.status, 403)
    assert.match(r.headers['WWW-Authenticate'], /error="insufficient_scope", scope="oci-mcp\.sample\.write"/)
  })

  it('returns structured content and the requested text format, and tool errors as isError results', async () => {
    const token = await issuer.sign({ sub: 'alice', scope: 'oci-mcp.write' })
    const md = await post(rpc('tools/call', { name: 'sample_echo_text', arguments: { text: 'hi' } }), {
      token,
    })
    assert.deepEqual(md.json.result.structuredContent, { text: 'hi', caller: 'alice' })
    assert.equal(md.json.result.content[0].text, '**hi**')
    const js = await post(
      rpc('tools/call', { name: 'sample_echo_text', arguments: { text: 'hi', response_format: 'json' } }),
      { token },
    )
    assert.deepEqual(JSON.parse(js.json.result.content[0].text), { text: 'hi', caller: 'alice' })
    const bad = await post(rpc('tools/call', { name: 'sample_echo_text', arguments: { text: '' } }), {
      token,
    })
    assert.equal(bad.json.result.isError, true)
    assert.match(bad.json.result.content[0].text, /^Error ERR_INPUT_INVALID/)
    const failed = await post(rpc('tools/call', { name: 'sample_write_thing', arguments: { fail: true } }), {
      token,
    })
    assert.equal(failed.json.result.isError, true)
    assert.match(
      failed.json.result.content[0].text,
      /^Error ERR_OCI_NOT_FOUND[\s\S]*What to do: look elsewhere/,
    )
  })

  it('serves resource templates and prompts', async () => {
    const token = await issuer.sign({ sub: 'alice', scope: 'oci-mcp.read' })
    const read = await post(rpc('resources/read', { uri: 'sample://things/a%20b' }), { token })
    assert.equal(read.json.result.contents[0].text, 'thing a b')
    const prompt = await post(rpc('prompts/get', { name: 'sample_guide', arguments: { who: 'Ann' } }), {
      token,
    })
    assert.equal(prompt.json.result.messages[0].content.text, 'Hello Ann')
    const missing = await post(rpc('prompts/get', { name: 'sample_guide', arguments: {} }), { token })
    assert.equal(missing.json.error.code, -32602)
  })

  it('answers a batch with an array, skipping notifications', async () => {
    const token = await issuer.sign({ sub: 'alice', scope: 'oci-mcp.read' })
    const r = await post(
      [
        rpc('ping', undefined, 1),
        { jsonrpc: '2.0', method: 'notifications/initialized' },
        rpc('ping', undefined, 2),
      ],
      { token },
    )
    assert.deepEqual(
      r.json.map((m: { id: number }) => m.id),
      [1, 2],
    )
  })
})
