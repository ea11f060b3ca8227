// End to end through the local edge with the real MCP client: initialize, tools, objects, resources, paging, 401.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { testStack } from '../support/stack.ts'

type Result = {
  content: { type: string; text: string }[]
  structuredContent?: Record<string, unknown>
  isError?: boolean
}

let env: Awaited<ReturnType<typeof testStack>>
let client: Client
const call = async (name: string, args: Record<string, unknown> = {}) =>
  (await client.callTool({ name, arguments: args })) as Result

before(async () => {
  env = await testStack()
  client = await env.connect(await env.clientToken())
})
after(async () => {
  await client?.close()
  await env?.close()
})

describe('the spine, end to end', () => {
  it('initializes statelessly and lists every group’s tools from the router', async () => {
    assert.equal(client.getServerVersion()?.name, 'oci-mcp-functions')
    const { tools } = await client.listTools()
    const names = tools.map((t) => t.name)
    for (const name of [
      'objectstorage_list_objects',
      'objectstorage_put_object',
      'identity_whoami',
      'identity_list_compartments',
    ]) {
      assert.ok(names.includes(name), `${name} listed`)
    }
    for (const t of tools) {
      assert.ok(t.outputSchema, `${t.name} has an outputSchema`)
      assert.equal(typeof t.annotations?.readOnlyHint, 'boolean', `${t.name} has readOnlyHint`)
    }
  })

  it('round-trips an object: put, list, get, delete', async () => {
    const put = await call('objectstorage_put_object', {
      bucket: 'platform-config',
      name: 'e2e/hello.txt',
      content: 'hello from e2e',
      content_type: 'text/plain',
    })
    assert.notEqual(put.isError, true, put.content[0]?.text)
    const list = await call('objectstorage_list_objects', { bucket: 'platform-config', prefix: 'e2e/' })
    const objects = ((list.structuredContent?.objects as { name: string }[] | undefined) ?? []).map(
      (o) => o.name,
    )
    assert.deepEqual(objects, ['e2e/hello.txt'])
    const got = await call('objectstorage_get_object', { bucket: 'platform-config', name: 'e2e/hello.txt' })
    assert.equal(got.structuredContent?.content, 'hello from e2e')
    const del = await call('objectstorage_delete_object', {
      bucket: 'platform-config',
      name: 'e2e/hello.txt',
    })
    assert.notEqual(del.isError, true, del.content[0]?.text)
    const gone = await call('objectstorage_get_object', {
      bucket: 'platform-config',
      name: 'e2e/hello.txt',
    })
    assert.equal(gone.isError, true)
    assert.match(gone.content[0].text, /ERR_OCI_NOT_FOUND/)
  })

  it('reads resources through the router', async () => {
    const ns = await client.readResource({ uri: 'oci://namespace' })
    assert.match(String((ns.contents[0] as { text: string }).text), /examplens/)
    const readme = await client.readResource({ uri: 'oci://buckets/platform-config/objects/README.md' })
    assert.match(String((readme.contents[0] as { text: string }).text), /^# platform-config/)
    const templates = await client.listResourceTemplates()
    assert.ok(
      templates.resourceTemplates.some((t) => t.uriTemplate === 'oci://buckets/{bucket}/objects/{name}'),
    )
  })

  it('pages through a listing larger than one page, each object once', async () => {
    const seen = new Set<string>()
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await call('objectstorage_list_objects', {
        bucket: 'app-logs',
        limit: 500,
        ...(cursor ? { cursor } : {}),
      })
      assert.notEqual(page.isError, true, page.content[0]?.text)
      for (const o of (page.structuredContent?.objects ?? []) as { name: string }[]) {
        assert.ok(!seen.has(o.name), `${o.name} seen once`)
        seen.add(o.name)
      }
      cursor = page.structuredContent?.next_cursor as string | undefined
      pages += 1
    } while (cursor && pages < 20)
    assert.equal(seen.size, 1200)
    assert.ok(pages >= 3)
  })

  it('reaches a group directly at /mcp/{group}', async () => {
    const direct = await env.connect(await env.clientToken(), '/mcp/identity')
    try {
      const { tools } = await direct.listTools()
      assert.ok(tools.every((t) => t.name.startsWith('identity_')))
      const who = (await direct.callTool({ name: 'identity_whoami', arguments: {} })) as Result
      assert.equal(
        (who.structuredContent?.caller as { client_id?: string } | undefined)?.client_id,
        env.info.clientId,
      )
    } finally {
      await direct.close()
    }
  })

  it('refuses a missing or forged token at the edge with 401 and WWW-Authenticate', async () => {
    const rpc = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' })
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' }
    const none = await fetch(env.info.mcpUrl, { method: 'POST', headers, body: rpc })
    assert.equal(none.status, 401)
    assert.match(
      none.headers.get('www-authenticate') ?? '',
      /^Bearer resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource"/,
    )
    const token = await env.clientToken()
    const forged = `${token.slice(0, -6)}AAAAAA`
    const bad = await fetch(env.info.mcpUrl, {
      method: 'POST',
      headers: { ...headers, Authorization: `Bearer ${forged}` },
      body: rpc,
    })
    assert.equal(bad.status, 401)
    assert.match(bad.headers.get('www-authenticate') ?? '', /error="invalid_token"/)
    await assert.rejects(env.connect('not-a-token'))
  })

  it('left one audit line per tool call, with no token in it', async () => {
    const lines = readFileSync(env.info.auditLog, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    assert.ok(lines.some((l) => l.tool === 'objectstorage_put_object' && l.outcome === 'ok'))
    const text = readFileSync(env.info.auditLog, 'utf8')
    assert.doesNotMatch(text, /eyJ[A-Za-z0-9_-]{10,}\./)
    assert.ok(!text.includes(env.info.clientSecret))
  })
})
