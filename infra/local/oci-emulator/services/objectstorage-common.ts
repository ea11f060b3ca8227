// What every Object Storage operation shares: namespace and bucket lookup, name rules, the bucket-shaped denial.
import { bucketNotFound, invalidParameter, namespaceNotFound } from '../errors.ts'
import type { Requirement, Verb } from '../policy.ts'
import type { RequestContext } from '../router.ts'
import type { BucketRecord, ObjectRecord } from '../store.ts'

const BUCKET_NAME = /^[A-Za-z0-9._-]{1,256}$/

export function validateBucketName(name: string): void {
  if (!BUCKET_NAME.test(name)) {
    throw invalidParameter(
      `Invalid bucket name '${name}': use 1 to 256 letters, numbers, dashes, underscores and periods.`,
    )
  }
}

/** OCI: 1 to 1024 bytes of UTF-8, without line feed, carriage return or NUL. */
export function validateObjectName(name: string): void {
  if (name.length === 0 || Buffer.byteLength(name) > 1024 || /[\n\r\0]/.test(name)) {
    throw invalidParameter(
      'Object names must be 1 to 1024 bytes of UTF-8 without line feed, carriage return or NUL.',
    )
  }
}

export function requireNamespace(ctx: RequestContext): string {
  const namespace = ctx.params.namespaceName
  if (namespace !== ctx.core.store.state.namespace) throw namespaceNotFound()
  return namespace
}

/** The bucket named in the path; a missing one answers exactly as a forbidden one does. */
export function bucketOf(ctx: RequestContext): BucketRecord {
  const namespace = requireNamespace(ctx)
  validateBucketName(ctx.params.bucketName)
  const bucket = ctx.core.store.bucket(ctx.params.bucketName)
  if (!bucket) throw bucketNotFound(namespace, ctx.params.bucketName)
  return bucket
}

export function objectsOf(ctx: RequestContext, bucket: BucketRecord): Map<string, ObjectRecord> {
  return ctx.core.store.objectsOf(bucket.name)
}

/** Authorization for an operation on a bucket or its objects: the verb, in the bucket's compartment. */
export const onBucket =
  (verb: Verb, resourceType: 'buckets' | 'objects') =>
  (ctx: RequestContext): Requirement[] => {
    const bucket = bucketOf(ctx)
    return [requirementOn(bucket, verb, resourceType)]
  }

export const requirementOn = (bucket: BucketRecord, verb: Verb, resourceType: string): Requirement => ({
  verb,
  resourceType,
  compartmentId: bucket.compartmentId,
  variables: { 'target.bucket.name': bucket.name },
})

/** Object Storage hides denial behind "no such bucket", so a caller cannot probe for names. */
export const denyAsBucketNotFound = (ctx: RequestContext) =>
  bucketNotFound(ctx.params.namespaceName, ctx.params.bucketName)

export const httpDate = (iso: string) => new Date(iso).toUTCString()
