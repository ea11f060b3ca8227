// stdio mode with the real MCP client: the same tools, one process, config-file signing against the emulator.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { GROUP_CATALOGS } from '../../functions/router/groups.ts'
import { type OciEmulator, startOciEmulator } from '../../infra/local/oci-emulator/index.ts'
import { compartmentId } from '../../infra/local/seed.ts'

type Result = { content: { text: string }[]; structuredContent?: Record<string, unknown>; isError?: boolean }

const dataDir = mkdtempSync(join(tmpdir(), 'stdio-'))
let emulator: OciEmulator
let client: Client

before(async () => {
  emulator = await startOciEmulator({ port: 0, dataDir })
  client = new Client({ name: 'stdio-e2e', version: '1.0.0' })
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [
        new URL('../../bin/oci-mcp-functions.mjs', import.meta.url).pathname,
        '--stdio',
        '--config',
        emulator.operatorConfigFile,
      ],
      env: { PATH: process.env.PATH ?? '', OCI_ENDPOINT: emulator.url, NODE_NO_WARNINGS: '1' },
      stderr: 'ignore',
    }),
  )
})
after(async () => {
  await client?.close()
  await emulator?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('--stdio', () => {
  it('serves every read tool of every group, and no write tool unless enabled', async () => {
    const { tools } = await client.listTools()
    const discovery = ['search_tools', 'list_domains', 'get_tool_schema']
    const reads = GROUP_CATALOGS.flatMap((c) => c.tools.filter((t) => t.access === 'read').map((t) => t.name))
    const expected = [...discovery, ...reads].sort()
    assert.deepEqual(tools.map((t) => t.name).sort(), expected)
  })

  it('calls tools of two groups against the emulator', async () => {
    const buckets = (await client.callTool({
      name: 'objectstorage_list_buckets',
      arguments: { compartment_id: compartmentId('platform') },
    })) as Result
    assert.notEqual(buckets.isError, true, buckets.content[0]?.text)
    assert.ok(((buckets.structuredContent?.buckets ?? []) as unknown[]).length > 0)
    const compartments = (await client.callTool({
      name: 'identity_list_compartments',
      arguments: { subtree: true },
    })) as Result
    assert.notEqual(compartments.isError, true, compartments.content[0]?.text)
  })
})
