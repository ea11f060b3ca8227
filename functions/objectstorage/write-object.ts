// objectstorage_put_object and objectstorage_delete_object: small bodies only, with optional preconditions.
import { isMcpFunctionsError, McpFunctionsError } from '../core/errors.ts'
import { humanBytes, mdFields } from '../core/format.ts'
import { ociCall } from '../core/oci-clients.ts'
import { implement } from '../core/tool-runner.ts'
import { isoTime } from '../core/values.ts'
import { deleteObject, PUT_MAX_BYTES, putObject } from './catalog.ts'
import { objectStorageTarget } from './namespace.ts'

// Plain character classes only: a grouped pattern backtracks itself out of stack on megabytes of input.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

function decodeBody(content: string, encoding: 'text' | 'base64'): Buffer {
  if (encoding === 'text') return Buffer.from(content, 'utf8')
  const compact = content.replace(/\s+/g, '')
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw new McpFunctionsError('ERR_INPUT_INVALID', 'content is not valid base64', {
      hint: 'Give standard base64 (A–Z, a–z, 0–9, +, /, with = padding), or set encoding to "text" for plain text.',
    })
  }
  return Buffer.from(compact, 'base64')
}

const PAR_HINT =
  'For larger objects create a write URL with objectstorage_create_par (access ObjectWrite) and upload to it with an HTTP PUT.'

export const putObjectTool = implement(putObject, async (input, ctx) => {
  const body = decodeBody(input.content, input.encoding)
  if (body.length > PUT_MAX_BYTES) {
    throw new McpFunctionsError(
      'ERR_INPUT_TOO_LARGE',
      `The content is ${humanBytes(body.length)}; this tool uploads at most ${humanBytes(PUT_MAX_BYTES)}`,
      { hint: PAR_HINT },
    )
  }
  const { client, namespace } = await objectStorageTarget(ctx, input)
  const contentType =
    input.content_type ??
    (input.encoding === 'text' ? 'text/plain; charset=utf-8' : 'application/octet-stream')
  let r: Awaited<ReturnType<typeof client.putObject>>
  try {
    r = await ociCall(ctx, `Writing object ${input.name} in bucket ${input.bucket}`, () =>
      client.putObject({
        namespaceName: namespace,
        bucketName: input.bucket,
        objectName: input.name,
        putObjectBody: body,
        contentLength: body.length,
        contentType,
        ifNoneMatch: input.if_none_match,
        ifMatch: input.if_match,
        opcMeta: input.metadata,
      }),
    )
  } catch (error) {
    if (isMcpFunctionsError(error) && error.code === 'ERR_OCI_PRECONDITION' && input.if_none_match) {
      throw new McpFunctionsError(
        'ERR_OCI_PRECONDITION',
        `Object ${input.name} already exists in ${input.bucket}`,
        {
          hint: 'Choose another name, or call again without if_none_match to replace it.',
          details: error.details,
          cause: error,
        },
      )
    }
    throw error
  }
  const data = {
    namespace,
    bucket: input.bucket,
    name: input.name,
    size: body.length,
    etag: r.eTag || undefined,
    md5: r.opcContentMd5 || undefined,
    last_modified: isoTime(r.lastModified),
  }
  return {
    data,
    markdown: `Wrote \`${input.bucket}/${input.name}\`\n\n${mdFields([
      ['Size', `${humanBytes(data.size)} (${data.size} bytes)`],
      ['Content type', contentType],
      ['ETag', data.etag],
      ['MD5', data.md5],
    ])}`,
  }
})

export const deleteObjectTool = implement(deleteObject, async (input, ctx) => {
  const { client, namespace } = await objectStorageTarget(ctx, input)
  const r = await ociCall(ctx, `Deleting object ${input.name} in bucket ${input.bucket}`, () =>
    client.deleteObject({
      namespaceName: namespace,
      bucketName: input.bucket,
      objectName: input.name,
      ifMatch: input.if_match,
    }),
  )
  const data = {
    namespace,
    bucket: input.bucket,
    name: input.name,
    deleted: true,
    last_modified: isoTime(r.lastModified),
  }
  return { data, markdown: `Deleted \`${input.bucket}/${input.name}\` (namespace \`${namespace}\`).` }
})
