// Issue 8/9: claim headers sent straight at a function's Fn socket, in every spelling, never make a caller.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { FunctionsHost } from '../infra/local/functions-host.ts'

const SPELLINGS = ['X-Mcp-Claim-', 'X_Mcp_Claim_', 'x_mcp_claim_', 'X-MCP_CLAIM-', 'x-mcp-claim_']
const SAMPLE = new URL('./support/sample-function.ts', import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), 'claim-headers-'))
const base = { PATH: process.env.PATH, NODE_NO_WARNINGS: '1', MCP_ENABLE_MUTATIONS: 'true' }
const host = new FunctionsHost({
  socketDir: dir,
  functions: [
    // Token verification off and nothing said about claim headers: the safe default must not trust them.
    {
      name: 'unset',
      command: [process.execPath, '--import', 'tsx', SAMPLE],
      env: { ...base, MCP_VERIFY_TOKEN: 'false' },
    },
    {
      name: 'trusting',
      command: [process.execPath, '--import', 'tsx', SAMPLE],
      env: { ...base, MCP_VERIFY_TOKEN: 'false', MCP_TRUST_CLAIM_HEADERS: 'true' },
    },
  ],
})

before(() => host.start())
after(async () => {
  await host.stop()
  rmSync(dir, { recursive: true, force: true })
})

const fnHeaders = (claims: Record<string, string>) => ({
  'Fn-Call-Id': '01JCLAIMS',
  'Fn-Deadline': new Date(Date.now() + 60_000).toISOString(),
  'Fn-Intent': 'httprequest',
  'Fn-Http-Method': 'POST',
  'Fn-Http-Request-Url': '/mcp/sample',
  'Fn-Http-H-Accept': 'application/json, text/event-stream',
  'Content-Type': 'application/json',
  ...Object.fromEntries(Object.entries(claims).map(([k, v]) => [`Fn-Http-H-${k}`, v])),
})
const writeCall = Buffer.from(
  JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: { name: 'sample_write_thing', arguments: {} },
  }),
)
const errorCode = (body: Buffer) =>
  (JSON.parse(body.toString()) as { error?: { data?: { code?: string } } }).error?.data?.code

describe('claim headers at the Fn socket', () => {
  it('are ignored in every spelling unless trusting them is configured', async () => {
    for (const prefix of SPELLINGS) {
      const reply = await host.call(
        'unset',
        fnHeaders({ [`${prefix}Sub`]: 'alice', [`${prefix}Scope`]: 'oci-mcp.write' }),
        writeCall,
      )
      assert.equal(reply.headers['fn-http-status'], '401', `${prefix}* must not be trusted by default`)
      assert.equal(errorCode(reply.body), 'ERR_AUTH_MISSING_TOKEN')
    }
  })

  it('when trusted, the gateway’s spelling makes the caller', async () => {
    const reply = await host.call(
      'trusting',
      fnHeaders({ 'X-Mcp-Claim-Sub': 'alice', 'X-Mcp-Claim-Scope': 'oci-mcp.write' }),
      writeCall,
    )
    assert.equal(reply.headers['fn-http-status'], '200')
  })

  it('when trusted, a second spelling smuggled beside the gateway’s makes no caller', async () => {
    for (const prefix of SPELLINGS.slice(1)) {
      const reply = await host.call(
        'trusting',
        fnHeaders({
          'X-Mcp-Claim-Sub': 'bob',
          'X-Mcp-Claim-Scope': 'oci-mcp.read',
          [`${prefix}Scope`]: 'oci-mcp.write oci-mcp.write',
        }),
        writeCall,
      )
      assert.equal(
        reply.headers['fn-http-status'],
        '401',
        `${prefix}Scope beside the gateway's must be refused`,
      )
      assert.equal(errorCode(reply.body), 'ERR_AUTH_MISSING_TOKEN')
    }
  })
})
