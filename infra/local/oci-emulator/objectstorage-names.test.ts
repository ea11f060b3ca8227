// Object and bucket names that once broke the emulator: Object.prototype keys, non-ASCII, '%', quotes, dots.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import * as objectstorage from 'oci-objectstorage'
import { compartmentId, NAMESPACE } from '../seed.ts'
import {
  objectStorageClient,
  ociError,
  operatorProvider,
  startTestEmulator,
  type TestEmulator,
} from './testing.ts'

let emulator: TestEmulator
let client: objectstorage.ObjectStorageClient
const ns = NAMESPACE
const bucketName = 'names'

before(async () => {
  emulator = await startTestEmulator()
  client = objectStorageClient(emulator.url, operatorProvider(emulator))
  await client.createBucket({
    namespaceName: ns,
    createBucketDetails: { name: bucketName, compartmentId: compartmentId('sandbox') },
  })
})
after(() => emulator.dispose())

const text = async (stream: unknown) => new Response(stream as ReadableStream).text()

async function roundTrip(bucket: string, objectName: string): Promise<void> {
  const body = `body of ${objectName}`
  await client.putObject({ namespaceName: ns, bucketName: bucket, objectName, putObjectBody: body })
  const got = await client.getObject({ namespaceName: ns, bucketName: bucket, objectName })
  assert.equal(await text(got.value), body, objectName)
  const head = await client.headObject({ namespaceName: ns, bucketName: bucket, objectName })
  assert.equal(head.eTag, got.eTag)
}

async function names(request: Omit<objectstorage.requests.ListObjectsRequest, 'namespaceName'>) {
  const res = await client.listObjects({ namespaceName: ns, ...request })
  return res.listObjects.objects.map((o) => o.name)
}

describe('object names that are Object.prototype keys', () => {
  const keys = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']

  it('reports them absent before they exist, with 404 ObjectNotFound', async () => {
    for (const objectName of keys) {
      const err = await ociError(client.getObject({ namespaceName: ns, bucketName, objectName }))
      assert.equal(err.statusCode, 404, objectName)
      assert.equal(err.serviceCode, 'ObjectNotFound', objectName)
    }
  })

  it('stores, lists, reads, overwrites and deletes them like any other name', async () => {
    for (const objectName of keys) await roundTrip(bucketName, objectName)
    // An overwrite must find the existing record (and its etag), not something inherited.
    for (const objectName of keys) await roundTrip(bucketName, objectName)
    assert.deepEqual(await names({ bucketName }), [...keys].sort())
    const bucket = await client.getBucket({
      namespaceName: ns,
      bucketName,
      fields: [objectstorage.requests.GetBucketRequest.Fields.ApproximateCount],
    })
    assert.equal(bucket.bucket.approximateCount, keys.length)
    for (const objectName of keys) await client.deleteObject({ namespaceName: ns, bucketName, objectName })
    assert.deepEqual(await names({ bucketName }), [])
    const err = await ociError(
      client.deleteObject({ namespaceName: ns, bucketName, objectName: 'constructor' }),
    )
    assert.equal(err.serviceCode, 'ObjectNotFound')
  })

  it('keeps buckets named like them apart from every other bucket', async () => {
    for (const name of ['constructor', '__proto__']) {
      await client.createBucket({
        namespaceName: ns,
        createBucketDetails: { name, compartmentId: compartmentId('sandbox') },
      })
      await roundTrip(name, 'inside.txt')
      assert.deepEqual(await names({ bucketName: name }), ['inside.txt'])
    }
    assert.deepEqual(await names({ bucketName: 'app-logs', prefix: 'inside' }), [])
  })
})

describe('names the SDK signs in one form and sends in another', () => {
  const objects = [
    'héllo/wörld.txt',
    'héllo/zoë.txt',
    '日本/語.txt',
    "it's/a'b.txt",
    '100%/done',
    'a%b',
    'a|b{c}',
  ]

  before(async () => {
    for (const objectName of objects) await roundTrip(bucketName, objectName)
  })

  it('lists under a non-ASCII prefix', async () => {
    assert.deepEqual(await names({ bucketName, prefix: 'héllo/' }), ['héllo/wörld.txt', 'héllo/zoë.txt'])
    assert.deepEqual(await names({ bucketName, prefix: '日本/' }), ['日本/語.txt'])
    assert.deepEqual(await names({ bucketName, prefix: 'héllo/', start: 'héllo/x' }), ['héllo/zoë.txt'])
  })

  it('lists under a prefix holding a literal % sign', async () => {
    assert.deepEqual(await names({ bucketName, prefix: '100%' }), ['100%/done'])
    assert.deepEqual(await names({ bucketName, prefix: 'a%' }), ['a%b'])
  })

  it('lists under prefixes with quotes and characters a URL parser escapes', async () => {
    assert.deepEqual(await names({ bucketName, prefix: "it's/" }), ["it's/a'b.txt"])
    assert.deepEqual(await names({ bucketName, prefix: 'a|b{' }), ['a|b{c}'])
  })
})

describe('after a restart', () => {
  it('still holds the objects and buckets named like Object.prototype keys', async () => {
    await client.putObject({ namespaceName: ns, bucketName, objectName: '__proto__', putObjectBody: 'kept' })
    await client.putObject({
      namespaceName: ns,
      bucketName: '__proto__',
      objectName: 'constructor',
      putObjectBody: 'kept too',
    })
    await emulator.close()
    emulator = await startTestEmulator({ dataDir: emulator.dataDir })
    client = objectStorageClient(emulator.url, operatorProvider(emulator))
    const got = await client.getObject({ namespaceName: ns, bucketName, objectName: '__proto__' })
    assert.equal(await text(got.value), 'kept')
    assert.deepEqual(await names({ bucketName: '__proto__' }), ['constructor', 'inside.txt'])
    const inner = await client.getObject({
      namespaceName: ns,
      bucketName: '__proto__',
      objectName: 'constructor',
    })
    assert.equal(await text(inner.value), 'kept too')
  })
})

describe('an object named "."', () => {
  it('is refused with 401, never answered as the bucket listing fetch turned it into', async () => {
    // fetch removes the dot segment (…/o/. becomes …/o/) after the SDK signed it: nothing can tell the
    // two apart on the wire, so the signature check is what keeps GetObject('.') from listing the bucket.
    const err = await ociError(
      client.getObject({ namespaceName: ns, bucketName: 'app-logs', objectName: '.' }),
    )
    assert.equal(err.statusCode, 401)
    assert.equal(err.serviceCode, 'NotAuthenticated')
  })
})
