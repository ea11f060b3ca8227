// Object Storage through the real ObjectStorageClient, signed with the operator's generated API key.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import * as common from 'oci-common'
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
const AccessType = objectstorage.models.CreatePreauthenticatedRequestDetails.AccessType

before(async () => {
  emulator = await startTestEmulator()
  client = objectStorageClient(emulator.url, operatorProvider(emulator))
})
after(() => emulator.dispose())

const text = async (stream: unknown) => new Response(stream as ReadableStream).text()

describe('namespace and buckets', () => {
  it('returns the namespace as a bare JSON string', async () => {
    assert.equal((await client.getNamespace({})).value, ns)
    const raw = await fetch(`${emulator.url}/n`)
    assert.equal(raw.status, 401, 'GetNamespace is signed too')
  })

  it('gets a bucket with the published field set and its ETag', async () => {
    const res = await client.getBucket({ namespaceName: ns, bucketName: 'app-logs', fields: [] })
    assert.equal(res.bucket.compartmentId, compartmentId('platformprod'))
    assert.equal(res.bucket.publicAccessType, 'NoPublicAccess')
    assert.equal(res.eTag, res.bucket.etag)
    assert.equal(res.bucket.approximateCount, null)
  })

  it('lists buckets of one compartment, paged with opc-next-page', async () => {
    const sandbox = compartmentId('sandbox')
    const first = await client.listBuckets({ namespaceName: ns, compartmentId: sandbox, limit: 1 })
    assert.deepEqual(
      first.items.map((b) => b.name),
      ['events-inbox'],
    )
    assert.ok(first.opcNextPage)
    const second = await client.listBuckets({
      namespaceName: ns,
      compartmentId: sandbox,
      limit: 1,
      page: first.opcNextPage,
    })
    assert.deepEqual(
      second.items.map((b) => b.name),
      ['events-results'],
    )
    assert.ok(second.opcNextPage)
    const third = await client.listBuckets({
      namespaceName: ns,
      compartmentId: sandbox,
      limit: 1,
      page: second.opcNextPage,
    })
    assert.deepEqual(
      third.items.map((b) => b.name),
      ['oauth-state'],
    )
    assert.equal(third.opcNextPage, undefined)
    assert.equal(second.items[0].freeformTags, undefined, 'tags only with fields=tags')
  })

  it('creates a bucket, then refuses the same name with 409 BucketAlreadyExists', async () => {
    const details = { name: 'created-by-test', compartmentId: compartmentId('sandbox') }
    const created = await client.createBucket({ namespaceName: ns, createBucketDetails: details })
    assert.equal(created.bucket.name, details.name)
    assert.equal(created.bucket.createdBy, operatorProvider(emulator).getUser())
    const again = await ociError(client.createBucket({ namespaceName: ns, createBucketDetails: details }))
    assert.equal(again.statusCode, 409)
    assert.equal(again.serviceCode, 'BucketAlreadyExists')
  })

  it('answers 400 InvalidParameter for a bad bucket name and 404 BucketNotFound for a missing one', async () => {
    const bad = await ociError(
      client.createBucket({
        namespaceName: ns,
        createBucketDetails: { name: 'no spaces', compartmentId: compartmentId('sandbox') },
      }),
    )
    assert.equal(bad.statusCode, 400)
    assert.equal(bad.serviceCode, 'InvalidParameter')
    const missing = await ociError(client.getBucket({ namespaceName: ns, bucketName: 'nope' }))
    assert.equal(missing.statusCode, 404)
    assert.equal(missing.serviceCode, 'BucketNotFound')
    assert.equal(
      missing.message,
      "Either the bucket named 'nope' does not exist in the namespace 'examplens' or you are not authorized to access it",
    )
  })
})

describe('objects', () => {
  it('pages through all 1200 generated app-logs objects with nextStartWith', async () => {
    const names: string[] = []
    let start: string | undefined
    let pages = 0
    do {
      const res = await client.listObjects({ namespaceName: ns, bucketName: 'app-logs', limit: 500, start })
      names.push(...res.listObjects.objects.map((o) => o.name))
      start = res.listObjects.nextStartWith
      pages++
    } while (start)
    assert.equal(pages, 3)
    assert.equal(names.length, 1200)
    assert.equal(new Set(names).size, 1200)
    assert.deepEqual(names, [...names].sort())
    assert.equal(names[0], 'logs/2026/11/0001.json')
  })

  it('collapses names into prefixes with delimiter / and returns only requested fields', async () => {
    const res = await client.listObjects({ namespaceName: ns, bucketName: 'platform-config', delimiter: '/' })
    assert.deepEqual(
      res.listObjects.objects.map((o) => o.name),
      ['README.md'],
    )
    assert.deepEqual(res.listObjects.prefixes, ['env/', 'scripts/'])
    assert.deepEqual(Object.keys(res.listObjects.objects[0]), ['name'])
    const detailed = await client.listObjects({
      namespaceName: ns,
      bucketName: 'platform-config',
      prefix: 'env/',
      fields: 'name,size,md5',
    })
    assert.deepEqual(
      detailed.listObjects.objects.map((o) => [o.name, o.size]),
      [
        ['env/dev.json', 42],
        ['env/prod.json', 42],
      ],
    )
  })

  it('serves deterministic, realistic JSON log lines', async () => {
    const res = await client.getObject({
      namespaceName: ns,
      bucketName: 'app-logs',
      objectName: 'logs/2026/11/0042.json',
    })
    const lines = (await text(res.value)).trim().split('\n')
    assert.ok(lines.length >= 5)
    const entry = JSON.parse(lines[0])
    assert.deepEqual(Object.keys(entry), [
      'timestamp',
      'level',
      'service',
      'requestId',
      'method',
      'path',
      'status',
      'latencyMs',
      'message',
    ])
    assert.match(entry.timestamp, /^2026-11-/)
  })

  it('round-trips put, head, ranged get and delete, with metadata and MD5', async () => {
    const objectName = 'reports/a b+c.txt'
    const body = 'hello, object storage'
    const put = await client.putObject({
      namespaceName: ns,
      bucketName: 'platform-config',
      objectName,
      putObjectBody: body,
      contentType: 'text/plain',
      opcMeta: { owner: 'tests' },
    })
    assert.ok(put.eTag)
    const head = await client.headObject({ namespaceName: ns, bucketName: 'platform-config', objectName })
    assert.equal(head.eTag, put.eTag)
    assert.equal(head.contentLength, body.length)
    assert.equal(head.contentType, 'text/plain')
    assert.equal(head.contentMd5, put.opcContentMd5)
    assert.deepEqual(head.opcMeta, { 'opc-meta-owner': 'tests' })
    // A raw "+" in the query (the SDK does not encode it) must stay a plus sign.
    const listed = await client.listObjects({
      namespaceName: ns,
      bucketName: 'platform-config',
      prefix: 'reports/a b+',
    })
    assert.deepEqual(
      listed.listObjects.objects.map((o) => o.name),
      [objectName],
    )
    const ranged = await client.getObject({
      namespaceName: ns,
      bucketName: 'platform-config',
      objectName,
      range: new common.Range(7, 12, null),
    })
    assert.equal(await text(ranged.value), 'object')
    assert.equal(ranged.contentLength, 6)
    await client.deleteObject({
      namespaceName: ns,
      bucketName: 'platform-config',
      objectName,
      ifMatch: put.eTag,
    })
    const gone = await ociError(
      client.getObject({ namespaceName: ns, bucketName: 'platform-config', objectName }),
    )
    assert.equal(gone.statusCode, 404)
    assert.equal(gone.serviceCode, 'ObjectNotFound')
    assert.equal(gone.message, `The object '${objectName}' was not found in the bucket 'platform-config'`)
    const headGone = await ociError(
      client.headObject({ namespaceName: ns, bucketName: 'platform-config', objectName }),
    )
    assert.equal(headGone.statusCode, 404)
  })

  it('enforces If-None-Match: *, If-Match and Content-MD5', async () => {
    const target = { namespaceName: ns, bucketName: 'events-results', objectName: 'guarded.txt' }
    const first = await client.putObject({ ...target, putObjectBody: 'one', ifNoneMatch: '*' })
    const exists = await ociError(client.putObject({ ...target, putObjectBody: 'two', ifNoneMatch: '*' }))
    assert.equal(exists.statusCode, 412)
    assert.equal(exists.serviceCode, 'IfNoneMatchFailed')
    const stale = await ociError(
      client.putObject({ ...target, putObjectBody: 'two', ifMatch: 'not-the-etag' }),
    )
    assert.equal(stale.statusCode, 412)
    assert.equal(stale.serviceCode, 'IfMatchFailed')
    const wrongMd5 = await ociError(
      client.putObject({ ...target, putObjectBody: 'two', contentMD5: 'AAAAAAAAAAAAAAAAAAAAAA==' }),
    )
    assert.equal(wrongMd5.statusCode, 400)
    assert.equal(wrongMd5.serviceCode, 'UnmatchedContentMD5')
    const staleDelete = await ociError(client.deleteObject({ ...target, ifMatch: 'not-the-etag' }))
    assert.equal(staleDelete.serviceCode, 'IfMatchFailed')
    await client.deleteObject({ ...target, ifMatch: first.eTag })
    const twice = await ociError(client.deleteObject(target))
    assert.equal(twice.serviceCode, 'ObjectNotFound')
    assert.equal(
      twice.message,
      "The object 'guarded.txt' does not exist in bucket 'events-results' with namespace 'examplens'",
    )
  })

  it('validates list parameters with 400 InvalidParameter', async () => {
    for (const request of [{ limit: 0 }, { limit: 1001 }, { delimiter: ',' }, { fields: 'name,colour' }]) {
      const error = await ociError(
        client.listObjects({ namespaceName: ns, bucketName: 'app-logs', ...request }),
      )
      assert.equal(error.statusCode, 400, JSON.stringify(request))
      assert.equal(error.serviceCode, 'InvalidParameter')
    }
  })
})

describe('pre-authenticated requests', () => {
  it('creates an ObjectRead PAR that reads one object without a signature, and nothing else', async () => {
    const created = await client.createPreauthenticatedRequest({
      namespaceName: ns,
      bucketName: 'finance-reports',
      createPreauthenticatedRequestDetails: {
        name: 'share-q3',
        accessType: AccessType.ObjectRead,
        objectName: 'q3-summary.csv',
        timeExpires: new Date(Date.now() + 3600_000),
      },
    })
    const par = created.preauthenticatedRequest
    assert.match(par.accessUri, /^\/p\/[\w-]+\/n\/examplens\/b\/finance-reports\/o\/q3-summary\.csv$/)
    const read = await fetch(`${emulator.url}${par.accessUri}`)
    assert.equal(read.status, 200)
    assert.equal(await read.text(), 'service,cost\ncompute,1234.50\nstorage,321.00\n')

    const other = await fetch(`${emulator.url}${par.accessUri.replace('q3-summary.csv', 'other.csv')}`)
    assert.equal(other.status, 401)
    assert.deepEqual(await other.json(), { code: 'NotAuthenticated', message: 'PAR does not exist' })
    const write = await fetch(`${emulator.url}${par.accessUri}`, { method: 'PUT', body: 'overwrite' })
    assert.equal(write.status, 401)
    const forged = await fetch(
      `${emulator.url}/p/forged-token/n/examplens/b/finance-reports/o/q3-summary.csv`,
    )
    assert.equal(forged.status, 401)

    const got = await client.getPreauthenticatedRequest({
      namespaceName: ns,
      bucketName: 'finance-reports',
      parId: par.id,
    })
    assert.equal(got.preauthenticatedRequestSummary.name, 'share-q3')
    assert.equal(got.preauthenticatedRequestSummary.objectName, 'q3-summary.csv')
  })

  it('refuses an expiry in the past with 400 InvalidParameter', async () => {
    const error = await ociError(
      client.createPreauthenticatedRequest({
        namespaceName: ns,
        bucketName: 'finance-reports',
        createPreauthenticatedRequestDetails: {
          name: 'late',
          accessType: AccessType.AnyObjectRead,
          timeExpires: new Date(Date.now() - 1000),
        },
      }),
    )
    assert.equal(error.serviceCode, 'InvalidParameter')
  })
})
