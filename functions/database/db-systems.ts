// database_list_db_systems: Base Database Service hosts in one compartment.
import { setting } from '../core/config.ts'
import { mdTable, pageFooter } from '../core/format.ts'
import { ociListPage } from '../core/oci-paging.ts'
import { implement } from '../core/tool-runner.ts'
import { isoTime, opt, pageFields } from '../core/values.ts'
import { database } from './autonomous.ts'
import { listDbSystems } from './catalog.ts'

export const listDbSystemsTool = implement(listDbSystems, async (input, ctx) => {
  const { client, signer } = await database(ctx, input.region)
  const compartmentId = input.compartment_id ?? setting('OCI_COMPARTMENT_ID', ctx.env) ?? signer.tenancyId
  const page = await ociListPage(
    ctx,
    input,
    `Listing DB systems in ${compartmentId}`,
    (p) =>
      client.listDbSystems({
        compartmentId,
        lifecycleState: input.lifecycle_state,
        sortBy: 'DISPLAYNAME' as never,
        sortOrder: 'ASC' as never,
        ...p,
      }),
    (d) => ({
      id: d.id,
      display_name: d.displayName,
      compartment_id: d.compartmentId,
      lifecycle_state: String(d.lifecycleState),
      shape: d.shape,
      database_edition: opt(d.databaseEdition),
      version: opt(d.version),
      cpu_core_count: opt(d.cpuCoreCount),
      node_count: opt(d.nodeCount),
      data_storage_gbs: opt(d.dataStorageSizeInGBs),
      availability_domain: opt(d.availabilityDomain),
      hostname: opt(d.hostname),
      license_model: opt(d.licenseModel),
      time_created: isoTime(d.timeCreated),
    }),
  )
  const data = { compartment_id: compartmentId, db_systems: page.items, ...pageFields(page) }
  const rows = page.items.map((d) => ({
    ...d,
    storage: d.data_storage_gbs === undefined ? undefined : `${d.data_storage_gbs} GB`,
  }))
  const table = mdTable(rows, [
    ['display_name', 'Name'],
    ['lifecycle_state', 'State'],
    ['shape', 'Shape'],
    ['cpu_core_count', 'Cores'],
    ['node_count', 'Nodes'],
    ['storage', 'Data storage'],
    ['version', 'Version'],
    ['id', 'OCID'],
  ])
  return {
    data,
    markdown: `## DB systems in \`${compartmentId}\`\n\n${table}${pageFooter(data, page.items.length)}`,
  }
})
