// network_analyze_exposure: reads security lists, NSGs (with rules and VNICs) and subnets, then applies the pure
// analysis of exposure.ts. analyzeExposure is shared with other skills (troubleshooting).
import type { VirtualNetworkClient } from 'oci-core'
import { compartmentSubtree, whereToLook, whereToLookMarkdown } from '../core/compartment-subtree.ts'
import { isMcpFunctionsError, type McpFunctionsError } from '../core/errors.ts'
import { ociCall } from '../core/oci-clients.ts'
import type { WhereToLook } from '../core/subtree-fields.ts'
import { implement, type ToolContext } from '../core/tool-runner.ts'
import { analyzeExposure as analyzeExposureSpec } from './catalog.ts'
import { networkClient } from './clients.ts'
import { analyzeRules, type ExposureReport, type RuleHolder, SEVERITIES } from './exposure.ts'
import type { RuleLike } from './rules.ts'
import { NSG_CONCURRENCY, nsgRules } from './security.ts'
import { compartmentFor, mapLimit, readAll } from './values.ts'

export interface ExposureAnalysis extends ExposureReport {
  compartment_id: string
  vcn_id?: string
  compartment_id_in_subtree: boolean
  compartments_checked: number
  subtree_incomplete?: true
  where_to_look?: WhereToLook
  security_lists_checked: number
  network_security_groups_checked: number
  gaps: string[]
}

const live = (x: { lifecycleState: unknown }) =>
  !['TERMINATING', 'TERMINATED'].includes(String(x.lifecycleState))

/**
 * Why a read failed, in words that fit the failure: OCI's 404 NotAuthorizedOrNotFound is a missing permission
 * or resource, anything else (another 404, a 5xx, a timeout) is said as it is, not blamed on permissions.
 */
export function failureWords(error: McpFunctionsError, permission: string): string {
  const service = typeof error.details?.serviceCode === 'string' ? error.details.serviceCode : undefined
  const status = typeof error.details?.status === 'number' ? ` HTTP ${error.details.status}` : ''
  if (service === 'NotAuthorizedOrNotFound')
    return `${error.code}: not found or not permitted; needs ${permission}`
  return `${error.code}${service ? ` ${service}` : ''}${status}: the request failed`
}

/** Runs a read whose coded failure only leaves a gap in the analysis (worded by `gap`); else undefined. */
async function tolerant<T>(
  read: () => Promise<T>,
  gap: (why: string) => string,
  gaps: string[],
  permission: string,
) {
  try {
    return await read()
  } catch (error) {
    if (isMcpFunctionsError(error) && error.code !== 'ERR_DEADLINE_EXCEEDED') {
      gaps.push(gap(failureWords(error, permission)))
      return undefined
    }
    throw error
  }
}

/** The VNICs in an NSG, each with whether it has a public IP; undefined when they cannot be listed. */
async function nsgMembers(
  ctx: ToolContext,
  client: VirtualNetworkClient,
  nsg: string,
  name: string,
  gaps: string[],
) {
  const members = await tolerant(
    () =>
      readAll((page) =>
        ociCall(ctx, `Listing the VNICs in network security group ${nsg}`, () =>
          client.listNetworkSecurityGroupVnics({ networkSecurityGroupId: nsg, page }),
        ),
      ),
    (why) =>
      `Could not list the VNICs in NSG ${name} (${why}): whether its rules reach a public IP is unknown.`,
    gaps,
    'read network-security-groups',
  )
  if (!members) return undefined
  return mapLimit(members, NSG_CONCURRENCY, async (m) => {
    const vnic = await tolerant(
      async () =>
        (await ociCall(ctx, `Reading VNIC ${m.vnicId}`, () => client.getVnic({ vnicId: m.vnicId }))).vnic,
      (why) => `Could not read VNIC ${m.vnicId} in NSG ${name} (${why}).`,
      gaps,
      'read vnics',
    )
    const label = vnic?.displayName ?? m.resourceId ?? m.vnicId
    return vnic
      ? { id: m.vnicId, name: label, public: Boolean(vnic.publicIp) }
      : { id: m.vnicId, name: label }
  })
}

/** The security lists and NSGs of one compartment (or one VCN in it), each with its rules and users. */
async function ruleSets(
  ctx: ToolContext,
  client: VirtualNetworkClient,
  compartmentId: string,
  vcnId: string | undefined,
  gaps: string[],
) {
  const scope = { compartmentId, vcnId }
  const [subnets, lists, nsgs] = await Promise.all([
    readAll((page) =>
      ociCall(ctx, `Listing subnets in ${compartmentId}`, () => client.listSubnets({ ...scope, page })),
    ),
    readAll((page) =>
      ociCall(ctx, `Listing security lists in ${compartmentId}`, () =>
        client.listSecurityLists({ ...scope, page }),
      ),
    ),
    readAll((page) =>
      ociCall(ctx, `Listing network security groups in ${compartmentId}`, () =>
        client.listNetworkSecurityGroups({ ...scope, page }),
      ),
    ),
  ])
  const liveSubnets = subnets.filter(live)
  const listSets = lists.filter(live).map((l) => ({
    holder: {
      kind: 'security_list',
      id: l.id,
      name: l.displayName,
      vcn_id: l.vcnId,
      used_by: liveSubnets
        .filter((s) => s.securityListIds?.includes(l.id))
        .map((s) => ({ id: s.id, name: s.displayName, public: s.prohibitPublicIpOnVnic !== true })),
    } satisfies RuleHolder,
    rules: (l.ingressSecurityRules ?? []) as RuleLike[],
  }))
  const nsgSets = await mapLimit(nsgs.filter(live), NSG_CONCURRENCY, async (g) => {
    const name = g.displayName ?? g.id
    const [rules, members] = await Promise.all([
      tolerant(
        () => nsgRules(ctx, client, g.id, 'INGRESS'),
        (why) => `Could not read the rules of NSG ${name} (${why}): not checked.`,
        gaps,
        'read network-security-groups',
      ),
      nsgMembers(ctx, client, g.id, name, gaps),
    ])
    if (!rules) return undefined
    const holder: RuleHolder = { kind: 'network_security_group', id: g.id, name, vcn_id: g.vcnId }
    if (members) holder.used_by = members
    return { holder, rules: rules as RuleLike[] }
  })
  return { listSets, nsgSets: nsgSets.flatMap((set) => (set ? [set] : [])) }
}

/**
 * Every ingress rule of the compartment's (or one VCN's, or with `subtree` the whole branch's) security lists and
 * NSGs, checked for internet exposure. Without findings in one compartment, names the sub-compartments to try.
 */
export async function analyzeExposure(
  ctx: ToolContext,
  options: { compartmentId?: string; vcnId?: string; region?: string; subtree?: boolean } = {},
): Promise<ExposureAnalysis> {
  const { client, signer, region } = await networkClient(ctx, options.region)
  const compartmentId = compartmentFor(ctx, options.compartmentId, signer)
  const subtree = Boolean(options.subtree) && !options.vcnId
  const tree = subtree
    ? await compartmentSubtree(ctx, compartmentId, signer.tenancyId, region)
    : { compartments: [{ id: compartmentId }], complete: true }
  const gaps: string[] = []
  const sets = await mapLimit(tree.compartments, 2, (c) => ruleSets(ctx, client, c.id, options.vcnId, gaps))
  const listSets = sets.flatMap((s) => s.listSets)
  const checkedNsgs = sets.flatMap((s) => s.nsgSets)
  const report = analyzeRules([...listSets, ...checkedNsgs])
  const where =
    !subtree && !options.vcnId && report.findings.length === 0
      ? await whereToLook(ctx, compartmentId, 'internet-exposed rules', region)
      : undefined
  return {
    compartment_id: compartmentId,
    ...(options.vcnId ? { vcn_id: options.vcnId } : {}),
    compartment_id_in_subtree: subtree,
    compartments_checked: tree.compartments.length,
    ...(tree.complete ? {} : { subtree_incomplete: true as const }),
    security_lists_checked: listSets.length,
    network_security_groups_checked: checkedNsgs.length,
    ...report,
    gaps,
    ...(where ? { where_to_look: where } : {}),
  }
}

const KIND = { security_list: 'security list', network_security_group: 'NSG' } as const

const usedBy = (h: RuleHolder) => {
  if (!h.used_by) return 'VNICs that could not be listed (see Not checked)'
  if (h.used_by.length === 0) {
    return h.kind === 'security_list' ? 'no subnet in this compartment' : 'no VNIC'
  }
  return h.used_by
    .map((u) => `${u.name ?? u.id}${u.public === undefined ? '' : u.public ? ' (public)' : ' (private)'}`)
    .join(', ')
}

export function exposureMarkdown(a: ExposureAnalysis): string {
  const scope = `\`${a.compartment_id}\`${a.vcn_id ? `, VCN \`${a.vcn_id}\`` : ''}${a.compartment_id_in_subtree ? ` and its ${a.compartments_checked - 1} sub-compartments` : ''}`
  const tally = SEVERITIES.filter((s) => a.counts[s] > 0)
    .map((s) => `${a.counts[s]} ${s}`)
    .join(', ')
  const lines = [
    `## Internet exposure in ${scope}`,
    `Checked ${a.security_lists_checked} security lists and ${a.network_security_groups_checked} network security groups (${a.rules_checked} ingress rules): ${a.findings.length ? `${a.findings.length} findings — ${tally}.` : 'no sensitive port is open to the internet.'}`,
  ]
  a.findings.forEach((f, i) => {
    const reach =
      f.reachable_now === undefined
        ? ''
        : f.reachable_now
          ? ' Reachable now: a public subnet or public IP uses it.'
          : ' Not reachable today (only private subnets or VNICs use it), but it will be as soon as a public one does.'
    lines.push(
      `### ${i + 1}. ${f.severity} — ${f.title}\n` +
        `- **Where:** ${KIND[f.holder.kind]} **${f.holder.name}** \`${f.holder.id}\`, ${f.rule_ref}; used by ${usedBy(f.holder)}.${reach}\n` +
        `- **Rule:** ${f.rule}\n- **Why it matters:** ${f.why}\n- **Fix:** ${f.fix}`,
    )
  })
  if (a.where_to_look) lines.push(whereToLookMarkdown(a.where_to_look).trim())
  if (a.gaps.length) lines.push(`### Not checked\n${a.gaps.map((g) => `- ${g}`).join('\n')}`)
  if (a.informational.length) {
    lines.push(
      `### Informational\n${a.informational
        .map((n) => `- ${KIND[n.holder.kind]} **${n.holder.name}**, ${n.rule_ref}: ${n.rule} — ${n.note}`)
        .join('\n')}`,
    )
  }
  return lines.join('\n\n')
}

export const analyzeExposureTool = implement(analyzeExposureSpec, async (input, ctx) => {
  const data = await analyzeExposure(ctx, {
    compartmentId: input.compartment_id,
    vcnId: input.vcn_id,
    region: input.region,
    subtree: input.compartment_id_in_subtree,
  })
  return { data, markdown: exposureMarkdown(data) }
})
