// Object events: PutObject and DeleteObject on a bucket with object events enabled send CloudEvents 0.1
// envelopes to the sink, off the request path, through a bounded queue; failures are logged, not thrown.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { afterEach, describe, it } from 'node:test'
import type * as objectstorage from 'oci-objectstorage'
import { compartmentId, NAMESPACE } from '../seed.ts'
import type { ObjectCloudEvent, ObjectEventSink } from './object-events.ts'
import { objectStorageClient, operatorProvider, startTestEmulator, type TestEmulator } from './testing.ts'

// The repository's copy of OCI's published example (DESIGN.md §OCI Events), which emit-event sends.
const PUBLISHED = JSON.parse(
  readFileSync(new URL('../../events/examples/objectstorage-createobject.json', import.meta.url), 'utf8'),
)

let emulator: TestEmulator | undefined
afterEach(async () => {
  await emulator?.dispose()
  emulator = undefined
})

async function start(sink: ObjectEventSink, queueLimit?: number, log?: (line: string) => void) {
  emulator = await startTestEmulator({ objectEvents: { sink, queueLimit }, log })
  return { emulator, client: objectStorageClient(emulator.url, operatorProvider(emulator)) }
}

const put = (client: objectstorage.ObjectStorageClient, bucketName: string, objectName: string) =>
  client.putObject({ namespaceName: NAMESPACE, bucketName, objectName, putObjectBody: 'a,b\n1,2\n' })

/** Every key path of a JSON value, so the envelope's shape can be compared with the published one. */
const paths = (v: unknown, at = ''): string[] =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.entries(v).flatMap(([k, x]) => [`${at}${k}`, ...paths(x, `${at}${k}.`)])
    : []

/** A promise to release by hand: a sink that is still busy. */
function gate() {
  let open: () => void = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { open, opened }
}

describe('object events', () => {
  it('a new object in events-inbox sends createobject, shaped as OCI Events publishes it', async () => {
    const events: ObjectCloudEvent[] = []
    const { emulator, client } = await start(async (e) => void events.push(e))
    const r = await put(client, 'events-inbox', 'incoming/new.csv')
    await emulator.objectEvents?.idle()
    assert.equal(events.length, 1)
    const [e] = events as [ObjectCloudEvent]
    assert.deepEqual(paths(e).sort(), paths(PUBLISHED).sort())
    assert.equal(e.eventType, 'com.oraclecloud.objectstorage.createobject')
    assert.equal(e.cloudEventsVersion, '0.1')
    assert.equal(e.data.resourceName, 'incoming/new.csv')
    assert.equal(e.data.resourceId, `/n/${NAMESPACE}/b/events-inbox/o/incoming/new.csv`)
    assert.equal(e.data.additionalDetails.bucketName, 'events-inbox')
    assert.equal(e.data.additionalDetails.namespace, NAMESPACE)
    assert.equal(e.data.additionalDetails.eTag, r.eTag)
    assert.equal(e.data.compartmentId, compartmentId('sandbox'))
    assert.equal(e.extensions.compartmentId, compartmentId('sandbox'))
    assert.equal(e.data.compartmentName, 'sandbox')
    assert.ok(!Number.isNaN(Date.parse(e.eventTime)))
  })

  it('overwrite sends updateobject, delete deleteobject; a bucket without object events sends nothing', async () => {
    const events: ObjectCloudEvent[] = []
    const { emulator, client } = await start(async (e) => void events.push(e))
    await put(client, 'events-results', 'quiet.csv')
    await put(client, 'events-inbox', 'incoming/report.csv')
    await client.deleteObject({
      namespaceName: NAMESPACE,
      bucketName: 'events-inbox',
      objectName: 'incoming/report.csv',
    })
    await emulator.objectEvents?.idle()
    assert.deepEqual(
      events.map((e) => [e.eventType.split('.').at(-1), e.data.additionalDetails.bucketName]),
      [
        ['updateobject', 'events-inbox'],
        ['deleteobject', 'events-inbox'],
      ],
    )
  })

  it('the PutObject answer does not wait for delivery; the queue is bounded and drops beyond its limit', async () => {
    const busy = gate()
    const delivered: string[] = []
    const { emulator, client } = await start(async (e) => {
      await busy.opened
      delivered.push(e.data.resourceName)
    }, 2)
    // The first event is taken by the (blocked) sink, two wait in the queue, the fourth finds it full.
    for (const n of [1, 2, 3, 4]) await put(client, 'events-inbox', `burst/${n}.csv`)
    assert.deepEqual(delivered, [])
    assert.equal(emulator.objectEvents?.dropped, 1)
    busy.open()
    await emulator.objectEvents?.idle()
    assert.deepEqual(delivered, ['burst/1.csv', 'burst/2.csv', 'burst/3.csv'])
  })

  it('a failed delivery is logged with the event id and does not stop the next one', async () => {
    const lines: string[] = []
    const delivered: ObjectCloudEvent[] = []
    const failed: ObjectCloudEvent[] = []
    const { emulator, client } = await start(
      async (e) => {
        if (e.data.resourceName === 'fails.csv') {
          failed.push(e)
          throw new Error('sink refused')
        }
        delivered.push(e)
      },
      undefined,
      (l) => lines.push(l),
    )
    const first = await put(client, 'events-inbox', 'fails.csv')
    assert.ok(first.eTag, 'the write itself succeeded')
    await put(client, 'events-inbox', 'works.csv')
    await emulator.objectEvents?.idle()
    assert.equal(failed.length, 1)
    assert.deepEqual(
      delivered.map((e) => e.data.resourceName),
      ['works.csv'],
    )
    assert.equal(lines.filter((l) => l.includes((failed[0] as ObjectCloudEvent).eventID)).length, 1)
  })
})
