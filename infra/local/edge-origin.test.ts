// DNS-rebinding protection at the edge: foreign Host and Origin refused, CORS only for allowed origins.
import assert from 'node:assert/strict'
import { request } from 'node:http'
import { after, before, describe, it } from 'node:test'
import { edgeFixture, rpcBody } from '../../test/support/edge-fixture.ts'

const APP = 'https://app.example'
let fx: Awaited<ReturnType<typeof edgeFixture>>
let token: string
before(async () => {
  fx = await edgeFixture({
    edge: { allowedOrigins: [APP], publicHosts: ['mcp.example'] },
    functionEnv: { MCP_ALLOWED_ORIGINS: APP },
  })
  token = await fx.issuer.sign({ sub: 'alice', scope: 'oci-mcp.read' })
})
after(() => fx.close())

/** node:http, because fetch will not send a Host of our choosing. */
function send(
  method: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const url = new URL(fx.url)
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

describe('edge: Host and Origin', () => {
  it('refuses a Host that is not its own with 403 (the conformance scenario sends evil.example)', async () => {
    for (const host of [
      'evil.example',
      'evil.example:80',
      `evil.example:${new URL(fx.url).port}`,
      'localhost:1',
    ]) {
      assert.equal((await send('POST', { host }, rpcBody('ping'))).status, 403, host)
    }
  })

  it('admits its own host under every loopback name, and a configured public host', async () => {
    const port = new URL(fx.url).port
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `[::1]:${port}`,
      'mcp.example',
      'MCP.example:443',
    ]) {
      assert.equal((await send('POST', { host }, rpcBody('ping'))).status, 200, host)
    }
  })

  it('refuses a foreign Origin with 403, admits none, its own and a configured one', async () => {
    assert.equal((await send('POST', { origin: 'http://evil.example' }, rpcBody('ping'))).status, 403)
    assert.equal((await send('POST', {}, rpcBody('ping'))).status, 200)
    assert.equal((await send('POST', { origin: new URL(fx.url).origin }, rpcBody('ping'))).status, 200)
    const allowed = await send('POST', { origin: APP }, rpcBody('ping'))
    assert.equal(allowed.status, 200)
    assert.equal(allowed.headers['access-control-allow-origin'], APP)
    assert.match(String(allowed.headers.vary), /Origin/i)
  })

  it('answers the preflight of an allowed origin, and refuses a foreign one', async () => {
    const ok = await send('OPTIONS', {
      origin: APP,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type, mcp-protocol-version',
    })
    assert.equal(ok.status, 204)
    assert.equal(ok.headers['access-control-allow-origin'], APP)
    assert.match(String(ok.headers['access-control-allow-headers']), /Authorization/)
    assert.match(String(ok.headers['access-control-allow-methods']), /POST/)
    const foreign = await send('OPTIONS', {
      origin: 'http://evil.example',
      'access-control-request-method': 'POST',
    })
    assert.equal(foreign.status, 403)
    assert.equal(foreign.headers['access-control-allow-origin'], undefined)
  })

  it('never answers with a wildcard origin', async () => {
    const r = await send('POST', {}, rpcBody('ping'))
    assert.equal(r.headers['access-control-allow-origin'], undefined)
  })
})
