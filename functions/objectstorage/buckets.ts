// objectstorage_get_namespace and objectstorage_list_buckets.
import { intSetting, setting } from '../core/config.ts'
import { mdTable, pageFooter } from '../core/format.ts'
import { ociCall } from '../core/oci-clients.ts'
import { collectPage } from '../core/paging.ts'
import { implement } from '../core/tool-runner.ts'
import { isoTime, pageFields } from '../core/values.ts'
import { getNamespace, listBuckets } from './catalog.ts'
import { lookupNamespace, objectStorage, objectStorageTarget } from './namespace.ts'

export const getNamespaceTool = implement(getNamespace, async (input, ctx) => {
  const { region } = await objectStorage(ctx, input.region)
  const namespace = await lookupNamespace(ctx, region)
  return { data: { namespace, region }, markdown: `Object Storage namespace in ${region}: \`${namespace}\`` }
})

export const listBucketsTool = implement(listBuckets, async (input, ctx) => {
  const { client, namespace, signer } = await objectStorageTarget(ctx, input)
  const compartmentId = input.compartment_id ?? setting('OCI_COMPARTMENT_ID', ctx.env) ?? signer.tenancyId
  const page = await collectPage({
    cursor: input.cursor,
    limit: input.limit,
    budgetBytes: intSetting('MCP_RESPONSE_BUDGET_BYTES', ctx.env),
    fetchPage: async (token, want) => {
      const r = await ociCall(ctx, `Listing buckets in ${compartmentId}`, () =>
        client.listBuckets({
          namespaceName: namespace,
          compartmentId,
          limit: want,
          page: token ?? undefined,
        }),
      )
      return {
        next: r.opcNextPage,
        items: r.items.map((b) => ({
          name: b.name,
          compartment_id: b.compartmentId,
          created_by: b.createdBy,
          time_created: isoTime(b.timeCreated),
          etag: b.etag,
        })),
      }
    },
  })
  const data = { namespace, compartment_id: compartmentId, buckets: page.items, ...pageFields(page) }
  const table = mdTable(page.items, [
    ['name', 'Bucket'],
    ['time_created', 'Created'],
    ['etag', 'ETag'],
  ])
  return {
    data,
    markdown: `## Buckets in \`${compartmentId}\` (namespace \`${namespace}\`)\n\n${table}${pageFooter(data, page.items.length)}`,
  }
})
