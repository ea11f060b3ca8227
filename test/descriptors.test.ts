// Build-time descriptors cannot drift: what the bundle serves equals what the sources compute at run time.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { toolDescriptor } from '../functions/core/descriptors.ts'
import { DISCOVERY_TOOLS } from '../functions/router/discovery.ts'
import { GROUP_CATALOGS } from '../functions/router/groups.ts'
import { FunctionsHost } from '../infra/local/functions-host.ts'
import { buildTimeDescriptors, bundle, FUNCTION_ENTRY } from '../scripts/build.ts'

const ROOT = new URL('..', import.meta.url).pathname
const out = mkdtempSync(join(tmpdir(), 'descriptors-'))
const LISTS = ['tools/list', 'resources/list', 'resources/templates/list', 'prompts/list'] as const

before(async () => {
  await bundle(out)
})
after(() => rmSync(out, { recursive: true, force: true }))

/** One function as the bundle runs it and as the sources run it, side by side. */
const both = (fn: string) => {
  const env = {
    PATH: process.env.PATH,
    NODE_NO_WARNINGS: '1',
    MCP_FUNCTION: fn,
    MCP_VERIFY_TOKEN: 'false',
    MCP_TRUST_CLAIM_HEADERS: 'true',
    MCP_ENABLE_MUTATIONS: 'true',
    MCP_FN_SOCKET_DIR: join(out, 'fn'),
  }
  return [
    { name: `${fn}-bundle`, command: [process.execPath, join(out, FUNCTION_ENTRY)], env },
    {
      name: `${fn}-source`,
      command: [process.execPath, '--import', 'tsx', join(ROOT, 'functions', fn, 'index.ts')],
      env,
    },
  ]
}

describe('build-time descriptors', () => {
  it('are JSON that equals the runtime conversion, tool by tool', async () => {
    const { descriptors } = await buildTimeDescriptors()
    const specs = {
      router: DISCOVERY_TOOLS,
      ...Object.fromEntries(GROUP_CATALOGS.map((c) => [c.group, c.tools])),
    }
    assert.deepEqual(Object.keys(descriptors).sort(), Object.keys(specs).sort())
    for (const [group, tools] of Object.entries(specs)) {
      // The bundle carries them through JSON.parse: anything JSON cannot hold would differ here.
      const carried = JSON.parse(JSON.stringify(descriptors[group]))
      assert.deepEqual(carried, tools.map(toolDescriptor), group)
    }
  })

  it('the bundled router and a bundled group list exactly what their sources list', async () => {
    const host = new FunctionsHost({
      socketDir: join(out, 'fn'),
      functions: [...both('router'), ...both('objectstorage')],
      maxContainers: 1,
    })
    await host.start()
    try {
      for (const fn of ['router', 'objectstorage']) {
        for (const method of LISTS) {
          const answers: unknown[] = []
          for (const variant of ['bundle', 'source']) {
            const reply = await host.call(
              `${fn}-${variant}`,
              {
                'Fn-Call-Id': `descriptors-${variant}`,
                'Fn-Intent': 'httprequest',
                'Fn-Http-Method': 'POST',
                'Fn-Http-Request-Url': fn === 'router' ? '/mcp' : `/mcp/${fn}`,
                'Fn-Http-H-X-Mcp-Claim-Sub': 'descriptors-test',
                'Fn-Http-H-X-Mcp-Claim-Scope': 'oci-mcp.write',
                'Fn-Http-H-Mcp-Protocol-Version': '2025-11-25',
                'Content-Type': 'application/json',
              },
              Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 1, method })),
            )
            answers.push(JSON.parse(reply.body.toString()).result)
          }
          assert.ok(answers[0], `${fn} answers ${method}`)
          assert.deepEqual(answers[0], answers[1], `${fn} ${method}: bundle vs source`)
        }
      }
    } finally {
      await host.stop()
    }
  })
})
