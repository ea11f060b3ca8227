// Object Storage tools and resources as the router sees them: names, descriptions and schemas, no SDK code.
import { z } from 'zod'
import {
  compartmentField,
  cursorField,
  defineTool,
  type GroupCatalog,
  limitField,
  pageInfo,
  regionField,
  responseFormat,
  uriTemplateMatcher,
} from '../core/catalog.ts'
import { rowCompartment, subtreeField, subtreeOutput } from '../core/subtree-fields.ts'

/** Largest decoded body objectstorage_put_object accepts: base64 of it still fits the 6 MB invoke limit. */
export const PUT_MAX_BYTES = 4 * 1024 * 1024
export const PAR_MAX_MINUTES = 7 * 24 * 60

const namespace = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'an Object Storage namespace such as axaxnpcrorw5')
  .optional()
  .describe('Object Storage namespace; defaults to the configured one, else the tenancy’s own (looked up).')
/** One copy for the tools and the oci://buckets/… resources; "." and ".." would be path segments, not names. */
export const bucket = z
  .string()
  .regex(/^(?!\.{1,2}$)[A-Za-z0-9._-]{1,256}$/, 'a bucket name: letters, digits, dots, dashes, underscores')
  .describe('Bucket name, e.g. app-logs.')
export const objectName = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^[^\0]+$/, 'an object name without NUL characters')
  // A whole name of "." or ".." is a dot segment that fetch removes from the URL: it would address the listing.
  .refine((name) => name !== '.' && name !== '..', 'not "." or "..", which cannot be addressed over HTTP')
  .describe('Full object name including any “folder” prefix, e.g. env/prod.json.')
const etag = z.string().min(1).max(256)
const isoTime = z.string().describe('ISO 8601 time.')
const userMetadata = z
  .record(z.string(), z.string())
  .describe('User metadata (opc-meta-* headers, prefix removed).')

const readOnly = { readOnlyHint: true, openWorldHint: true } as const
/** Where a call acts, for the confirmation a 2026-07-28 client shows before a destructive call. */
const where = (i: { bucket: string; namespace?: string; region?: string }) =>
  `bucket "${i.bucket}"${i.namespace ? ` (namespace ${i.namespace})` : ''}${i.region ? ` in ${i.region}` : ''}`
const locate = { region: regionField, namespace }
const objectTarget = { ...locate, bucket, name: objectName }

const objectMetadata = {
  namespace: z.string(),
  bucket: z.string(),
  name: z.string(),
  size: z.number().int().describe('Size in bytes.'),
  content_type: z.string().optional(),
  etag: z.string().optional(),
  md5: z.string().optional().describe('Base64 MD5 of the content (absent for multipart uploads).'),
  last_modified: isoTime.optional(),
  storage_tier: z.string().optional(),
  metadata: userMetadata,
}

export const getNamespace = defineTool({
  name: 'objectstorage_get_namespace',
  title: 'Get the Object Storage namespace',
  description:
    'Returns the Object Storage namespace of the tenancy the server signs in (every bucket path starts with it). Other tools use it by default, so you rarely need to pass it.',
  input: z.object({ region: regionField, response_format: responseFormat }),
  output: z.object({ namespace: z.string(), region: z.string() }),
  access: 'read',
  annotations: { ...readOnly, idempotentHint: true },
})

export const listBuckets = defineTool({
  name: 'objectstorage_list_buckets',
  title: 'List buckets',
  description:
    'Lists the buckets in one compartment (with compartment_id_in_subtree, also in all its sub-compartments). Paged: pass next_cursor back as cursor to continue.',
  input: z.object({
    ...locate,
    compartment_id: compartmentField,
    compartment_id_in_subtree: subtreeField,
    limit: limitField(1000, 100),
    cursor: cursorField,
    response_format: responseFormat,
  }),
  output: z.object({
    namespace: z.string(),
    compartment_id: z.string(),
    buckets: z.array(
      z.object({
        name: z.string(),
        compartment_id: z.string(),
        created_by: z.string().optional(),
        time_created: isoTime.optional(),
        etag: z.string().optional(),
        compartment_name: rowCompartment.compartment_name,
      }),
    ),
    ...subtreeOutput,
    ...pageInfo,
  }),
  access: 'read',
  annotations: readOnly,
})

export const listObjects = defineTool({
  name: 'objectstorage_list_objects',
  title: 'List objects in a bucket',
  description:
    'Lists objects in a bucket in name order, optionally under a prefix. With delimiter "/" it lists one “folder” level: objects directly under the prefix, and sub-folders in `prefixes`. Paged: pass next_cursor back as cursor (with the same bucket, prefix and delimiter) to continue.',
  input: z.object({
    ...locate,
    bucket,
    prefix: z
      .string()
      .max(1024)
      .optional()
      .describe('Only objects whose names start with this, e.g. logs/2026/.'),
    delimiter: z
      .literal('/')
      .optional()
      .describe('Only "/" (as OCI): group names below the next "/" into prefixes, like folders.'),
    limit: limitField(1000, 100),
    cursor: cursorField,
    response_format: responseFormat,
  }),
  output: z.object({
    namespace: z.string(),
    bucket: z.string(),
    objects: z.array(
      z.object({
        name: z.string(),
        size: z.number().int().optional(),
        etag: z.string().optional(),
        time_modified: isoTime.optional(),
        storage_tier: z.string().optional(),
      }),
    ),
    prefixes: z.array(z.string()).describe('Sub-folder prefixes (only with a delimiter).'),
    ...pageInfo,
  }),
  access: 'read',
  annotations: readOnly,
})

export const headObject = defineTool({
  name: 'objectstorage_head_object',
  title: 'Get object metadata',
  description:
    'Returns an object’s size, content type, ETag, MD5, last-modified time and user metadata without downloading it.',
  input: z.object({ ...objectTarget, response_format: responseFormat }),
  output: z.object(objectMetadata),
  access: 'read',
  annotations: { ...readOnly, idempotentHint: true },
})

export const getObject = defineTool({
  name: 'objectstorage_get_object',
  title: 'Read an object',
  description:
    'Reads an object. Text (by content type or content) up to the server’s inline limit is returned in `content`. A larger or binary object is not downloaded: you get its metadata and a note — use objectstorage_create_par (access ObjectRead) for a download URL, or for a small binary call again with encoding "base64".',
  input: z.object({
    ...objectTarget,
    encoding: z
      .enum(['text', 'base64'])
      .default('text')
      .describe(
        'text: inline only textual content; base64: inline any content up to the limit, base64-encoded.',
      ),
    response_format: responseFormat,
  }),
  output: z.object({
    ...objectMetadata,
    content_included: z.boolean().describe('Whether `content` holds the whole object.'),
    encoding: z.enum(['text', 'base64']).optional().describe('How `content` is encoded.'),
    content: z.string().optional(),
    note: z.string().optional().describe('Why the content is not included, and what to do instead.'),
  }),
  access: 'read',
  annotations: { ...readOnly, idempotentHint: true },
})

export const putObject = defineTool({
  name: 'objectstorage_put_object',
  title: 'Write an object',
  description: `Creates or replaces an object with the given content (text, or base64 for binary), up to ${PUT_MAX_BYTES / 1024 / 1024} MiB decoded. Overwrites an existing object of that name unless if_none_match is "*". For bigger uploads create a write PAR with objectstorage_create_par and upload to its URL.`,
  input: z.object({
    ...objectTarget,
    content: z.string().describe('The object body: plain text, or base64 when encoding is "base64".'),
    encoding: z
      .enum(['text', 'base64'])
      .default('text')
      .describe('How `content` is given: text (UTF-8) or base64.'),
    content_type: z
      .string()
      .regex(/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/, 'a media type such as text/plain or application/json')
      .max(256)
      .optional()
      .describe(
        'Media type; defaults to text/plain; charset=utf-8 for text, application/octet-stream for base64.',
      ),
    metadata: z
      .record(
        z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'letters, digits, . _ -'),
        z
          .string()
          .max(1024)
          .regex(/^[\x20-\x7e]*$/, 'printable ASCII'),
      )
      .optional()
      .describe('User metadata stored as opc-meta-<key> headers, e.g. {"owner": "team-a"}.'),
    if_none_match: z
      .literal('*')
      .optional()
      .describe('"*": fail instead of overwriting when the object already exists.'),
    if_match: etag.optional().describe('Only replace the object if its current ETag is this one.'),
    response_format: responseFormat,
  }),
  output: z.object({
    namespace: z.string(),
    bucket: z.string(),
    name: z.string(),
    size: z.number().int(),
    etag: z.string().optional(),
    md5: z.string().optional(),
    last_modified: isoTime.optional(),
  }),
  access: 'write',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  describeChange: (i) =>
    `writes object "${i.name}" in ${where(i)}${i.if_none_match ? ' unless it exists' : ', replacing it if it exists'} (${i.content.length} ${i.encoding === 'base64' ? 'base64 characters' : 'characters'})`,
})

export const deleteObject = defineTool({
  name: 'objectstorage_delete_object',
  title: 'Delete an object',
  description:
    'Deletes one object. Irreversible unless the bucket has versioning. Pass if_match with the ETag you read to delete only that version of the content.',
  input: z.object({
    ...objectTarget,
    if_match: etag.optional().describe('Only delete if the object’s current ETag is this one.'),
    response_format: responseFormat,
  }),
  output: z.object({
    namespace: z.string(),
    bucket: z.string(),
    name: z.string(),
    deleted: z.boolean(),
    last_modified: isoTime.optional(),
  }),
  access: 'write',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  describeChange: (i) =>
    `deletes object "${i.name}" from ${where(i)}${i.if_match ? ` if its ETag is ${i.if_match}` : ''}`,
})

export const createPar = defineTool({
  name: 'objectstorage_create_par',
  title: 'Create a pre-authenticated request (PAR)',
  description: `Creates a pre-authenticated request: a URL that reads and/or writes one object, or every object under a prefix, without OCI credentials, until it expires (default 60 minutes, at most ${PAR_MAX_MINUTES / 60 / 24} days). The URL is a bearer credential: anyone holding it has that access — share it only with whom needs it. For a prefix, append the object name to the URL. Marked destructive: with ObjectWrite or ObjectReadWrite access, whoever holds the URL can overwrite existing objects (every object of the bucket when the prefix is "").`,
  input: z.object({
    ...locate,
    bucket,
    object_name: objectName.optional().describe('One object to grant access to. Give this or prefix.'),
    prefix: z
      .string()
      .max(1024)
      .optional()
      .describe('Grant access to every object whose name starts with this; "" means the whole bucket.'),
    access: z
      .enum(['ObjectRead', 'ObjectWrite', 'ObjectReadWrite'])
      .default('ObjectRead')
      .describe('ObjectRead: download; ObjectWrite: upload; ObjectReadWrite: both.'),
    expires_in_minutes: z
      .number()
      .int()
      .min(1)
      .max(PAR_MAX_MINUTES)
      .default(60)
      .describe(`Minutes until the URL stops working (1–${PAR_MAX_MINUTES}).`),
    allow_listing: z
      .boolean()
      .default(false)
      .describe('For a prefix with read access: also allow listing the objects through the URL.'),
    name: z
      .string()
      .regex(/^[\w .-]{1,128}$/, 'letters, digits, spaces, . _ -')
      .optional()
      .describe('A label for the PAR; generated when omitted.'),
    response_format: responseFormat,
  }),
  output: z.object({
    id: z.string(),
    name: z.string(),
    url: z.string().describe('The full URL; a bearer credential.'),
    access_type: z.string(),
    object_name: z.string().optional(),
    prefix: z.string().optional(),
    time_expires: isoTime,
  }),
  access: 'write',
  // Static per tool, so the worst case decides: a write PAR lets its holder overwrite objects.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  describeChange: (i) =>
    `creates a ${i.access} URL, valid ${i.expires_in_minutes} minutes, for ${
      i.object_name !== undefined
        ? `object "${i.object_name}"`
        : i.prefix
          ? `every object under "${i.prefix}"`
          : 'every object'
    } in ${where(i)}`,
})

export const objectsTemplate = 'oci://buckets/{bucket}/objects'
export const objectTemplate = 'oci://buckets/{bucket}/objects/{name}'

export const catalog: GroupCatalog = {
  group: 'objectstorage',
  title: 'OCI Object Storage',
  description:
    'Buckets and objects in OCI Object Storage: list, read, write and delete objects, and create pre-authenticated URLs for large transfers.',
  tools: [getNamespace, listBuckets, listObjects, headObject, getObject, putObject, deleteObject, createPar],
  resources: [
    {
      uri: 'oci://namespace',
      name: 'namespace',
      title: 'Object Storage namespace',
      description: 'The tenancy’s Object Storage namespace, as JSON.',
      mimeType: 'application/json',
    },
  ],
  resourceTemplates: [
    {
      uriTemplate: objectsTemplate,
      name: 'bucket-objects',
      title: 'Objects in a bucket',
      description: 'The first page of a bucket’s objects (default namespace and region), as JSON.',
      mimeType: 'application/json',
      match: uriTemplateMatcher(objectsTemplate),
      variables: z.object({ bucket }),
    },
    {
      uriTemplate: objectTemplate,
      name: 'object',
      title: 'An object',
      description:
        'An object’s text; for a binary or too-large object, a JSON note with its metadata. Percent-encode the name.',
      mimeType: 'text/plain',
      match: uriTemplateMatcher(objectTemplate),
      variables: z.object({ bucket, name: objectName }),
    },
  ],
}
