// Changing objects with the objectstorage tools against the OCI emulator: put/get/delete, PARs, mutations off.
import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { useEmulator } from '../../test/support/emulator.ts'
import { errorCode, ok } from '../../test/support/results.ts'
import { setAuditSink } from '../core/audit.ts'
import * as specs from './catalog.ts'
import { implementation } from './implementation.ts'

const { tools: os, url } = useEmulator(implementation)

describe('objects: put, head, get, delete', () => {
  const bucket = 'events-results'

  test('text round trip with metadata; if_none_match refuses to overwrite', async () => {
    const h = os()
    const text = '{"hello": "wörld"}\n'
    const put = ok(
      await h.call('objectstorage_put_object', {
        bucket,
        name: 'rt/hello.json',
        content: text,
        content_type: 'application/json',
        metadata: { owner: 'team-a' },
      }),
      specs.putObject,
    )
    assert.equal(put.size, Buffer.byteLength(text))
    const head = ok(
      await h.call('objectstorage_head_object', { bucket, name: 'rt/hello.json' }),
      specs.headObject,
    )
    assert.equal(head.size, Buffer.byteLength(text))
    assert.equal(head.content_type, 'application/json')
    assert.equal(head.etag, put.etag)
    assert.equal(typeof head.md5, 'string')
    assert.deepEqual(head.metadata, { owner: 'team-a' })
    const got = ok(
      await h.call('objectstorage_get_object', { bucket, name: 'rt/hello.json' }),
      specs.getObject,
    )
    assert.equal(got.content_included, true)
    assert.equal(got.encoding, 'text')
    assert.equal(got.content, text)
    assert.equal(got.etag, put.etag)
    const again = await h.call('objectstorage_put_object', {
      bucket,
      name: 'rt/hello.json',
      content: 'other',
      if_none_match: '*',
    })
    assert.equal(errorCode(again), 'ERR_OCI_PRECONDITION')
    const unchanged = ok(
      await h.call('objectstorage_get_object', { bucket, name: 'rt/hello.json' }),
      specs.getObject,
    )
    assert.equal(unchanged.content, text)
  })

  test('binary content: base64 in, withheld as text, base64 out', async () => {
    const h = os()
    const bytes = Buffer.from([0, 1, 2, 0xff, 0xfe, 0x89, 0x50, 0x4e, 0x47, 0, 0x1a])
    ok(
      await h.call('objectstorage_put_object', {
        bucket,
        name: 'rt/blob.bin',
        content: bytes.toString('base64'),
        encoding: 'base64',
      }),
      specs.putObject,
    )
    const asText = ok(
      await h.call('objectstorage_get_object', { bucket, name: 'rt/blob.bin' }),
      specs.getObject,
    )
    assert.equal(asText.content_included, false)
    assert.equal(asText.content, undefined)
    assert.equal(asText.content_type, 'application/octet-stream')
    assert.match(asText.note as string, /base64/)
    const asBase64 = ok(
      await h.call('objectstorage_get_object', { bucket, name: 'rt/blob.bin', encoding: 'base64' }),
      specs.getObject,
    )
    assert.equal(asBase64.content_included, true)
    assert.deepEqual(Buffer.from(asBase64.content as string, 'base64'), bytes)
  })

  test('octet-stream text is recognised by its bytes; an empty object reads as empty text', async () => {
    const h = os()
    await h.call('objectstorage_put_object', {
      bucket,
      name: 'rt/plain.log',
      content: Buffer.from('line 1\nline 2\n').toString('base64'),
      encoding: 'base64',
    })
    const log = ok(
      await h.call('objectstorage_get_object', { bucket, name: 'rt/plain.log' }),
      specs.getObject,
    )
    assert.equal(log.content, 'line 1\nline 2\n')
    ok(
      await h.call('objectstorage_put_object', { bucket, name: 'rt/empty.txt', content: '' }),
      specs.putObject,
    )
    const empty = ok(
      await h.call('objectstorage_get_object', { bucket, name: 'rt/empty.txt' }),
      specs.getObject,
    )
    assert.equal(empty.size, 0)
    assert.equal(empty.content_included, true)
    assert.equal(empty.content, '')
  })

  test('an object over the inline limit is not returned; the note points to a PAR', async () => {
    const h = os({ MCP_OBJECT_TEXT_MAX_BYTES: '1000' })
    const text = 'x'.repeat(1001)
    await h.call('objectstorage_put_object', { bucket, name: 'rt/big.txt', content: text })
    const big = ok(await h.call('objectstorage_get_object', { bucket, name: 'rt/big.txt' }), specs.getObject)
    assert.equal(big.size, 1001)
    assert.equal(big.content_included, false)
    assert.match(big.note as string, /objectstorage_create_par/)
    const b64 = ok(
      await h.call('objectstorage_get_object', { bucket, name: 'rt/big.txt', encoding: 'base64' }),
      specs.getObject,
    )
    assert.equal(b64.content_included, false)
    await h.call('objectstorage_put_object', { bucket, name: 'rt/exact.txt', content: 'y'.repeat(1000) })
    const exact = ok(
      await h.call('objectstorage_get_object', { bucket, name: 'rt/exact.txt' }),
      specs.getObject,
    )
    assert.equal(exact.content, 'y'.repeat(1000))
  })

  test('put refuses bad base64 and bodies over the cap', async () => {
    const h = os()
    assert.equal(
      errorCode(
        await h.call('objectstorage_put_object', {
          bucket,
          name: 'rt/x',
          content: 'not base64!',
          encoding: 'base64',
        }),
      ),
      'ERR_INPUT_INVALID',
    )
    const tooBig = await h.call('objectstorage_put_object', {
      bucket,
      name: 'rt/huge.bin',
      content: Buffer.alloc(specs.PUT_MAX_BYTES + 1).toString('base64'),
      encoding: 'base64',
    })
    assert.equal(errorCode(tooBig), 'ERR_INPUT_TOO_LARGE')
    assert.match(tooBig.content[0].text, /objectstorage_create_par/)
  })

  test('delete honours if_match, then the object is gone', async () => {
    const h = os()
    const put = ok(
      await h.call('objectstorage_put_object', { bucket, name: 'rt/doomed.txt', content: 'bye' }),
      specs.putObject,
    )
    const stale = await h.call('objectstorage_delete_object', {
      bucket,
      name: 'rt/doomed.txt',
      if_match: 'not-the-etag',
    })
    assert.equal(errorCode(stale), 'ERR_OCI_PRECONDITION')
    const deleted = ok(
      await h.call('objectstorage_delete_object', { bucket, name: 'rt/doomed.txt', if_match: put.etag }),
      specs.deleteObject,
    )
    assert.equal(deleted.deleted, true)
    const missing = await h.call('objectstorage_get_object', { bucket, name: 'rt/doomed.txt' })
    assert.equal(errorCode(missing), 'ERR_OCI_NOT_FOUND')
    assert.match(missing.content[0].text, /ERR_OCI_NOT_FOUND/)
    assert.equal(
      errorCode(await h.call('objectstorage_head_object', { bucket, name: 'rt/doomed.txt' })),
      'ERR_OCI_NOT_FOUND',
    )
  })
})

describe('mutations disabled', () => {
  test('write tools are hidden and refused', async () => {
    const h = os({ MCP_ENABLE_MUTATIONS: 'false' })
    const names = h.list().map((t) => t.name)
    for (const name of [
      'objectstorage_put_object',
      'objectstorage_delete_object',
      'objectstorage_create_par',
    ]) {
      assert.ok(!names.includes(name), `${name} is listed`)
    }
    assert.ok(names.includes('objectstorage_get_object'))
    const refused = await h.call('objectstorage_put_object', {
      bucket: 'events-results',
      name: 'x',
      content: 'x',
    })
    assert.equal(errorCode(refused), 'ERR_MUTATIONS_DISABLED')
    const del = await h.call('objectstorage_delete_object', { bucket: 'platform-config', name: 'README.md' })
    assert.equal(errorCode(del), 'ERR_MUTATIONS_DISABLED')
    ok(
      await h.call('objectstorage_head_object', { bucket: 'platform-config', name: 'README.md' }),
      specs.headObject,
    )
  })
})

describe('pre-authenticated requests', () => {
  test('an object PAR URL fetches the object with plain fetch', async () => {
    const par = ok(
      await os().call('objectstorage_create_par', {
        bucket: 'platform-config',
        object_name: 'env/prod.json',
      }),
      specs.createPar,
    )
    assert.ok((par.url as string).startsWith(url()))
    assert.equal(par.access_type, 'ObjectRead')
    const expires = Date.parse(par.time_expires as string) - Date.now()
    assert.ok(expires > 55 * 60_000 && expires <= 60 * 60_000)
    const res = await fetch(par.url as string)
    assert.equal(res.status, 200)
    assert.equal(await res.text(), '{"replicas": 3, "region": "us-ashburn-1"}\n')
  })

  test('a prefix write PAR accepts uploads below the prefix', async () => {
    const h = os()
    const par = ok(
      await h.call('objectstorage_create_par', {
        bucket: 'events-results',
        prefix: 'uploads/',
        access: 'ObjectWrite',
        expires_in_minutes: 5,
      }),
      specs.createPar,
    )
    assert.equal(par.access_type, 'AnyObjectWrite')
    const res = await fetch(`${par.url}uploads/via-par.txt`, { method: 'PUT', body: 'uploaded' })
    assert.equal(res.status, 200)
    const got = ok(
      await h.call('objectstorage_get_object', { bucket: 'events-results', name: 'uploads/via-par.txt' }),
      specs.getObject,
    )
    assert.equal(got.content, 'uploaded')
  })

  test('PAR input mistakes are coded errors', async () => {
    const h = os()
    const bucket = 'platform-config'
    assert.equal(errorCode(await h.call('objectstorage_create_par', { bucket })), 'ERR_INPUT_INVALID')
    assert.equal(
      errorCode(await h.call('objectstorage_create_par', { bucket, object_name: 'a', prefix: 'b' })),
      'ERR_INPUT_INVALID',
    )
    assert.equal(
      errorCode(
        await h.call('objectstorage_create_par', { bucket, object_name: 'a', expires_in_minutes: 20_000 }),
      ),
      'ERR_INPUT_INVALID',
    )
    assert.equal(
      errorCode(await h.call('objectstorage_create_par', { bucket, object_name: 'a', allow_listing: true })),
      'ERR_INPUT_INVALID',
    )
  })
})

describe('arguments out of bounds (issue 8, defect 2)', () => {
  const audited: Record<string, unknown>[] = []
  setAuditSink((line) => audited.push(JSON.parse(line)))
  after(() => setAuditSink((line) => process.stdout.write(`${line}\n`)))

  test('an extra argument nested 10k levels writes nothing, answers a coded error and is audited', async () => {
    const h = os()
    let deep: unknown = 'x'
    for (let i = 0; i < 10_000; i++) deep = { a: deep }
    const name = 'bounds/deep.txt'
    const result = await h.call('objectstorage_put_object', {
      bucket: 'events-results',
      name,
      content: 'must not be written',
      extra: deep,
    })
    assert.equal(errorCode(result), 'ERR_INPUT_INVALID')
    const line = audited.filter((a) => a.tool === 'objectstorage_put_object').at(-1)
    assert.equal(line?.outcome, 'tool_error')
    assert.equal(line?.errorCode, 'ERR_INPUT_INVALID')
    assert.match(String(line?.argsDigest), /^sha256:|^unavailable/)
    const head = await h.call('objectstorage_head_object', { bucket: 'events-results', name })
    assert.equal(errorCode(head), 'ERR_OCI_NOT_FOUND')
  })
})
