// network_analyze_exposure: reads security lists, NSGs (with rules and VNICs) and subnets, then applies the pure
// analysis of exposure.ts. analyzeExposure is shared with other skills (troubleshooting).
import type { VirtualNetworkClient } from 'oci-core'
import { isMcpFunctionsError } from '../core/errors.ts'
import { ociCall } from '../core/oci-clients.ts'
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
  security_lists_checked: number
  network_security_groups_checked: number
  gaps: string[]
}

const live = (x: { lifecycleState: unknown }) =>
  !['TERMINATING', 'TERMINATED'].includes(String(x.lifecycleState))

/** Runs a read whose refusal (404: missing or not permitted) only leaves a gap in the analysis; else undefined. */
async function tolerant<T>(read: () => Promise<T>, gap: (code: string) => string, gaps: string[]) {
  try {
    return await read()
  } catch (error) {
    if (isMcpFunctionsError(error) && error.code === 'ERR_OCI_NOT_FOUND') {
      gaps.push(gap(error.code))
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
    (code) =>
      `Could not list the VNICs in NSG ${name} (${code}; needs read network-security-groups): whether its rules reach a public IP is unknown.`,
    gaps,
  )
  if (!members) return undefined
  return mapLimit(members, NSG_CONCURRENCY, async (m) => {
    const vnic = await tolerant(
      async () =>
        (await ociCall(ctx, `Reading VNIC ${m.vnicId}`, () => client.getVnic({ vnicId: m.vnicId }))).vnic,
      (code) => `Could not read VNIC ${m.vnicId} in NSG ${name} (${code}).`,
      gaps,
    )
    const label = vnic?.displayName ?? m.resourceId ?? m.vnicId
    return vnic
      ? { id: m.vnicId, name: label, public: Boolean(vnic.publicIp) }
      : { id: m.vnicId, name: label }
  })
}

/** Every ingress rule of the compartment's (or one VCN's) security lists and NSGs, checked for internet exposure. */
export async function analyzeExposure(
  ctx: ToolContext,
  options: { compartmentId?: string; vcnId?: string; region?: string } = {},
): Promise<ExposureAnalysis> {
  const { client, signer } = await networkClient(ctx, options.region)
  const compartmentId = compartmentFor(ctx, options.compartmentId, signer)
  const scope = { compartmentId, vcnId: options.vcnId }
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
  const gaps: string[] = []
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
        (code) =>
          `Could not read the rules of NSG ${name} (${code}; needs read network-security-groups): not checked.`,
        gaps,
      ),
      nsgMembers(ctx, client, g.id, name, gaps),
    ])
    if (!rules) return undefined
    const holder: RuleHolder = { kind: 'network_security_group', id: g.id, name, vcn_id: g.vcnId }
    if (members) holder.used_by = members
    return { holder, rules: rules as RuleLike[] }
  })
  const checkedNsgs = nsgSets.flatMap((set) => (set ? [set] : []))
  const report = analyzeRules([...listSets, ...checkedNsgs])
  return {
    compartment_id: compartmentId,
    ...(options.vcnId ? { vcn_id: options.vcnId } : {}),
    security_lists_checked: listSets.length,
    network_security_groups_checked: checkedNsgs.length,
    ...report,
    gaps,
  }
}

const KIND = { security_list: 'security list', network_security_group: 'NSG' } as const

const usedBy = (h: RuleHolder) => {
  if (!h.used_by) return 'unknown VNICs'
  if (h.used_by.length === 0) {
    return h.kind === 'security_list' ? 'no subnet in this compartment' : 'no VNIC'
  }
  return h.used_by
    .map((u) => `${u.name ?? u.id}${u.public === undefined ? '' : u.public ? ' (public)' : ' (private)'}`)
    .join(', ')
}

export function exposureMarkdown(a: ExposureAnalysis): string {
  const scope = `\`${a.compartment_id}\`${a.vcn_id ? `, VCN \`${a.vcn_id}\`` : ''}`
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
  })
  return { data, markdown: exposureMarkdown(data) }
})
