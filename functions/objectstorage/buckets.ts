// objectstorage_get_namespace and objectstorage_list_buckets.
import { compartmentListing } from '../core/compartment-subtree.ts'
import { setting } from '../core/config.ts'
import { mdTable, pageFooter } from '../core/format.ts'
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
  const { client, namespace, signer, region } = await objectStorageTarget(ctx, input)
  const compartmentId = input.compartment_id ?? setting('OCI_COMPARTMENT_ID', ctx.env) ?? signer.tenancyId
  const { page, fields, markdownNote } = await compartmentListing(ctx, input, {
    compartmentId,
    tenancyId: signer.tenancyId,
    region,
    what: 'buckets',
    list: (id, p) => client.listBuckets({ namespaceName: namespace, compartmentId: id, ...p }),
    map: (b) => ({
      name: b.name,
      compartment_id: b.compartmentId,
      created_by: b.createdBy,
      time_created: isoTime(b.timeCreated),
      etag: b.etag,
    }),
  })
  const data = {
    namespace,
    compartment_id: compartmentId,
    buckets: page.items,
    ...fields,
    ...pageFields(page),
  }
  const table = mdTable(page.items, [
    ['name', 'Bucket'],
    ...(fields.compartment_id_in_subtree
      ? [['compartment_name', 'Compartment'] as ['compartment_name', string]]
      : []),
    ['time_created', 'Created'],
    ['etag', 'ETag'],
  ])
  const scope = fields.compartment_id_in_subtree ? ' and its sub-compartments' : ''
  return {
    data,
    markdown: `## Buckets in \`${compartmentId}\`${scope} (namespace \`${namespace}\`)\n\n${table}${markdownNote}${pageFooter(data, page.items.length)}`,
  }
})
