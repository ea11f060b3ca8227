// The built image: each function's bundle loads only what it must, and answers MCP over the Fn socket.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Metafile } from 'esbuild'
import { FUNCTION_NAMES } from '../functions/registry.ts'
import { GROUP_NAMES } from '../functions/router/groups.ts'
import { FunctionsHost } from '../infra/local/functions-host.ts'
import { loadRoutes } from '../infra/routes.ts'
import { bundle, FUNCTION_ENTRY } from '../scripts/build.ts'

const out = mkdtempSync(join(tmpdir(), 'bundle-'))
let meta: Metafile

/** Every source file a function loads at start: its chunk and the chunks it imports statically. */
function staticInputs(fn: string): string[] {
  const outputs = Object.entries(meta.outputs)
  const start = outputs.find(([, o]) => o.entryPoint === `functions/${fn}/index.ts`)
  assert.ok(start, `a chunk for ${fn}`)
  const seen = new Set<string>()
  const inputs = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    const o = meta.outputs[file]
    for (const input of Object.keys(o.inputs)) inputs.add(input)
    for (const imp of o.imports) if (imp.kind === 'import-statement' && !imp.external) visit(imp.path)
  }
  visit(start[0])
  return [...inputs]
}

before(async () => {
  meta = await bundle(out)
})
after(() => rmSync(out, { recursive: true, force: true }))

describe('bundles', () => {
  it('has one function per route and per group, no more, no less', () => {
    const routed = [...new Set(loadRoutes().routes.map((r) => r.function))].sort()
    // Every function but `events` (triggered by OCI Events, not HTTP) has a route.
    assert.deepEqual([...FUNCTION_NAMES].sort(), [...routed, 'events'].sort())
    const groups = [...new Set(loadRoutes().routes.flatMap((r) => (r.group ? [r.function] : [])))].sort()
    assert.deepEqual([...GROUP_NAMES].sort(), groups)
  })

  it('the router loads catalogs only: no handler, no OCI SDK at start', () => {
    const inputs = staticInputs('router')
    const sdk = inputs.filter((i) => /node_modules\/oci-/.test(i))
    assert.deepEqual(sdk, [], 'no OCI SDK module in the router’s start-up code')
    for (const group of GROUP_NAMES) {
      const own = inputs.filter((i) => i.startsWith(`functions/${group}/`))
      assert.deepEqual(
        own.filter((i) => !i.endsWith('/catalog.ts')),
        [],
        `the router loads only ${group}/catalog.ts`,
      )
    }
  })

  it('a group loads no other group’s code (skills compose the others by design)', () => {
    for (const group of GROUP_NAMES.filter((g) => g !== 'skills')) {
      const inputs = staticInputs(group)
      const foreign = inputs.filter(
        (i) =>
          /^functions\/[^/]+\//.test(i) &&
          !i.startsWith(`functions/${group}/`) &&
          !i.startsWith('functions/core/'),
      )
      assert.deepEqual(foreign, [], `${group} loads only its own and core code`)
    }
  })

  it('each built function answers initialize and tools/list over the Fn socket', async () => {
    const host = new FunctionsHost({
      socketDir: join(out, 'fn'),
      functions: FUNCTION_NAMES.map((name) => ({
        name,
        command: [process.execPath, join(out, FUNCTION_ENTRY)],
        env: {
          PATH: process.env.PATH,
          MCP_FUNCTION: name,
          MCP_VERIFY_TOKEN: 'false',
          MCP_TRUST_CLAIM_HEADERS: 'true',
          MCP_FN_SOCKET_DIR: join(out, 'fn'),
        },
      })),
    })
    await host.start()
    try {
      const reply = await host.call(
        'events',
        { 'Fn-Call-Id': 'ev', 'Fn-Intent': 'cloudevent', 'Content-Type': 'application/json' },
        Buffer.from('{"eventType":"x"}'),
      )
      assert.match(JSON.parse(reply.body.toString()).error, /CloudEvents 0\.1/)
      // The OAuth facade is no MCP server: unconfigured, it answers with an OAuth error, not a crash.
      const facade = await host.call(
        'oauth',
        {
          'Fn-Call-Id': 'bundle-oauth',
          'Fn-Intent': 'httprequest',
          'Fn-Http-Method': 'GET',
          'Fn-Http-Request-Url': '/.well-known/oauth-authorization-server',
        },
        Buffer.alloc(0),
      )
      assert.equal(facade.headers['fn-http-status'], '500')
      assert.equal(JSON.parse(facade.body.toString()).error, 'server_error')
      for (const name of FUNCTION_NAMES.filter((f) => f !== 'events' && f !== 'oauth')) {
        const headers = {
          'Fn-Call-Id': `bundle-${name}`,
          'Fn-Intent': 'httprequest',
          'Fn-Http-Method': 'POST',
          'Fn-Http-Request-Url': name === 'router' ? '/mcp' : `/mcp/${name}`,
          'Fn-Http-H-X-Mcp-Claim-Sub': 'bundle-test',
          'Fn-Http-H-X-Mcp-Claim-Scope': 'oci-mcp.read',
          'Content-Type': 'application/json',
        }
        const init = await host.call(
          name,
          headers,
          Buffer.from(
            JSON.stringify({
              jsonrpc: '2.0',
              id: 1,
              method: 'initialize',
              params: {
                protocolVersion: '2025-11-25',
                capabilities: {},
                clientInfo: { name: 't', version: '1' },
              },
            }),
          ),
        )
        assert.equal(JSON.parse(init.body.toString()).result.protocolVersion, '2025-11-25', name)
        const list = await host.call(
          name,
          headers,
          Buffer.from('{"jsonrpc":"2.0","id":2,"method":"tools/list"}'),
        )
        const tools = JSON.parse(list.body.toString()).result.tools as { name: string }[]
        assert.ok(tools.length > 0, `${name} lists tools`)
      }
    } finally {
      await host.stop()
    }
  })
})
