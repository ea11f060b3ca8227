// The Fn contract, for real: a function process started through the FDK, called over its unix socket.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { FunctionsHost } from '../infra/local/functions-host.ts'

const dir = mkdtempSync(join(tmpdir(), 'fn-contract-'))
const host = new FunctionsHost({
  socketDir: dir,
  functions: [
    {
      name: 'sample',
      command: [
        process.execPath,
        '--import',
        'tsx',
        new URL('./support/sample-function.ts', import.meta.url).pathname,
      ],
      // Behind the gateway the claims arrive as headers; this function trusts them (verification is tested elsewhere).
      env: {
        PATH: process.env.PATH,
        MCP_VERIFY_TOKEN: 'false',
        MCP_TRUST_CLAIM_HEADERS: 'true',
        MCP_ENABLE_MUTATIONS: 'true',
      },
    },
  ],
})

before(() => host.start())
after(async () => {
  await host.stop()
  rmSync(dir, { recursive: true, force: true })
})

const gatewayHeaders = (extra: Record<string, string> = {}) => ({
  'Fn-Call-Id': '01JTESTCALL',
  'Fn-Deadline': new Date(Date.now() + 30_000).toISOString(),
  'Fn-Intent': 'httprequest',
  'Fn-Invoke-Type': 'sync',
  'Fn-Http-Method': 'POST',
  'Fn-Http-Request-Url': '/mcp/sample',
  'Fn-Http-H-Accept': 'application/json, text/event-stream',
  'Fn-Http-H-X-Mcp-Claim-Sub': 'alice@example.com',
  'Fn-Http-H-X-Mcp-Claim-Scope': 'oci-mcp.read oci-mcp.write',
  'Content-Type': 'application/json',
  ...extra,
})

const rpc = (method: string, params?: unknown) =>
  Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 7, method, params }))

describe('a function over the Fn socket', () => {
  it('answers an HTTP-triggered call with Fn-Http-Status and the JSON-RPC body', async () => {
    const reply = await host.call(
      'sample',
      gatewayHeaders(),
      rpc('tools/call', { name: 'sample_echo_text', arguments: { text: 'x' } }),
    )
    assert.equal(reply.status, 200)
    assert.equal(reply.headers['fn-http-status'], '200')
    const body = JSON.parse(reply.body.toString())
    assert.deepEqual(body.result.structuredContent, { text: 'x', caller: 'alice@example.com' })
  })

  it('passes the HTTP status for the caller through Fn-Http-Status (GET → 405)', async () => {
    const reply = await host.call('sample', gatewayHeaders({ 'Fn-Http-Method': 'GET' }), Buffer.alloc(0))
    assert.equal(reply.status, 200)
    assert.equal(reply.headers['fn-http-status'], '405')
    assert.equal(reply.headers['fn-http-h-allow'], 'POST')
  })

  it('answers a notification with 202 and an empty body without crashing', async () => {
    const reply = await host.call(
      'sample',
      gatewayHeaders(),
      Buffer.from('{"jsonrpc":"2.0","method":"notifications/initialized"}'),
    )
    assert.equal(reply.headers['fn-http-status'], '202')
    assert.equal(reply.body.length, 0)
    const again = await host.call('sample', gatewayHeaders(), rpc('ping'))
    assert.equal(JSON.parse(again.body.toString()).id, 7)
  })

  it('unwraps a direct invoke envelope and replies with one', async () => {
    const envelope = {
      ociMcpInvoke: 1,
      method: 'POST',
      url: '/mcp/sample',
      headers: {
        'content-type': 'application/json',
        'x-mcp-claim-sub': 'router-test',
        'x-mcp-claim-scope': 'oci-mcp.read',
      },
      body: rpc('tools/list').toString(),
    }
    const reply = await host.call(
      'sample',
      { 'Fn-Call-Id': 'X', 'Content-Type': 'application/json' },
      Buffer.from(JSON.stringify(envelope)),
    )
    const out = JSON.parse(reply.body.toString())
    assert.equal(out.status, 200)
    assert.deepEqual(
      JSON.parse(out.body).result.tools.map((t: { name: string }) => t.name),
      ['sample_echo_text'],
    )
    const junk = await host.call(
      'sample',
      { 'Fn-Call-Id': 'Y', 'Content-Type': 'application/json' },
      Buffer.from('{"not":"an envelope"}'),
    )
    assert.equal(JSON.parse(junk.body.toString()).status, 400)
  })

  it('is restarted after it crashes, as Fn replaces a dead container', async () => {
    const crash = host.call(
      'sample',
      gatewayHeaders(),
      rpc('tools/call', { name: 'sample_write_thing', arguments: { crash: true } }),
    )
    await assert.rejects(crash)
    const reply = await host.call('sample', gatewayHeaders(), rpc('ping'))
    assert.equal(JSON.parse(reply.body.toString()).id, 7)
    assert.equal(host.restartsOf('sample'), 1)
  })
})
