// OCI Events end to end: a CloudEvents 0.1 object-creation event, delivered over the events function's Fn socket
// by `npm run emit-event`, runs its bound tool and leaves the result object and audit lines.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { testStack } from '../support/stack.ts'

const run = promisify(execFile)
const ROOT = new URL('../..', import.meta.url).pathname
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

const emit = (file: string) =>
  run(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/emit-event.ts',
      '--data-dir',
      env.stack.info.auditLog.replace(/\/audit\.log$/, ''),
      file,
    ],
    {
      cwd: ROOT,
    },
  )

describe('event bindings', () => {
  it('records the new object’s metadata and digest in the results bucket', async () => {
    const { stdout } = await emit('infra/events/examples/objectstorage-createobject.json')
    const reply = JSON.parse(stdout)
    assert.equal(reply.matched, 1)
    assert.deepEqual(
      reply.outcomes.map((o: { outcome: string }) => o.outcome),
      ['ok'],
    )
    assert.equal(reply.outcomes[0].resultObject, 'events-results/digests/incoming/report.csv.json')

    const got = (await client.callTool({
      name: 'objectstorage_get_object',
      arguments: { bucket: 'events-results', name: 'digests/incoming/report.csv.json' },
    })) as { structuredContent?: { content?: string }; isError?: boolean }
    assert.notEqual(got.isError, true)
    const record = JSON.parse(got.structuredContent?.content ?? '{}')
    assert.equal(record.event.eventID, '3e47d127-19de-6eb8-eb67-0c1ab961fcbc')
    assert.equal(record.result.name, 'incoming/report.csv')
    assert.match(record.result.md5, /^[A-Za-z0-9+/]{22}==$/)

    const audit = readFileSync(env.info.auditLog, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    const fromEvent = audit.filter((l) => l.trigger === 'event')
    assert.deepEqual(fromEvent.map((l) => l.tool).sort(), [
      'objectstorage_head_object',
      'objectstorage_put_object',
    ])
    assert.ok(fromEvent.every((l) => l.outcome === 'ok' && l.principal.sub === 'event:inbox-object-digest'))
  })

  it('refuses an envelope that is not CloudEvents 0.1, and runs nothing for an unbound event', async () => {
    const bad = await emit('package.json').catch((e: { stdout: string }) => e)
    assert.match(JSON.parse((bad as { stdout: string }).stdout).error, /CloudEvents 0\.1/)
  })
})
