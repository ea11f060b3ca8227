// readObjectBody's transfer bounds, with a stand-in client: the Range asked for, and a body cut off past the cap.
import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { test } from 'node:test'
import type { ObjectStorageClient } from 'oci-objectstorage'
import { testCaller } from '../../test/support/tool-harness.ts'
import type { ToolContext } from '../core/tool-runner.ts'
import { inlineContent, readObjectBody } from './read-object.ts'

const ctx = (): ToolContext => ({
  caller: testCaller(),
  callId: 'unit',
  functionName: 'objectstorage',
  env: {},
  opcRequestIds: [],
})

/** A client whose GetObject ignores Range and streams `size` bytes, counting what was pulled. */
function hugeObjectClient(size: number) {
  const seen = { range: undefined as unknown, pulled: 0 }
  async function* body() {
    const chunk = Buffer.alloc(64 * 1024, 0x61)
    for (let sent = 0; sent < size; sent += chunk.length) {
      seen.pulled += chunk.length
      yield chunk
    }
  }
  const client = {
    getObject: async (req: { range?: unknown }) => {
      seen.range = req.range
      return {
        opcRequestId: 'req-1',
        contentLength: size,
        contentType: 'text/plain',
        value: Readable.from(body()),
      }
    },
  } as unknown as ObjectStorageClient
  return { client, seen }
}

test('asks for bytes 0..cap and stops reading a body that runs past it', async () => {
  const { client, seen } = hugeObjectClient(50 * 1024 * 1024)
  const c = ctx()
  const body = await readObjectBody(c, { client, namespace: 'ns', bucket: 'b', name: 'huge.log' }, 100_000)
  const range = seen.range as { startByte: number; endByte: number }
  assert.equal(range.startByte, 0)
  assert.equal(range.endByte, 100_000)
  assert.ok(seen.pulled < 512 * 1024, `pulled ${seen.pulled} bytes`)
  assert.equal(body.bytes, undefined)
  assert.equal(body.meta.size, 50 * 1024 * 1024)
  assert.deepEqual(c.opcRequestIds, ['req-1'])
  const content = inlineContent(body, 'text', 100_000)
  assert.equal(content.content_included, false)
})

test('inlineContent: declared binary types stay binary; text types must be valid UTF-8', () => {
  const meta = (content_type?: string) => ({
    namespace: 'ns',
    bucket: 'b',
    name: 'n',
    size: 3,
    content_type,
    metadata: {},
  })
  const bytes = Buffer.from('abc')
  assert.equal(inlineContent({ meta: meta('image/png'), bytes }, 'text', 10).content_included, false)
  assert.equal(
    inlineContent({ meta: meta('application/vnd.api+json'), bytes }, 'text', 10).content_included,
    true,
  )
  assert.equal(inlineContent({ meta: meta(undefined), bytes }, 'text', 10).content_included, true)
  const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9])
  assert.equal(inlineContent({ meta: meta('text/plain'), bytes: latin1 }, 'text', 10).content_included, false)
  assert.deepEqual(inlineContent({ meta: meta('image/png'), bytes }, 'base64', 10), {
    content_included: true,
    encoding: 'base64',
    content: 'YWJj',
  })
})
