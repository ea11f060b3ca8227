// network_list_security_lists and network_list_network_security_groups, with their rules written out.
import { requests, type VirtualNetworkClient } from 'oci-core'
import { pageFooter } from '../core/format.ts'
import { ociCall } from '../core/oci-clients.ts'
import { ociListPage } from '../core/oci-paging.ts'
import { implement, type ToolContext } from '../core/tool-runner.ts'
import { listNetworkSecurityGroups, listSecurityLists } from './catalog.ts'
import { type RuleRow, ruleRow, rulesMarkdown } from './rules.ts'
import { defined, mapLimit, pageFields, readAll } from './values.ts'
import { listContext, where } from './vcns.ts'

/** NSG rule reads in flight at once. */
export const NSG_CONCURRENCY = 8

/** Every rule of one NSG (or only one direction), every page. */
export function nsgRules(
  ctx: ToolContext,
  client: VirtualNetworkClient,
  nsgId: string,
  direction?: 'INGRESS' | 'EGRESS',
) {
  const Direction = requests.ListNetworkSecurityGroupSecurityRulesRequest.Direction
  return readAll((page) =>
    ociCall(ctx, `Listing the rules of network security group ${nsgId}`, () =>
      client.listNetworkSecurityGroupSecurityRules({
        networkSecurityGroupId: nsgId,
        direction: direction && Direction[direction === 'INGRESS' ? 'Ingress' : 'Egress'],
        page,
      }),
    ),
  )
}

export const listSecurityListsTool = implement(listSecurityLists, async (input, ctx) => {
  const { client, compartmentId } = await listContext(ctx, input)
  const result = await ociListPage(
    ctx,
    input,
    `Listing security lists in ${compartmentId}`,
    (p) => client.listSecurityLists({ compartmentId, vcnId: input.vcn_id, ...p }),
    (l) => ({
      id: l.id,
      display_name: l.displayName,
      vcn_id: l.vcnId,
      lifecycle_state: String(l.lifecycleState),
      ingress_rules: (l.ingressSecurityRules ?? []).map((rule) => ruleRow(rule, 'INGRESS')),
      egress_rules: (l.egressSecurityRules ?? []).map((rule) => ruleRow(rule, 'EGRESS')),
    }),
  )
  const data = { compartment_id: compartmentId, security_lists: result.items, ...pageFields(result) }
  const body = result.items.length
    ? result.items
        .map(
          (l) =>
            `### ${l.display_name}\n\`${l.id}\` (${l.lifecycle_state})\n\n- Ingress\n${rulesMarkdown(l.ingress_rules)}\n- Egress\n${rulesMarkdown(l.egress_rules)}`,
        )
        .join('\n\n')
    : '_none_'
  return {
    data,
    markdown: `## Security lists in ${where(compartmentId, input.vcn_id)}\n\n${body}${pageFooter(data, result.items.length)}`,
  }
})

interface NsgEntry {
  id: string
  display_name?: string
  vcn_id: string
  lifecycle_state: string
  rules: RuleRow[]
}

export const listNetworkSecurityGroupsTool = implement(listNetworkSecurityGroups, async (input, ctx) => {
  const { client, compartmentId, page } = await listContext(ctx, input)
  const result = await page<NsgEntry>(async (token, want) => {
    const r = await ociCall(ctx, `Listing network security groups in ${compartmentId}`, () =>
      client.listNetworkSecurityGroups({
        compartmentId,
        vcnId: input.vcn_id,
        limit: want,
        page: token ?? undefined,
      }),
    )
    const items = await mapLimit(r.items, NSG_CONCURRENCY, async (g) =>
      defined({
        id: g.id,
        display_name: g.displayName,
        vcn_id: g.vcnId,
        lifecycle_state: String(g.lifecycleState),
        rules: (await nsgRules(ctx, client, g.id)).map((rule) => ruleRow(rule)),
      }),
    )
    return { next: r.opcNextPage, items }
  })
  const data = { compartment_id: compartmentId, network_security_groups: result.items, ...pageFields(result) }
  const body = result.items.length
    ? result.items
        .map((g) => {
          const ingress = g.rules.filter((r) => r.direction === 'INGRESS')
          const egress = g.rules.filter((r) => r.direction === 'EGRESS')
          return `### ${g.display_name ?? g.id}\n\`${g.id}\` (${g.lifecycle_state})\n\n- Ingress\n${rulesMarkdown(ingress)}\n- Egress\n${rulesMarkdown(egress)}`
        })
        .join('\n\n')
    : '_none_'
  return {
    data,
    markdown: `## Network security groups in ${where(compartmentId, input.vcn_id)}\n\n${body}${pageFooter(data, result.items.length)}`,
  }
})
