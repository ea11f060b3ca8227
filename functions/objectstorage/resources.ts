// Readers for the objectstorage resources: the namespace, a bucket's first page of objects, one object's text.
import { intSetting } from '../core/config.ts'
import type { ResourceReader } from '../core/group-app.ts'
import { objectsTemplate, objectTemplate } from './catalog.ts'
import { listObjectsPage } from './list-objects.ts'
import { lookupNamespace, objectStorageTarget } from './namespace.ts'
import { inlineContent, readObjectBody } from './read-object.ts'

const json = (uri: string, value: unknown) => [
  { uri, mimeType: 'application/json', text: JSON.stringify(value, null, 2) },
]

const readNamespace: ResourceReader = async (uri, _vars, ctx) =>
  json(uri, { namespace: await lookupNamespace(ctx) })

const readObjects: ResourceReader = async (uri, vars, ctx) => {
  const { client, namespace } = await objectStorageTarget(ctx, {})
  return json(uri, await listObjectsPage(ctx, { client, namespace, bucket: vars.bucket, limit: 1000 }))
}

const readObject: ResourceReader = async (uri, vars, ctx) => {
  const { client, namespace } = await objectStorageTarget(ctx, {})
  const max = intSetting('MCP_OBJECT_TEXT_MAX_BYTES', ctx.env)
  const body = await readObjectBody(ctx, { client, namespace, bucket: vars.bucket, name: vars.name }, max)
  const content = inlineContent(body, 'text', max)
  if (!content.content_included) return json(uri, { ...body.meta, note: content.note })
  return [{ uri, mimeType: body.meta.content_type ?? 'text/plain', text: content.content }]
}

export const resources: Record<string, ResourceReader> = {
  'oci://namespace': readNamespace,
  [objectsTemplate]: readObjects,
  [objectTemplate]: readObject,
}
