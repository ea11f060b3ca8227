// objectstorage_head_object and objectstorage_get_object: metadata always; the body only when small, by a Range request.
import { Range } from 'oci-common'
import type { ObjectStorageClient } from 'oci-objectstorage'
import { intSetting } from '../core/config.ts'
import { isMcpFunctionsError } from '../core/errors.ts'
import { humanBytes, mdFields } from '../core/format.ts'
import { ociCall } from '../core/oci-clients.ts'
import { implement, type ToolContext } from '../core/tool-runner.ts'
import { isoTime } from '../core/values.ts'
import { getObject, headObject } from './catalog.ts'
import { declaredKind, decodeText } from './content-type.ts'
import { objectStorageTarget } from './namespace.ts'

export interface ObjectRef {
  client: ObjectStorageClient
  namespace: string
  bucket: string
  name: string
}

interface ObjectHeaders {
  eTag?: string
  contentType?: string
  contentMd5?: string
  lastModified?: Date
  storageTier?: string
  opcMeta?: Record<string, string>
}

export interface ObjectMetadata {
  namespace: string
  bucket: string
  name: string
  size: number
  content_type?: string
  etag?: string
  md5?: string
  last_modified?: string
  storage_tier?: string
  metadata: Record<string, string>
}

function metadataOf(ref: ObjectRef, size: number, h: ObjectHeaders): ObjectMetadata {
  const metadata = Object.fromEntries(
    Object.entries(h.opcMeta ?? {}).map(([k, v]) => [k.replace(/^opc-meta-/i, ''), v]),
  )
  return {
    namespace: ref.namespace,
    bucket: ref.bucket,
    name: ref.name,
    size,
    content_type: h.contentType || undefined,
    etag: h.eTag || undefined,
    md5: h.contentMd5 || undefined,
    last_modified: isoTime(h.lastModified),
    storage_tier: h.storageTier || undefined,
    metadata,
  }
}

export async function headObjectMetadata(ctx: ToolContext, ref: ObjectRef): Promise<ObjectMetadata> {
  const r = await ociCall(ctx, `Reading metadata of object ${ref.name} in bucket ${ref.bucket}`, () =>
    ref.client.headObject({ namespaceName: ref.namespace, bucketName: ref.bucket, objectName: ref.name }),
  )
  return metadataOf(ref, Number(r.contentLength ?? 0), r)
}

/** Reads at most `max` bytes and stops the transfer beyond that; `complete` tells whether the body ended. */
async function readUpTo(body: unknown, max: number): Promise<{ bytes: Buffer; complete: boolean }> {
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    chunks.push(Buffer.from(chunk))
    total += chunk.byteLength
    // Leaving the loop cancels the stream, so the rest is never transferred.
    if (total > max) return { bytes: Buffer.concat(chunks).subarray(0, max), complete: false }
  }
  return { bytes: Buffer.concat(chunks), complete: true }
}

export interface ObjectBody {
  meta: ObjectMetadata
  /** The whole body, when it is at most `max` bytes. */
  bytes?: Buffer
}

/** Fetches bytes 0..max (one more than the cap, to tell "exactly the cap" from "larger"); never the whole of a big object. */
export async function readObjectBody(ctx: ToolContext, ref: ObjectRef, max: number): Promise<ObjectBody> {
  let r: Awaited<ReturnType<ObjectStorageClient['getObject']>>
  try {
    r = await ociCall(ctx, `Reading object ${ref.name} in bucket ${ref.bucket}`, () =>
      ref.client.getObject({
        namespaceName: ref.namespace,
        bucketName: ref.bucket,
        objectName: ref.name,
        range: new Range(0, max, null),
      }),
    )
  } catch (error) {
    // An empty object cannot satisfy any range (HTTP 416): its metadata says all there is.
    if (isMcpFunctionsError(error) && error.details?.status === 416) {
      const meta = await headObjectMetadata(ctx, ref)
      if (meta.size === 0) return { meta, bytes: Buffer.alloc(0) }
    }
    throw error
  }
  // 206: the total is after the slash of Content-Range; 200 (a server that ignores Range): Content-Length.
  const length = r.contentRange ? r.contentRange.contentLength : Number(r.contentLength)
  const total = length !== null && Number.isFinite(length) ? length : undefined
  const { bytes, complete } = await readUpTo(r.value, max)
  const whole = complete && (total === undefined || total === bytes.length)
  const meta = metadataOf(ref, total ?? bytes.length, r)
  return whole ? { meta, bytes } : { meta }
}

const objectInput = (
  input: { bucket: string; name: string },
  client: ObjectStorageClient,
  namespace: string,
) => ({
  client,
  namespace,
  bucket: input.bucket,
  name: input.name,
})

function metadataMarkdown(m: ObjectMetadata): string {
  const meta = Object.entries(m.metadata).map(([k, v]) => `${k}=${v}`)
  return mdFields([
    ['Size', `${humanBytes(m.size)} (${m.size} bytes)`],
    ['Content type', m.content_type],
    ['ETag', m.etag],
    ['MD5', m.md5],
    ['Last modified', m.last_modified],
    ['Storage tier', m.storage_tier],
    ['Metadata', meta.length ? meta.join(', ') : undefined],
  ])
}

export const headObjectTool = implement(headObject, async (input, ctx) => {
  const { client, namespace } = await objectStorageTarget(ctx, input)
  const data = await headObjectMetadata(ctx, objectInput(input, client, namespace))
  return { data, markdown: `## \`${input.bucket}/${input.name}\`\n\n${metadataMarkdown(data)}` }
})

export type ObjectContent =
  | { content_included: true; encoding: 'text' | 'base64'; content: string }
  | { content_included: false; note: string }

/** Chooses what of a body to return inline, and says why when it returns nothing. */
export function inlineContent(body: ObjectBody, encoding: 'text' | 'base64', max: number): ObjectContent {
  const par = 'use objectstorage_create_par (access ObjectRead) for a download URL'
  if (!body.bytes) {
    return {
      content_included: false,
      note: `The object is ${humanBytes(body.meta.size)}, over the ${humanBytes(max)} inline limit (MCP_OBJECT_TEXT_MAX_BYTES); ${par}.`,
    }
  }
  if (encoding === 'base64')
    return { content_included: true, encoding, content: body.bytes.toString('base64') }
  const kind = declaredKind(body.meta.content_type)
  const text = kind === 'binary' ? undefined : decodeText(body.bytes)
  if (text !== undefined) return { content_included: true, encoding: 'text', content: text }
  const what =
    kind === 'text'
      ? `declared ${body.meta.content_type} but is not valid UTF-8 text`
      : `binary (${body.meta.content_type ?? 'no content type'})`
  return {
    content_included: false,
    note: `The object is ${what}; call again with encoding "base64" to get it inline, or ${par}.`,
  }
}

export const getObjectTool = implement(getObject, async (input, ctx) => {
  const { client, namespace } = await objectStorageTarget(ctx, input)
  const max = intSetting('MCP_OBJECT_TEXT_MAX_BYTES', ctx.env)
  const body = await readObjectBody(ctx, objectInput(input, client, namespace), max)
  const content = inlineContent(body, input.encoding, max)
  const data = { ...body.meta, ...content }
  const head = `## \`${input.bucket}/${input.name}\`\n\n${metadataMarkdown(body.meta)}`
  if (!content.content_included) return { data, markdown: `${head}\n\n${content.note}` }
  const fence = '`'.repeat(Math.max(3, ...[...content.content.matchAll(/`+/g)].map((m) => m[0].length + 1)))
  const label = content.encoding === 'base64' ? 'Content (base64)' : 'Content'
  return { data, markdown: `${head}\n\n${label}:\n\n${fence}\n${content.content}\n${fence}` }
})
