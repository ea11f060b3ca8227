// Real clients of both SDK generations, and mcp-remote as stdio hosts use it, through the local edge:
// the router's /mcp and every group's own route, each listing and calling tools, resources and prompts.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { Client as Client2, StreamableHTTPClientTransport as Http2 } from '@modelcontextprotocol/client'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { type AnyClient, drive, GROUP_PATHS } from '../support/client-drive.ts'
import { testStack } from '../support/stack.ts'

const ROOT = new URL('../..', import.meta.url).pathname
let env: Awaited<ReturnType<typeof testStack>>
let token: string

before(async () => {
  env = await testStack()
  token = await env.clientToken()
})
after(async () => {
  await env?.close()
})

const paths = [undefined, ...GROUP_PATHS]
const urlOf = (group?: string) => new URL(`${env.info.edgeUrl}/mcp${group ? `/${group}` : ''}`)

async function with1x(group: string | undefined, run: (c: Client, version?: string) => Promise<void>) {
  const client = new Client({ name: 'e2e-sdk-1', version: '1.0.0' })
  const transport = new StreamableHTTPClientTransport(urlOf(group), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  })
  await client.connect(transport)
  try {
    await run(client, transport.protocolVersion)
  } finally {
    await client.close()
  }
}

async function with2x(group: string | undefined, run: (c: Client2) => Promise<void>) {
  // 'auto': server/discover first, the 2026-07-28 era where the server speaks it, else the initialize handshake.
  const client = new Client2(
    { name: 'e2e-sdk-2', version: '2.0.0' },
    { versionNegotiation: { mode: 'auto' } },
  )
  await client.connect(
    new Http2(urlOf(group), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }),
  )
  try {
    await run(client)
  } finally {
    await client.close()
  }
}

describe('@modelcontextprotocol/sdk 1.x Client', () => {
  for (const group of paths)
    it(`drives ${group ? `/mcp/${group}` : '/mcp'}`, () =>
      with1x(group, async (c, version) => {
        assert.equal(version, '2025-11-25')
        await drive(c as unknown as AnyClient, group)
      }))
})

describe('@modelcontextprotocol/client 2.x Client', () => {
  for (const group of paths)
    it(`drives ${group ? `/mcp/${group}` : '/mcp'}`, () =>
      with2x(group, async (c) => {
        // 'auto' picked the stateless revision: every request below carries its version in _meta.
        assert.equal(c.getNegotiatedProtocolVersion(), '2026-07-28')
        await drive(c as unknown as AnyClient, group)
      }))
})

describe('@modelcontextprotocol/client 2.x confirms destructive tools through its elicitation handler', () => {
  type Answer = { action: 'accept'; content: { confirm: boolean } } | { action: 'decline' }
  interface ToolResult {
    isError?: boolean
    content: { type: string; text?: string }[]
    structuredContent?: Record<string, unknown>
  }
  const codeOf = (r: ToolResult) => /^Error (ERR_[A-Z_]+)/.exec(r.content[0]?.text ?? '')?.[1]

  async function withAsking(group: string | undefined, run: (c: Client2, asked: string[]) => Promise<void>) {
    const client = new Client2(
      { name: 'e2e-sdk-2-confirm', version: '2.0.0' },
      { versionNegotiation: { mode: 'auto' }, capabilities: { elicitation: { form: {} } } },
    )
    const asked: string[] = []
    client.setRequestHandler('elicitation/create', async (request) => {
      asked.push(request.params.message)
      return answer
    })
    await client.connect(
      new Http2(urlOf(group), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }),
    )
    try {
      assert.equal(client.getNegotiatedProtocolVersion(), '2026-07-28')
      await run(client, asked)
    } finally {
      await client.close()
    }
  }
  let answer: Answer = { action: 'accept', content: { confirm: true } }
  const bucket = 'events-results'

  for (const group of [undefined, 'objectstorage'])
    it(`accepted: the object is gone; declined: it stays (${group ? `/mcp/${group}` : '/mcp'})`, () =>
      withAsking(group, async (c, asked) => {
        const name = `confirm/${group ?? 'router'}.txt`
        const call = async (tool: string, args: Record<string, unknown>) =>
          (await c.callTool({ name: tool, arguments: { bucket, name, ...args } })) as ToolResult
        answer = { action: 'accept', content: { confirm: true } }
        assert.equal((await call('objectstorage_put_object', { content: 'keep?' })).isError, undefined)
        answer = { action: 'decline' }
        const declined = await call('objectstorage_delete_object', {})
        assert.equal(codeOf(declined), 'ERR_CONFIRMATION_DECLINED')
        assert.equal((await call('objectstorage_head_object', {})).structuredContent?.size, 5)
        answer = { action: 'accept', content: { confirm: true } }
        const deleted = await call('objectstorage_delete_object', {})
        assert.equal(deleted.structuredContent?.deleted, true)
        assert.equal(codeOf(await call('objectstorage_head_object', {})), 'ERR_OCI_NOT_FOUND')
        // Put, declined delete, accepted delete: three questions, each naming the tool and the object.
        assert.equal(asked.length, 3)
        assert.match(asked[0], /objectstorage_put_object/)
        for (const message of asked.slice(1)) {
          assert.match(message, /objectstorage_delete_object/)
          assert.ok(message.includes(`"${name}"`) && message.includes(`"${bucket}"`), message)
        }
      }))
})

describe('mcp-remote 0.15.1 as a stdio bridge', () => {
  it('serves the router and a group to a stdio client with the bearer header it is given', async () => {
    const config = mkdtempSync(join(tmpdir(), 'mcp-remote-'))
    try {
      for (const group of [undefined, 'objectstorage']) {
        const client = new Client({ name: 'e2e-stdio', version: '1.0.0' })
        await client.connect(
          new StdioClientTransport({
            command: process.execPath,
            args: [
              join(ROOT, 'node_modules', 'mcp-remote', 'dist', 'proxy.js'),
              urlOf(group).href,
              '--transport',
              'http-only',
              '--header',
              'Authorization:${MCP_AUTH_HEADER}',
            ],
            // mcp-remote's documented way to pass a header with a space: through the environment.
            env: {
              PATH: process.env.PATH ?? '',
              HOME: config,
              MCP_REMOTE_CONFIG_DIR: config,
              MCP_AUTH_HEADER: `Bearer ${token}`,
              NODE_NO_WARNINGS: '1',
            },
            stderr: 'ignore',
          }),
        )
        try {
          await drive(client as unknown as AnyClient, group)
        } finally {
          await client.close()
        }
      }
    } finally {
      rmSync(config, { recursive: true, force: true })
    }
  })
})
