// observability_list_metric_namespaces and observability_list_metrics: what metrics exist, with their dimensions.
import { models } from 'oci-monitoring'
import { whereToLook, whereToLookMarkdown } from '../core/compartment-subtree.ts'
import { mdTable, pageFooter } from '../core/format.ts'
import { ociCall } from '../core/oci-clients.ts'
import { ociListPage } from '../core/oci-paging.ts'
import { implement } from '../core/tool-runner.ts'
import { pageFields } from '../core/values.ts'
import { listMetricNamespaces, listMetrics } from './catalog.ts'
import { compartmentFor, monitoring } from './clients.ts'

/** What the common service namespaces hold, to help a model pick one. */
const KNOWN_NAMESPACES: Record<string, string> = {
  oci_computeagent: 'Compute instances: CPU, memory, disk and network',
  oci_compute_infrastructure_health: 'Compute instance health and status',
  oci_autonomous_database: 'Autonomous Databases: CPU, storage, sessions, queries',
  oci_database: 'Databases on DB systems',
  oci_database_cluster: 'DB system clusters',
  oci_vcn: 'VNIC traffic of the virtual cloud network',
  oci_lbaas: 'Load balancers',
  oci_nlb: 'Network load balancers',
  oci_blockstore: 'Block volumes',
  oci_objectstorage: 'Object Storage buckets',
  oci_faas: 'Functions',
  oci_apigateway: 'API gateways',
  oci_oke: 'Kubernetes clusters (OKE)',
  oci_integration: 'Oracle Integration',
}

const MAX_NAMESPACE_PAGES = 20

export const listMetricNamespacesTool = implement(listMetricNamespaces, async (input, ctx) => {
  const { client, signer } = await monitoring(ctx, input.region)
  const compartmentId = compartmentFor(ctx, signer, input)
  const found = new Set<string>()
  let page: string | undefined
  for (let n = 0; n < MAX_NAMESPACE_PAGES; n++) {
    const r = await ociCall(ctx, `Listing metric namespaces in ${compartmentId}`, () =>
      client.listMetrics({
        compartmentId,
        compartmentIdInSubtree: input.compartment_id_in_subtree || undefined,
        listMetricsDetails: { groupBy: ['namespace'] },
        page,
      }),
    )
    for (const m of r.items) if (m.namespace) found.add(m.namespace)
    page = r.opcNextPage || undefined
    if (!page) break
  }
  const namespaces = [...found].sort()
  const data = {
    compartment_id: compartmentId,
    compartment_id_in_subtree: input.compartment_id_in_subtree,
    namespaces,
  }
  const lines = namespaces.map(
    (ns) => `- \`${ns}\`${KNOWN_NAMESPACES[ns] ? ` — ${KNOWN_NAMESPACES[ns]}` : ''}`,
  )
  const body = lines.length ? lines.join('\n') : '_No metrics in this compartment._'
  return {
    data,
    markdown: `## Metric namespaces in \`${compartmentId}\`\n\n${body}\n\nNext: observability_list_metrics with one namespace.`,
  }
})

export const listMetricsTool = implement(listMetrics, async (input, ctx) => {
  const { client, signer, region } = await monitoring(ctx, input.region)
  const compartmentId = compartmentFor(ctx, signer, input)
  const page = await ociListPage(
    ctx,
    input,
    `Listing ${input.namespace} metrics in ${compartmentId}`,
    (p) =>
      client.listMetrics({
        compartmentId,
        compartmentIdInSubtree: input.compartment_id_in_subtree || undefined,
        listMetricsDetails: {
          namespace: input.namespace,
          name: input.name,
          dimensionFilters: input.dimension_filters,
          sortBy: models.ListMetricsDetails.SortBy.Name,
          sortOrder: models.ListMetricsDetails.SortOrder.Asc,
        },
        ...p,
      }),
    (m) => ({
      name: m.name ?? '',
      namespace: m.namespace ?? input.namespace,
      compartment_id: m.compartmentId,
      resource_group: m.resourceGroup || undefined,
      dimensions: m.dimensions ?? {},
    }),
  )
  // OCI's own subtree option is offered only where OCI takes it: at the tenancy.
  const where =
    page.items.length === 0 && !input.cursor && !input.compartment_id_in_subtree
      ? await whereToLook(
          ctx,
          compartmentId,
          `${input.namespace} metrics`,
          region,
          compartmentId === signer.tenancyId,
        )
      : undefined
  const data = {
    namespace: input.namespace,
    compartment_id: compartmentId,
    metrics: page.items,
    ...(where ? { where_to_look: where } : {}),
    ...pageFields(page),
  }
  return {
    data,
    markdown: `## Metrics in \`${input.namespace}\`\n\n${metricsByName(page.items)}${whereToLookMarkdown(where)}${streamsFooter(data, page.items)}\n\nNext: observability_summarize_metrics with a query such as \`${exampleQuery(page.items)}\`.`,
  }
})

type MetricItem = { name: string; dimensions: Record<string, string> }

/**
 * The page footer in the table's terms: a row is a metric name and each holds several streams, so the count of
 * streams alone ("40 shown" under 10 rows) reads as a miscount.
 */
export function streamsFooter(page: Parameters<typeof pageFooter>[0], items: MetricItem[]): string {
  const names = new Set(items.map((m) => m.name)).size
  return pageFooter(page, items.length).replace(
    `${items.length} shown`,
    `${names} metric${names === 1 ? '' : 's'} (${items.length} stream${items.length === 1 ? '' : 's'}) shown`,
  )
}

/** One row per metric name: how many streams, which dimension keys, and a few resources. */
function metricsByName(items: MetricItem[]): string {
  const byName = new Map<string, MetricItem[]>()
  for (const m of items) byName.set(m.name, [...(byName.get(m.name) ?? []), m])
  const rows = [...byName].map(([name, streams]) => {
    const keys = new Set(streams.flatMap((s) => Object.keys(s.dimensions)))
    const resources = streams.map(resourceLabel).filter(Boolean)
    const shown = resources.slice(0, 3).join(', ')
    return {
      name,
      streams: streams.length,
      keys: [...keys].sort().join(', '),
      resources: resources.length > 3 ? `${shown}, …` : shown,
    }
  })
  return mdTable(rows, [
    ['name', 'Metric'],
    ['streams', 'Streams'],
    ['keys', 'Dimensions'],
    ['resources', 'Resources'],
  ])
}

const resourceLabel = (m: MetricItem) =>
  m.dimensions.resourceDisplayName ?? m.dimensions.resourceName ?? m.dimensions.resourceId ?? ''

function exampleQuery(items: MetricItem[]): string {
  const first = items[0]
  if (!first) return 'CpuUtilization[auto].mean()'
  const key = ['resourceDisplayName', 'resourceName', 'resourceId'].find((k) => first.dimensions[k])
  const filter = key ? `{${key} = "${first.dimensions[key].replace(/["\\`]/g, '')}"}` : ''
  return `${first.name}[auto]${filter}.mean()`
}
