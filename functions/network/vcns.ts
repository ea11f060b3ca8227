// network_list_vcns, network_list_subnets and network_list_route_tables.
import type { models } from 'oci-core'
import { compartmentListing } from '../core/compartment-subtree.ts'
import { intSetting } from '../core/config.ts'
import { mdTable, pageFooter } from '../core/format.ts'
import { ociListPage } from '../core/oci-paging.ts'
import { collectPage, type UpstreamPage } from '../core/paging.ts'
import { implement, type ToolContext } from '../core/tool-runner.ts'
import { listRouteTables, listSubnets, listVcns } from './catalog.ts'
import { networkClient } from './clients.ts'
import { compartmentFor, defined, isoTime, pageFields } from './values.ts'

/** Client, compartment and a paged reader for one list call of the network group. */
export async function listContext(
  ctx: ToolContext,
  input: { compartment_id?: string; region?: string; limit: number; cursor?: string },
) {
  const { client, signer } = await networkClient(ctx, input.region)
  const compartmentId = compartmentFor(ctx, input.compartment_id, signer)
  const page = <T>(fetchPage: (token: string | null, want: number) => Promise<UpstreamPage<T>>) =>
    collectPage({
      cursor: input.cursor,
      limit: input.limit,
      budgetBytes: intSetting('MCP_RESPONSE_BUDGET_BYTES', ctx.env),
      fetchPage,
    })
  return { client, compartmentId, page }
}

export const where = (compartmentId: string, vcnId?: string) =>
  `\`${compartmentId}\`${vcnId ? `, VCN \`${vcnId}\`` : ''}`

export const listVcnsTool = implement(listVcns, async (input, ctx) => {
  const { client, signer, region } = await networkClient(ctx, input.region)
  const compartmentId = compartmentFor(ctx, input.compartment_id, signer)
  const {
    page: result,
    fields,
    markdownNote,
  } = await compartmentListing(ctx, input, {
    compartmentId,
    tenancyId: signer.tenancyId,
    region,
    what: 'VCNs',
    list: (id, p) => client.listVcns({ compartmentId: id, ...p }),
    map: (v: models.Vcn) =>
      defined({
        id: v.id,
        display_name: v.displayName,
        cidr_blocks: v.cidrBlocks?.length ? v.cidrBlocks : v.cidrBlock ? [v.cidrBlock] : [],
        ipv6_cidr_blocks: v.ipv6CidrBlocks ?? [],
        dns_label: v.dnsLabel,
        lifecycle_state: String(v.lifecycleState),
        default_route_table_id: v.defaultRouteTableId,
        default_security_list_id: v.defaultSecurityListId,
        time_created: isoTime(v.timeCreated),
      }),
  })
  const data = { compartment_id: compartmentId, vcns: result.items, ...fields, ...pageFields(result) }
  const rows = result.items.map((v) => ({
    ...v,
    cidrs: [...v.cidr_blocks, ...v.ipv6_cidr_blocks].join(', '),
  }))
  const table = mdTable(rows, [
    ['display_name', 'VCN'],
    ...(fields.compartment_id_in_subtree
      ? [['compartment_name', 'Compartment'] as ['compartment_name', string]]
      : []),
    ['cidrs', 'CIDR blocks'],
    ['dns_label', 'DNS label'],
    ['lifecycle_state', 'State'],
    ['id', 'OCID'],
  ])
  const scope = fields.compartment_id_in_subtree ? ' and its sub-compartments' : ''
  return {
    data,
    markdown: `## VCNs in \`${compartmentId}\`${scope}\n\n${table}${markdownNote}${pageFooter(data, result.items.length)}`,
  }
})

export const subnetRow = (s: models.Subnet) =>
  defined({
    id: s.id,
    display_name: s.displayName,
    vcn_id: s.vcnId,
    cidr_block: s.cidrBlock,
    ipv6_cidr_blocks: s.ipv6CidrBlocks ?? (s.ipv6CidrBlock ? [s.ipv6CidrBlock] : []),
    public: s.prohibitPublicIpOnVnic !== true,
    availability_domain: s.availabilityDomain,
    route_table_id: s.routeTableId,
    security_list_ids: s.securityListIds ?? [],
    dns_label: s.dnsLabel,
    lifecycle_state: String(s.lifecycleState),
  })

export const listSubnetsTool = implement(listSubnets, async (input, ctx) => {
  const { client, compartmentId } = await listContext(ctx, input)
  const result = await ociListPage(
    ctx,
    input,
    `Listing subnets in ${compartmentId}`,
    (p) => client.listSubnets({ compartmentId, vcnId: input.vcn_id, ...p }),
    subnetRow,
  )
  const data = { compartment_id: compartmentId, subnets: result.items, ...pageFields(result) }
  const rows = result.items.map((s) => ({
    ...s,
    access: s.public ? 'public' : 'private',
    scope: s.availability_domain ?? 'regional',
    lists: s.security_list_ids.length,
  }))
  const table = mdTable(rows, [
    ['display_name', 'Subnet'],
    ['cidr_block', 'CIDR'],
    ['access', 'Access'],
    ['scope', 'Scope'],
    ['lists', 'Security lists'],
    ['route_table_id', 'Route table'],
    ['id', 'OCID'],
  ])
  return {
    data,
    markdown: `## Subnets in ${where(compartmentId, input.vcn_id)}\n\n${table}${pageFooter(data, result.items.length)}`,
  }
})

const TARGETS: Record<string, string> = {
  internetgateway: 'internet gateway',
  natgateway: 'NAT gateway',
  servicegateway: 'service gateway',
  drg: 'DRG',
  privateip: 'private IP',
  localpeeringgateway: 'local peering gateway',
}

/** What a route rule points at, from its target's OCID type. */
export const targetType = (networkEntityId: string) => {
  const type = /^ocid1\.([a-z0-9]+)\./.exec(networkEntityId)?.[1] ?? 'unknown'
  return TARGETS[type] ?? type
}

const routeRule = (r: models.RouteRule) => {
  const destination = r.destination ?? r.cidrBlock ?? '—'
  const type = targetType(r.networkEntityId)
  return defined({
    destination,
    destination_type: String(r.destinationType ?? 'CIDR_BLOCK'),
    target_id: r.networkEntityId,
    target_type: type,
    description: r.description,
    summary: `${destination} → ${type}`,
  })
}

export const listRouteTablesTool = implement(listRouteTables, async (input, ctx) => {
  const { client, compartmentId } = await listContext(ctx, input)
  const result = await ociListPage(
    ctx,
    input,
    `Listing route tables in ${compartmentId}`,
    (p) => client.listRouteTables({ compartmentId, vcnId: input.vcn_id, ...p }),
    (t) =>
      defined({
        id: t.id,
        display_name: t.displayName,
        vcn_id: t.vcnId,
        lifecycle_state: String(t.lifecycleState),
        rules: (t.routeRules ?? []).map(routeRule),
      }),
  )
  const data = { compartment_id: compartmentId, route_tables: result.items, ...pageFields(result) }
  const body = result.items.length
    ? result.items
        .map((t) => {
          const rules = t.rules.length
            ? t.rules.map((r) => `  - ${r.summary} \`${r.target_id}\``).join('\n')
            : '  - (no rules: only traffic within the VCN)'
          return `- **${t.display_name ?? t.id}** (${t.lifecycle_state}) — \`${t.id}\`\n${rules}`
        })
        .join('\n')
    : '_none_'
  return {
    data,
    markdown: `## Route tables in ${where(compartmentId, input.vcn_id)}\n\n${body}${pageFooter(data, result.items.length)}`,
  }
})
