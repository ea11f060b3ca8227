// Issue 9: request bodies at the edge — over the size limit a 413 the client receives, malformed ones the right 400s.
import assert from 'node:assert/strict'
import { request } from 'node:http'
import { after, before, describe, it } from 'node:test'
import { edgeFixture, rpcBody } from '../../test/support/edge-fixture.ts'

let fx: Awaited<ReturnType<typeof edgeFixture>>
let token: string
before(async () => {
  fx = await edgeFixture()
  token = await fx.issuer.sign({ sub: 'alice', scope: 'oci-mcp.read' })
})
after(() => fx.close())

const headers = () => ({
  authorization: `Bearer ${token}`,
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
})

/** POST with node:http so that a reset shows as an error rather than being retried or hidden. */
function send(body: Buffer, opts: { chunked?: boolean } = {}): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const url = new URL(fx.url)
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { ...headers(), ...(opts.chunked ? {} : { 'content-length': body.length }) },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString()
          resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined })
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    if (opts.chunked) {
      // In pieces, with no Content-Length: the edge only learns the size while reading.
      for (let i = 0; i < body.length; i += 256 * 1024) req.write(body.subarray(i, i + 256 * 1024))
      req.end()
    } else req.end(body)
  })
}

const errorCode = (json: unknown) => (json as { error?: { code?: number } }).error?.code

describe('edge: request bodies', () => {
  const big = Buffer.alloc(7 * 1024 * 1024, 0x20)

  it('answers a body over 6 MB with 413, with a Content-Length', async () => {
    const r = await send(big)
    assert.equal(r.status, 413)
    assert.equal((r.json as { code: string }).code, 'RequestEntityTooLarge')
  })

  it('answers a body over 6 MB with 413, sent chunked', async () => {
    const r = await send(big, { chunked: true })
    assert.equal(r.status, 413)
  })

  it('still serves the next request after a 413', async () => {
    await send(big)
    const r = await send(Buffer.from(rpcBody('ping')))
    assert.equal(r.status, 200)
  })

  it('gives malformed bodies the JSON-RPC error and HTTP status the function decides', async () => {
    const cases: [Buffer, number, number][] = [
      [Buffer.from('{not json'), 400, -32700],
      [Buffer.alloc(0), 400, -32700],
      [Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), 400, -32700],
      [Buffer.from('42'), 400, -32600],
      [Buffer.from('null'), 400, -32600],
      [Buffer.from('{"jsonrpc":"2.0","id":1}'), 400, -32600],
    ]
    for (const [body, status, code] of cases) {
      const r = await send(body)
      assert.equal(r.status, status, `status for ${JSON.stringify(body.toString('latin1'))}`)
      assert.equal(errorCode(r.json), code, `code for ${JSON.stringify(body.toString('latin1'))}`)
    }
  })

  it('refuses a body that is not JSON by its Content-Type with 415', async () => {
    const res = await fetch(fx.url, {
      method: 'POST',
      headers: { ...headers(), 'content-type': 'text/plain' },
      body: rpcBody('ping'),
    })
    assert.equal(res.status, 415)
  })
})
