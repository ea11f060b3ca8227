// OCI Events from a real write: an object put through the edge into events-inbox (object events enabled in the
// seed) makes the emulator send createobject to the events function, whose binding leaves the digest in
// events-results — no emit-event in between, as in a tenancy.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { setTimeout as pause } from 'node:timers/promises'
import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { NAMESPACE } from '../../infra/local/seed.ts'
import { testStack } from '../support/stack.ts'

type ToolResult = { structuredContent?: Record<string, unknown>; isError?: boolean }

let env: Awaited<ReturnType<typeof testStack>>
let client: Client

before(async () => {
  env = await testStack()
  client = await env.connect(await env.clientToken())
})
after(async () => {
  await client?.close()
  await env?.close()
})

const call = async (name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args })) as ToolResult

/** Polls until `probe` answers, within a bound; each attempt is a real call, the pause only spaces them. */
async function eventually<T>(probe: () => Promise<T | undefined>, boundMs: number): Promise<T> {
  const until = Date.now() + boundMs
  for (;;) {
    const got = await probe()
    if (got !== undefined) return got
    if (Date.now() > until) throw new Error(`nothing within ${boundMs} ms`)
    await pause(250)
  }
}

describe('object events in the local stack', () => {
  it('putting an object into events-inbox runs the binding: the digest appears in events-results', async () => {
    const name = `incoming/e2e-${randomUUID()}.csv`
    const put = await call('objectstorage_put_object', {
      bucket: 'events-inbox',
      name,
      content: 'region,cost\nus-phoenix-1,7.00\n',
      content_type: 'text/csv',
    })
    assert.notEqual(put.isError, true)

    const record = await eventually(async () => {
      const got = await call('objectstorage_get_object', {
        bucket: 'events-results',
        name: `digests/${name}.json`,
      })
      return got.isError ? undefined : JSON.parse(String(got.structuredContent?.content ?? '{}'))
    }, 90_000)
    assert.equal(record.event.eventType, 'com.oraclecloud.objectstorage.createobject')
    assert.equal(record.event.source, 'ObjectStorage')
    assert.deepEqual(record.arguments, { namespace: NAMESPACE, bucket: 'events-inbox', name })
    assert.equal(record.result.name, name)
    assert.equal(record.result.etag, put.structuredContent?.etag)

    const audit = readFileSync(env.info.auditLog, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    const fromEvent = audit.filter((l) => l.trigger === 'event')
    assert.deepEqual(fromEvent.map((l) => l.tool).sort(), [
      'objectstorage_head_object',
      'objectstorage_put_object',
    ])
    assert.ok(fromEvent.every((l) => l.outcome === 'ok'))
  })
})
