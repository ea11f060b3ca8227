// identity_get_tenancy and identity_list_region_subscriptions.
import { IdentityClient } from 'oci-identity'
import { mdFields, mdTable } from '../core/format.ts'
import { ociCall, ociClient } from '../core/oci-clients.ts'
import { implement, type ToolContext } from '../core/tool-runner.ts'
import { getTenancy, listRegionSubscriptions } from './catalog.ts'

export const identity = (ctx: ToolContext, region?: string) => ociClient(ctx, IdentityClient, region)

export const getTenancyTool = implement(getTenancy, async (input, ctx) => {
  const { client, signer } = await identity(ctx, input.region)
  const tenancyId = input.tenancy_id ?? signer.tenancyId
  const { tenancy } = await ociCall(ctx, `Reading tenancy ${tenancyId}`, () =>
    client.getTenancy({ tenancyId }),
  )
  const data = {
    id: tenancy.id ?? tenancyId,
    name: tenancy.name,
    description: tenancy.description,
    home_region_key: tenancy.homeRegionKey,
  }
  return {
    data,
    markdown: `## Tenancy ${data.name ?? ''}\n\n${mdFields([
      ['OCID', data.id],
      ['Description', data.description],
      ['Home region key', data.home_region_key],
    ])}`,
  }
})

export const listRegionSubscriptionsTool = implement(listRegionSubscriptions, async (input, ctx) => {
  const { client, signer } = await identity(ctx, input.region)
  const tenancyId = signer.tenancyId
  const r = await ociCall(ctx, 'Listing region subscriptions', () =>
    client.listRegionSubscriptions({ tenancyId }),
  )
  const regions = r.items.map((s) => ({
    region_key: s.regionKey,
    region_name: s.regionName,
    status: String(s.status),
    is_home_region: Boolean(s.isHomeRegion),
  }))
  const rows = regions.map((s) => ({ ...s, home: s.is_home_region ? 'home' : '' }))
  const table = mdTable(rows, [
    ['region_name', 'Region'],
    ['region_key', 'Key'],
    ['status', 'Status'],
    ['home', 'Home'],
  ])
  return { data: { tenancy_id: tenancyId, regions }, markdown: `## Subscribed regions\n\n${table}` }
})
