// objectstorage_get_namespace and objectstorage_list_buckets.
import { setting } from '../core/config.ts'
import { mdTable, pageFooter } from '../core/format.ts'
import { ociListPage } from '../core/oci-paging.ts'
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
  const page = await ociListPage(
    ctx,
    input,
    `Listing buckets in ${compartmentId}`,
    (p) =>
      client.listBuckets({
        namespaceName: namespace,
        compartmentId,
        ...p,
      }),
    (b) => ({
      name: b.name,
      compartment_id: b.compartmentId,
      created_by: b.createdBy,
      time_created: isoTime(b.timeCreated),
      etag: b.etag,
    }),
  )
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
