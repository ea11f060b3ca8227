// Object Storage object operations (list, head, get with ranges, put with preconditions, delete).
import { createHash, randomUUID } from 'node:crypto'
import {
  ifMatchFailed,
  ifNoneMatchFailed,
  invalidParameter,
  OciServiceError,
  objectNotFoundOnDelete,
  objectNotFoundOnRead,
} from '../errors.ts'
import { headerValue, type RouteResult } from '../http.ts'
import { type ObjectEventKind, objectEvent } from '../object-events.ts'
import type { RequestContext } from '../router.ts'
import type { BucketRecord, ObjectRecord } from '../store.ts'
import {
  bucketOf,
  httpDate,
  objectsOf,
  requireNamespace,
  validateObjectName,
} from './objectstorage-common.ts'

const LIST_FIELDS = [
  'name',
  'size',
  'etag',
  'timeCreated',
  'md5',
  'timeModified',
  'storageTier',
  'archivalState',
]

export function listObjects(ctx: RequestContext): RouteResult {
  const bucket = bucketOf(ctx)
  const q = ctx.query
  const limit = q.int('limit', { min: 1, max: 1000, fallback: 1000 })
  const delimiter = q.get('delimiter')
  if (delimiter !== undefined && delimiter !== '/')
    throw invalidParameter("Only '/' is supported as a delimiter.")
  const fields = new Set((q.get('fields') ?? 'name').split(',').map((f) => f.trim()))
  for (const f of fields) if (!LIST_FIELDS.includes(f)) throw invalidParameter(`Unknown field '${f}'.`)
  const parPrefix = ctx.par?.objectName ?? ''
  const prefix = q.get('prefix') ?? parPrefix
  // A prefix-scoped PAR lists only beneath its prefix.
  if (!prefix.startsWith(parPrefix)) return { json: { objects: [] } }
  const [start, end, startAfter] = [q.get('start'), q.get('end'), q.get('startAfter')]

  const objects = objectsOf(ctx, bucket)
  const summaries: Record<string, unknown>[] = []
  const prefixes: string[] = []
  let nextStartWith: string | undefined
  for (const name of [...objects.keys()].sort()) {
    if (!name.startsWith(prefix) || (start && name < start) || (startAfter && name <= startAfter)) continue
    if (end && name >= end) break
    const cut = delimiter ? name.indexOf(delimiter, prefix.length) : -1
    const collapsed = cut >= 0 ? name.slice(0, cut + 1) : undefined
    // Names under a prefix already listed add nothing; skipping them also keeps a page boundary
    // from splitting one prefix across two pages.
    if (collapsed !== undefined && collapsed === prefixes.at(-1)) continue
    if (summaries.length + prefixes.length === limit) {
      nextStartWith = name
      break
    }
    if (collapsed !== undefined) prefixes.push(collapsed)
    else summaries.push(summary(name, objects.get(name)!, fields))
  }
  return {
    json: {
      objects: summaries,
      ...(delimiter ? { prefixes } : {}),
      ...(nextStartWith !== undefined ? { nextStartWith } : {}),
    },
  }
}

/** Key order and omissions follow the published ListObjects response: unrequested fields are absent. */
function summary(name: string, o: ObjectRecord, fields: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = { name }
  if (fields.has('size')) out.size = o.size
  if (fields.has('timeCreated')) out.timeCreated = o.timeCreated
  if (fields.has('timeModified')) out.timeModified = o.timeModified
  if (fields.has('etag')) out.etag = o.etag
  if (fields.has('storageTier')) out.storageTier = o.storageTier
  if (fields.has('md5')) out.md5 = o.md5
  return out
}

function objectOrThrow(ctx: RequestContext): ObjectRecord {
  const bucket = bucketOf(ctx)
  const object = objectsOf(ctx, bucket).get(ctx.params.objectName)
  if (!object) throw objectNotFoundOnRead(bucket.name, ctx.params.objectName)
  return object
}

function objectHeaders(o: ObjectRecord): Record<string, string | number | undefined> {
  const headers: Record<string, string | number | undefined> = {
    etag: o.etag,
    'content-type': o.contentType,
    'content-length': o.size,
    'content-md5': o.md5,
    'content-language': o.contentLanguage,
    'content-encoding': o.contentEncoding,
    'content-disposition': o.contentDisposition,
    'cache-control': o.cacheControl,
    'last-modified': httpDate(o.timeModified),
    'storage-tier': o.storageTier,
    'version-id': o.versionId,
    'accept-ranges': 'bytes',
  }
  for (const [k, v] of Object.entries(o.metadata)) headers[`opc-meta-${k}`] = v
  return headers
}

/** GET/HEAD preconditions: a stale If-Match is 412, a matching If-None-Match is 304. */
function readPreconditions(ctx: RequestContext, o: ObjectRecord): RouteResult | undefined {
  const ifMatch = headerValue(ctx.headers, 'if-match')
  if (ifMatch && ifMatch !== '*' && ifMatch !== o.etag) throw ifMatchFailed()
  const ifNoneMatch = headerValue(ctx.headers, 'if-none-match')
  if (ifNoneMatch && (ifNoneMatch === '*' || ifNoneMatch === o.etag)) {
    return { status: 304, headers: { etag: o.etag, 'last-modified': httpDate(o.timeModified) } }
  }
  return undefined
}

export function headObject(ctx: RequestContext): RouteResult {
  const object = objectOrThrow(ctx)
  return readPreconditions(ctx, object) ?? { headers: objectHeaders(object) }
}

export function getObject(ctx: RequestContext): RouteResult {
  const object = objectOrThrow(ctx)
  const notModified = readPreconditions(ctx, object)
  if (notModified) return notModified
  const body = ctx.core.store.readBlob(object.etag)
  const range = parseRange(ctx.headers.range, body.length)
  if (!range) return { headers: objectHeaders(object), body }
  const part = body.subarray(range.start, range.end + 1)
  return {
    status: 206,
    // The MD5 describes the whole object, not the slice, so it is not sent with a part.
    headers: {
      ...objectHeaders(object),
      'content-md5': undefined,
      'content-length': part.length,
      'content-range': `bytes ${range.start}-${range.end}/${body.length}`,
    },
    body: part,
  }
}

/**
 * One byte range (RFC 9110 §14.1.2); anything else serves the whole object, as the RFC allows. The SDK
 * sends `bytes=<start>-undefined` for an open range, hence the tolerance.
 */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | undefined {
  const m = header ? /^bytes=(\d*)-(\d*|undefined)$/.exec(header.trim()) : null
  if (!m || (m[1] === '' && (m[2] === '' || m[2] === 'undefined'))) return undefined
  let start: number
  let end: number
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]))
    end = size - 1
  } else {
    start = Number(m[1])
    end = m[2] === '' || m[2] === 'undefined' ? size - 1 : Math.min(Number(m[2]), size - 1)
  }
  if (start >= size || start > end) {
    throw new OciServiceError(416, 'InvalidRange', 'The requested range is not satisfiable.', {
      'content-range': `bytes */${size}`,
    })
  }
  return { start, end }
}

const STORAGE_TIERS = ['Standard', 'InfrequentAccess', 'Archive']

export function putObject(ctx: RequestContext): RouteResult {
  const bucket = bucketOf(ctx)
  const name = ctx.params.objectName
  validateObjectName(name)
  const objects = objectsOf(ctx, bucket)
  const existing = objects.get(name)
  const h = (name: string) => headerValue(ctx.headers, name)
  const ifMatch = h('if-match')
  if (ifMatch && ifMatch !== existing?.etag) throw ifMatchFailed()
  const ifNoneMatch = h('if-none-match')
  if (ifNoneMatch !== undefined && ifNoneMatch !== '*')
    throw invalidParameter("If-None-Match only accepts '*'.")
  if (ifNoneMatch === '*' && existing) throw ifNoneMatchFailed()

  const md5 = createHash('md5').update(ctx.body).digest('base64')
  const claimed = h('content-md5')
  if (claimed !== undefined) {
    if (Buffer.from(claimed, 'base64').length !== 16) {
      throw new OciServiceError(
        400,
        'InvalidContentMD5',
        'The Content-MD5 header is not a base64 MD5 digest.',
      )
    }
    if (claimed !== md5) {
      throw new OciServiceError(
        400,
        'UnmatchedContentMD5',
        `The computed MD5 of the request body (${md5}) does not match the Content-MD5 header (${claimed}).`,
      )
    }
  }
  const storageTier = h('storage-tier') ?? bucket.storageTier
  if (!STORAGE_TIERS.includes(storageTier as string))
    throw invalidParameter(`Unknown storage tier '${storageTier}'.`)

  const now = new Date().toISOString()
  // Null prototype: an `opc-meta-__proto__` header is user metadata like any other.
  const metadata: Record<string, string> = Object.create(null)
  for (const [k, v] of Object.entries(ctx.headers)) {
    if (k.startsWith('opc-meta-') && typeof v === 'string') metadata[k.slice('opc-meta-'.length)] = v
  }
  const record: ObjectRecord = {
    etag: randomUUID(),
    versionId: randomUUID(),
    size: ctx.body.length,
    md5,
    contentType: h('content-type') ?? 'application/octet-stream',
    contentLanguage: h('content-language'),
    contentEncoding: h('content-encoding'),
    contentDisposition: h('content-disposition'),
    cacheControl: h('cache-control'),
    metadata,
    storageTier: storageTier as string,
    timeCreated: existing?.timeCreated ?? now,
    timeModified: now,
  }
  const store = ctx.core.store
  // Body first, then the state that points at it, then the old body: a crash never loses the object.
  store.writeBlob(record.etag, ctx.body)
  objects.set(name, record)
  store.save()
  if (existing) store.deleteBlob(existing.etag)
  announce(ctx, existing ? 'updateobject' : 'createobject', bucket, name, record)
  return {
    headers: {
      etag: record.etag,
      'opc-content-md5': md5,
      'last-modified': httpDate(now),
      'version-id': record.versionId,
    },
  }
}

export function deleteObject(ctx: RequestContext): RouteResult {
  const bucket = bucketOf(ctx)
  const name = ctx.params.objectName
  const objects = objectsOf(ctx, bucket)
  const existing = objects.get(name)
  if (!existing) throw objectNotFoundOnDelete(requireNamespace(ctx), bucket.name, name)
  const ifMatch = headerValue(ctx.headers, 'if-match')
  if (ifMatch && ifMatch !== existing.etag) throw ifMatchFailed()
  objects.delete(name)
  ctx.core.store.save()
  ctx.core.store.deleteBlob(existing.etag)
  announce(ctx, 'deleteobject', bucket, name, existing)
  return { status: 204, headers: { 'last-modified': httpDate(new Date().toISOString()) } }
}

/** OCI Events: a change that succeeded on a bucket with object events enabled is queued for delivery. */
function announce(
  ctx: RequestContext,
  kind: ObjectEventKind,
  bucket: BucketRecord,
  name: string,
  object: ObjectRecord,
): void {
  if (!bucket.objectEventsEnabled || !ctx.core.objectEvents) return
  ctx.core.objectEvents.emit(objectEvent(kind, ctx.core.store, bucket, name, object))
}

/** Whether an object of this name exists; PutObject needs a different verb to create than to overwrite. */
export const objectExists = (ctx: RequestContext) => objectsOf(ctx, bucketOf(ctx)).has(ctx.params.objectName)
