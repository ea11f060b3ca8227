// objectstorage_list_objects: OCI's nextStartWith behind an opaque cursor; objects and prefixes in one name order.
import type { ObjectStorageClient } from 'oci-objectstorage'
import { intSetting } from '../core/config.ts'
import { humanBytes, mdTable, pageFooter } from '../core/format.ts'
import { ociCall } from '../core/oci-clients.ts'
import { collectPage } from '../core/paging.ts'
import { implement, type ToolContext } from '../core/tool-runner.ts'
import { isoTime, pageFields } from '../core/values.ts'
import { listObjects } from './catalog.ts'
import { objectStorageTarget } from './namespace.ts'

interface ObjectEntry {
  name: string
  size?: number
  etag?: string
  time_modified?: string
  storage_tier?: string
}
type Entry = ({ kind: 'object' } & ObjectEntry) | { kind: 'prefix'; name: string }

const FIELDS = 'name,size,etag,timeModified,storageTier'

export interface ListObjectsQuery {
  client: ObjectStorageClient
  namespace: string
  bucket: string
  prefix?: string
  delimiter?: '/'
  limit: number
  cursor?: string
}

export async function listObjectsPage(ctx: ToolContext, q: ListObjectsQuery) {
  const page = await collectPage<Entry>({
    cursor: q.cursor,
    limit: q.limit,
    budgetBytes: intSetting('MCP_RESPONSE_BUDGET_BYTES', ctx.env),
    fetchPage: async (start, want) => {
      const r = await ociCall(ctx, `Listing objects in bucket ${q.bucket}`, () =>
        q.client.listObjects({
          namespaceName: q.namespace,
          bucketName: q.bucket,
          prefix: q.prefix || undefined,
          delimiter: q.delimiter,
          start: start ?? undefined,
          limit: want,
          fields: FIELDS,
        }),
      )
      const { objects, prefixes = [], nextStartWith } = r.listObjects
      // One sequence in name order, so a cursor's offset means the same entry when the page is read again.
      const items: Entry[] = [
        ...objects.map(
          (o): Entry => ({
            kind: 'object',
            name: o.name,
            size: o.size,
            etag: o.etag,
            time_modified: isoTime(o.timeModified),
            storage_tier: o.storageTier,
          }),
        ),
        ...prefixes.map((p): Entry => ({ kind: 'prefix', name: p })),
      ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      return { items, next: nextStartWith }
    },
  })
  const objects = page.items.flatMap((e): ObjectEntry[] => {
    if (e.kind !== 'object') return []
    const { kind: _kind, ...o } = e
    return [o]
  })
  const prefixes = page.items.flatMap((e) => (e.kind === 'prefix' ? [e.name] : []))
  return { namespace: q.namespace, bucket: q.bucket, objects, prefixes, ...pageFields(page) }
}

export const listObjectsTool = implement(listObjects, async (input, ctx) => {
  const { client, namespace } = await objectStorageTarget(ctx, input)
  const data = await listObjectsPage(ctx, { client, namespace, ...input })
  const where = `\`${input.bucket}\`${input.prefix ? ` under \`${input.prefix}\`` : ''}`
  const parts = [`## Objects in ${where} (namespace \`${namespace}\`)`]
  if (data.prefixes.length) parts.push(`Folders:\n${data.prefixes.map((p) => `- \`${p}\``).join('\n')}`)
  if (data.objects.length || !data.prefixes.length) {
    const rows = data.objects.map((o) => ({ ...o, size: humanBytes(o.size) }))
    parts.push(
      mdTable(rows, [
        ['name', 'Name'],
        ['size', 'Size'],
        ['time_modified', 'Modified'],
        ['storage_tier', 'Tier'],
      ]),
    )
  }
  const count = data.objects.length + data.prefixes.length
  return { data, markdown: parts.join('\n\n') + pageFooter(data, count) }
})
