// OCI Events for Object Storage: after a successful PutObject or DeleteObject on a bucket with object events
// enabled, a CloudEvents 0.1 envelope goes to a sink (locally, the events function) as OCI Events would send it.
// Delivery is off the request path and bounded: the object answer never waits, a full queue drops (and says so),
// and a failed delivery is logged, never thrown into the request that caused it.
import { randomUUID } from 'node:crypto'
import type { BucketRecord, ObjectRecord, Store } from './store.ts'

export type ObjectEventKind = 'createobject' | 'updateobject' | 'deleteobject'

/** The envelope OCI Events delivers (../shared/fixtures/events-objectstorage-createobject.json). */
export interface ObjectCloudEvent {
  eventType: `com.oraclecloud.objectstorage.${ObjectEventKind}`
  cloudEventsVersion: '0.1'
  eventTypeVersion: '2.0'
  source: 'ObjectStorage'
  eventTime: string
  contentType: 'application/json'
  data: {
    compartmentId: string
    compartmentName: string
    resourceName: string
    resourceId: string
    availabilityDomain: string
    additionalDetails: {
      bucketName: string
      archivalState: string
      namespace: string
      bucketId: string
      eTag?: string
    }
  }
  eventID: string
  extensions: { compartmentId: string }
}

/** Where events go; a rejection is a failed delivery. */
export type ObjectEventSink = (event: ObjectCloudEvent) => Promise<void>

export interface ObjectEventsOptions {
  sink: ObjectEventSink
  /** Events waiting for delivery at most; beyond it new ones are dropped. Default 100. */
  queueLimit?: number
}

export const DEFAULT_QUEUE_LIMIT = 100

/** The envelope for one object change; pure, so its shape is checked against the published example. */
export function objectEvent(
  kind: ObjectEventKind,
  store: Store,
  bucket: BucketRecord,
  objectName: string,
  object: ObjectRecord | undefined,
  now = new Date(),
): ObjectCloudEvent {
  const { namespace, tenancy, regions } = store.state
  const compartmentName =
    bucket.compartmentId === tenancy.id ? tenancy.name : (store.compartment(bucket.compartmentId)?.name ?? '')
  const regionKey = regions.find((r) => r.isHomeRegion)?.regionKey ?? 'IAD'
  return {
    eventType: `com.oraclecloud.objectstorage.${kind}`,
    cloudEventsVersion: '0.1',
    eventTypeVersion: '2.0',
    source: 'ObjectStorage',
    eventTime: now.toISOString(),
    contentType: 'application/json',
    data: {
      compartmentId: bucket.compartmentId,
      compartmentName,
      resourceName: objectName,
      resourceId: `/n/${namespace}/b/${bucket.name}/o/${objectName}`,
      availabilityDomain: `${regionKey}-AD-1`,
      additionalDetails: {
        bucketName: bucket.name,
        archivalState: 'Available',
        namespace,
        bucketId: bucket.id,
        ...(object ? { eTag: object.etag } : {}),
      },
    },
    eventID: randomUUID(),
    extensions: { compartmentId: bucket.compartmentId },
  }
}

export class ObjectEvents {
  private readonly queue: ObjectCloudEvent[] = []
  private readonly limit: number
  private draining: Promise<void> | undefined
  private closed = false
  private droppedCount = 0

  constructor(
    private readonly options: ObjectEventsOptions,
    private readonly log: (line: string) => void,
  ) {
    this.limit = options.queueLimit ?? DEFAULT_QUEUE_LIMIT
    if (!Number.isInteger(this.limit) || this.limit < 1)
      throw new TypeError('queueLimit must be a positive integer')
  }

  /** Events dropped because the queue was full or the emulator closing. */
  get dropped(): number {
    return this.droppedCount
  }

  /** Queues the event of a change that has already succeeded; returns at once. */
  emit(event: ObjectCloudEvent): void {
    if (this.closed || this.queue.length >= this.limit) {
      this.droppedCount++
      this.log(
        `object event dropped (${this.closed ? 'closing' : `queue full, limit ${this.limit}`}): ${event.eventType} ${event.data.resourceId}`,
      )
      return
    }
    this.queue.push(event)
    this.kick()
  }

  private kick(): void {
    if (this.draining || this.queue.length === 0) return
    // An event queued between the drain's last look and its end is picked up by the next kick.
    this.draining = this.drain().finally(() => {
      this.draining = undefined
      this.kick()
    })
  }

  /** Resolves once every queued event has been delivered or has failed. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining
  }

  /** Stops delivering: what is queued is dropped, a delivery under way finishes. */
  close(): Promise<void> {
    this.closed = true
    this.droppedCount += this.queue.length
    this.queue.length = 0
    return this.draining ?? Promise.resolve()
  }

  private async drain(): Promise<void> {
    // One at a time: the events function serves one request per container, and order is kept for free.
    for (let event = this.queue.shift(); event; event = this.queue.shift()) {
      try {
        await this.options.sink(event)
      } catch (error) {
        this.log(
          `object event not delivered: ${event.eventType} ${event.data.resourceId} (${event.eventID}): ${(error as Error)?.message ?? String(error)}`,
        )
      }
    }
  }
}
