// Object Storage namespace and bucket operations: GetNamespace, GetBucket, ListBuckets, CreateBucket.
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { bucketAlreadyExists, invalidParameter, missingParameter } from '../errors.ts'
import { jsonBody, paginate, type RouteResult } from '../http.ts'
import type { Requirement } from '../policy.ts'
import type { RequestContext } from '../router.ts'
import type { BucketRecord } from '../store.ts'
import { bucketOf, objectsOf, requireNamespace, validateBucketName } from './objectstorage-common.ts'

export const CreateBucketDetails = z.object({
  name: z.string(),
  compartmentId: z.string().min(1),
  metadata: z.record(z.string(), z.string()).optional(),
  publicAccessType: z.enum(['NoPublicAccess', 'ObjectRead', 'ObjectReadWithoutList']).optional(),
  storageTier: z.enum(['Standard', 'Archive']).optional(),
  objectEventsEnabled: z.boolean().optional(),
  freeformTags: z.record(z.string(), z.string()).optional(),
  definedTags: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  versioning: z.enum(['Enabled', 'Disabled']).optional(),
})

/** Key order and nulls as in the published GetBucket response. */
function bucketJson(ctx: RequestContext, b: BucketRecord, fields: Set<string>) {
  const objects = [...objectsOf(ctx, b).values()]
  return {
    namespace: ctx.core.store.state.namespace,
    name: b.name,
    compartmentId: b.compartmentId,
    metadata: b.metadata,
    createdBy: b.createdBy,
    timeCreated: b.timeCreated,
    etag: b.etag,
    publicAccessType: b.publicAccessType,
    storageTier: b.storageTier,
    objectEventsEnabled: b.objectEventsEnabled,
    freeformTags: b.freeformTags,
    definedTags: b.definedTags,
    kmsKeyId: null,
    objectLifecyclePolicyEtag: null,
    approximateCount: fields.has('approximateCount') ? objects.length : null,
    approximateSize: fields.has('approximateSize') ? objects.reduce((n, o) => n + o.size, 0) : null,
    replicationEnabled: false,
    isReadOnly: false,
    id: b.id,
    versioning: b.versioning,
    ...(fields.has('autoTiering') ? { autoTiering: 'Disabled' } : {}),
  }
}

function fieldList(ctx: RequestContext, allowed: readonly string[]): Set<string> {
  const fields = (ctx.query.get('fields') ?? '').split(',').filter(Boolean)
  for (const f of fields) if (!allowed.includes(f)) throw invalidParameter(`Unknown field '${f}'.`)
  return new Set(fields)
}

export function getNamespace(ctx: RequestContext): RouteResult {
  return { json: ctx.core.store.state.namespace }
}

export function getBucket(ctx: RequestContext): RouteResult {
  const bucket = bucketOf(ctx)
  const fields = fieldList(ctx, ['approximateCount', 'approximateSize', 'autoTiering'])
  return { json: bucketJson(ctx, bucket, fields), headers: { etag: bucket.etag } }
}

function listBucketsCompartment(ctx: RequestContext): string {
  requireNamespace(ctx)
  const compartmentId = ctx.query.get('compartmentId')
  if (!compartmentId) throw missingParameter('compartmentId')
  return compartmentId
}

export function listBuckets(ctx: RequestContext): RouteResult {
  const compartmentId = listBucketsCompartment(ctx)
  const tags = fieldList(ctx, ['tags']).has('tags')
  const limit = ctx.query.int('limit', { min: 1, max: 1000, fallback: 1000 })
  const all = ctx.core.store.state.buckets
    .filter((b) => b.compartmentId === compartmentId)
    .sort((a, b) => (a.name < b.name ? -1 : 1))
  const page = paginate(all, limit, ctx.query.get('page'))
  const items = page.items.map((b) => ({
    namespace: ctx.core.store.state.namespace,
    name: b.name,
    compartmentId: b.compartmentId,
    createdBy: b.createdBy,
    timeCreated: b.timeCreated,
    etag: b.etag,
    ...(tags ? { freeformTags: b.freeformTags, definedTags: b.definedTags } : {}),
  }))
  return { json: items, headers: { 'opc-next-page': page.nextPage } }
}

export function createBucket(ctx: RequestContext): RouteResult {
  const namespace = requireNamespace(ctx)
  const d = jsonBody(ctx.body, CreateBucketDetails)
  validateBucketName(d.name)
  const store = ctx.core.store
  if (store.bucket(d.name)) throw bucketAlreadyExists(namespace, d.name)
  const bucket: BucketRecord = {
    name: d.name,
    id: `ocid1.bucket.oc1.iad.aaaaaaaa${randomUUID().replace(/-/g, '')}`,
    compartmentId: d.compartmentId,
    createdBy: ctx.principal!.id,
    timeCreated: new Date().toISOString(),
    etag: randomUUID(),
    metadata: d.metadata ?? {},
    publicAccessType: d.publicAccessType ?? 'NoPublicAccess',
    storageTier: d.storageTier ?? 'Standard',
    objectEventsEnabled: d.objectEventsEnabled ?? false,
    versioning: d.versioning ?? 'Disabled',
    freeformTags: d.freeformTags ?? {},
    definedTags: d.definedTags ?? {},
  }
  store.state.buckets.push(bucket)
  store.state.objects.set(bucket.name, new Map())
  store.save()
  return {
    json: bucketJson(ctx, bucket, new Set()),
    headers: { etag: bucket.etag, location: `/n/${namespace}/b/${encodeURIComponent(bucket.name)}` },
  }
}

/** ListBuckets needs `inspect buckets` in the compartment it lists. */
export const authorizeListBuckets = (ctx: RequestContext): Requirement[] => [
  { verb: 'inspect', resourceType: 'buckets', compartmentId: listBucketsCompartment(ctx) },
]

/** CreateBucket needs `manage buckets` in the compartment named in the body. */
export function authorizeCreateBucket(ctx: RequestContext): Requirement[] {
  requireNamespace(ctx)
  const { compartmentId } = jsonBody(ctx.body, CreateBucketDetails)
  return [{ verb: 'manage', resourceType: 'buckets', compartmentId }]
}
