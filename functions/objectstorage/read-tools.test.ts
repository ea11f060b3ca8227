// Reading with the objectstorage tools and resources against the OCI emulator: namespace, buckets, listings, resources.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { compartmentId, NAMESPACE } from '../../infra/local/seed.ts'
import { useEmulator } from '../../test/support/emulator.ts'
import { errorCode, ok } from '../../test/support/results.ts'
import { testCaller } from '../../test/support/tool-harness.ts'
import { isMcpFunctionsError } from '../core/errors.ts'
import { INVALID_PARAMS } from '../core/jsonrpc.ts'
import { answer } from '../core/protocol.ts'
import * as specs from './catalog.ts'
import { implementation } from './implementation.ts'

const { tools: os } = useEmulator(implementation)

describe('namespace and buckets', () => {
  test('get_namespace returns the tenancy namespace; json format repeats structuredContent', async () => {
    const r = await os().call('objectstorage_get_namespace', { response_format: 'json' })
    const data = ok(r, specs.getNamespace)
    assert.equal(data.namespace, NAMESPACE)
    assert.equal(data.region, 'us-ashburn-1')
    assert.deepEqual(JSON.parse(r.content[0].text), data)
  })

  test('list_buckets in a named compartment, and in OCI_COMPARTMENT_ID by default', async () => {
    const named = ok(
      await os().call('objectstorage_list_buckets', { compartment_id: compartmentId('platform') }),
      specs.listBuckets,
    )
    assert.deepEqual(
      (named.buckets as { name: string }[]).map((b) => b.name),
      ['platform-config'],
    )
    const byEnv = ok(
      await os({ OCI_COMPARTMENT_ID: compartmentId('sandbox') }).call('objectstorage_list_buckets'),
      specs.listBuckets,
    )
    assert.deepEqual((byEnv.buckets as { name: string }[]).map((b) => b.name).sort(), [
      'events-inbox',
      'events-results',
      'oauth-state',
    ])
    assert.equal(byEnv.next_cursor, undefined)
  })

  test('list_buckets pages with a cursor', async () => {
    const h = os({ OCI_COMPARTMENT_ID: compartmentId('sandbox') })
    const first = ok(await h.call('objectstorage_list_buckets', { limit: 1 }), specs.listBuckets)
    assert.equal((first.buckets as unknown[]).length, 1)
    assert.equal(typeof first.next_cursor, 'string')
    const second = ok(
      await h.call('objectstorage_list_buckets', { limit: 1, cursor: first.next_cursor }),
      specs.listBuckets,
    )
    assert.equal((second.buckets as unknown[]).length, 1)
    assert.notDeepEqual(second.buckets, first.buckets)
  })
})

describe('list_objects', () => {
  async function listAll(h: ReturnType<typeof os>, args: Record<string, unknown>) {
    const names: string[] = []
    const pages: Record<string, unknown>[] = []
    let cursor: string | undefined
    do {
      const page = ok(await h.call('objectstorage_list_objects', { ...args, cursor }), specs.listObjects)
      pages.push(page)
      names.push(...(page.objects as { name: string }[]).map((o) => o.name))
      cursor = page.next_cursor as string | undefined
      assert.ok(pages.length < 100, 'paging does not end')
    } while (cursor)
    return { names, pages }
  }

  test('pages through all 1200 objects of app-logs with cursors, in order, without duplicates', async () => {
    const { names, pages } = await listAll(os(), { bucket: 'app-logs', limit: 500 })
    assert.equal(names.length, 1200)
    assert.equal(new Set(names).size, 1200)
    assert.deepEqual(names, [...names].sort())
    assert.deepEqual(
      pages.map((p) => (p.objects as unknown[]).length),
      [500, 500, 200],
    )
    assert.ok(pages.every((p) => p.truncated_by_budget === false))
    const first = (pages[0].objects as Record<string, unknown>[])[0]
    assert.equal(typeof first.size, 'number')
    assert.equal(typeof first.etag, 'string')
    assert.equal(typeof first.time_modified, 'string')
    assert.equal(first.storage_tier, 'Standard')
  })

  test('a small response budget cuts pages short and the cursor continues exactly', async () => {
    const { names, pages } = await listAll(os({ MCP_RESPONSE_BUDGET_BYTES: '8000' }), {
      bucket: 'app-logs',
      limit: 1000,
    })
    assert.ok(pages.length > 2)
    assert.equal(pages[0].truncated_by_budget, true)
    assert.ok((pages[0].objects as unknown[]).length < 1000)
    assert.equal(names.length, 1200)
    assert.equal(new Set(names).size, 1200)
    assert.deepEqual(names, [...names].sort())
  })

  test('delimiter "/" lists one level: objects and prefixes', async () => {
    const top = ok(
      await os().call('objectstorage_list_objects', { bucket: 'platform-config', delimiter: '/' }),
      specs.listObjects,
    )
    assert.deepEqual(
      (top.objects as { name: string }[]).map((o) => o.name),
      ['README.md'],
    )
    assert.deepEqual(top.prefixes, ['env/', 'scripts/'])
    const env = ok(
      await os().call('objectstorage_list_objects', {
        bucket: 'platform-config',
        prefix: 'env/',
        delimiter: '/',
      }),
      specs.listObjects,
    )
    assert.deepEqual(
      (env.objects as { name: string }[]).map((o) => o.name),
      ['env/dev.json', 'env/prod.json'],
    )
    assert.deepEqual(env.prefixes, [])
  })

  test('paging with a delimiter counts prefixes and objects together', async () => {
    const { names, pages } = await listAll(os(), { bucket: 'platform-config', delimiter: '/', limit: 1 })
    assert.deepEqual(names, ['README.md'])
    assert.deepEqual(
      pages.flatMap((p) => p.prefixes as string[]),
      ['env/', 'scripts/'],
    )
  })

  test('invalid input and foreign cursors are coded errors', async () => {
    const h = os()
    assert.equal(
      errorCode(await h.call('objectstorage_list_objects', { bucket: 'app-logs', delimiter: '|' })),
      'ERR_INPUT_INVALID',
    )
    assert.equal(
      errorCode(await h.call('objectstorage_list_objects', { bucket: 'a/b' })),
      'ERR_INPUT_INVALID',
    )
    assert.equal(
      errorCode(await h.call('objectstorage_list_objects', { bucket: 'app-logs', cursor: 'nonsense' })),
      'ERR_INPUT_CURSOR',
    )
    assert.equal(
      errorCode(await h.call('objectstorage_list_objects', { bucket: 'no-such-bucket' })),
      'ERR_OCI_NOT_FOUND',
    )
  })
})

describe('resources', () => {
  test('oci://namespace', async () => {
    const { contents } = await os().read('oci://namespace')
    assert.deepEqual(JSON.parse(contents[0].text as string), { namespace: NAMESPACE })
  })

  test('a bucket listing and an object’s text', async () => {
    const h = os()
    const listing = await h.read('oci://buckets/platform-config/objects')
    assert.equal(listing.contents[0].mimeType, 'application/json')
    const names = JSON.parse(listing.contents[0].text as string).objects.map((o: { name: string }) => o.name)
    assert.deepEqual(names, ['README.md', 'env/dev.json', 'env/prod.json', 'scripts/bootstrap.sh'])
    const obj = await h.read('oci://buckets/platform-config/objects/env/prod.json')
    assert.equal(obj.contents[0].text, '{"replicas": 3, "region": "us-ashburn-1"}\n')
    assert.equal(obj.contents[0].mimeType, 'application/json')
  })

  test('a binary object reads as a JSON metadata note; a missing one is not found', async () => {
    const h = os()
    await h.call('objectstorage_put_object', {
      bucket: 'events-results',
      name: 'res/image.png',
      content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]).toString('base64'),
      encoding: 'base64',
      content_type: 'image/png',
    })
    const note = await h.read('oci://buckets/events-results/objects/res%2Fimage.png')
    const body = JSON.parse(note.contents[0].text as string)
    assert.equal(body.content_type, 'image/png')
    assert.equal(body.size, 7)
    assert.match(body.note, /binary/)
    await assert.rejects(h.read('oci://buckets/events-results/objects/res/nothing.txt'), (e) => {
      assert.ok(isMcpFunctionsError(e))
      assert.equal(e.code, 'ERR_OCI_NOT_FOUND')
      return true
    })
  })

  test('an object named "." or ".." is refused before any OCI call: fetch would turn it into the listing', async () => {
    const h = os()
    for (const name of ['.', '..']) {
      const r = await h.call('objectstorage_get_object', { bucket: 'events-results', name })
      assert.equal(errorCode(r), 'ERR_INPUT_INVALID', name)
      await assert.rejects(h.read(`oci://buckets/events-results/objects/${name}`), {
        code: 'ERR_INPUT_INVALID',
      })
    }
  })

  test('a bucket name the tools refuse is refused by the resources too, before any OCI call', async () => {
    const h = os()
    const bad = ['a%20b', 'a%2Fb', 'x'.repeat(257), '..', 'a%00b']
    for (const bucket of bad) {
      const name = decodeURIComponent(bucket)
      const tool = await h.call('objectstorage_list_objects', { bucket: name })
      assert.equal(errorCode(tool), 'ERR_INPUT_INVALID', `tool, bucket ${bucket}`)
      for (const uri of [`oci://buckets/${bucket}/objects`, `oci://buckets/${bucket}/objects/a.txt`]) {
        await assert.rejects(h.read(uri), (e) => {
          assert.ok(isMcpFunctionsError(e), uri)
          assert.equal(e.code, 'ERR_INPUT_INVALID', uri)
          return true
        })
        const reply = await answer(
          h.app,
          { jsonrpc: '2.0', id: 7, method: 'resources/read', params: { uri } },
          { caller: testCaller(), callId: 'bad-bucket', headers: new Headers(), env: {} },
        )
        assert.equal(reply.error?.code, INVALID_PARAMS, uri)
        assert.deepEqual(reply.error?.data, { code: 'ERR_INPUT_INVALID' }, uri)
      }
    }
  })
})
