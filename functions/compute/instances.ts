// compute_list_instances and compute_get_instance; getInstanceDetails is shared with other skills (troubleshooting).
import type { models } from 'oci-core'
import type { z } from 'zod'
import { compartmentListing } from '../core/compartment-subtree.ts'
import { isMcpFunctionsError, type McpFunctionsError } from '../core/errors.ts'
import { mdFields, mdTable, pageFooter } from '../core/format.ts'
import { ociCall } from '../core/oci-clients.ts'
import { implement, type ToolContext } from '../core/tool-runner.ts'
import { compartmentFor, defined, isoTime, pageFields } from '../core/values.ts'
import { getInstance, type instanceDetails, listInstances } from './catalog.ts'
import { computeClient, networkClient } from './clients.ts'

export type InstanceDetails = z.input<typeof instanceDetails>

const summary = (i: models.Instance) =>
  defined({
    id: i.id,
    display_name: i.displayName,
    lifecycle_state: String(i.lifecycleState),
    shape: i.shape,
    ocpus: i.shapeConfig?.ocpus,
    memory_in_gbs: i.shapeConfig?.memoryInGBs,
    availability_domain: i.availabilityDomain,
    fault_domain: i.faultDomain,
    time_created: isoTime(i.timeCreated),
  })

export const listInstancesTool = implement(listInstances, async (input, ctx) => {
  const { client, signer, region } = await computeClient(ctx, input.region)
  const compartmentId = compartmentFor(ctx, input.compartment_id, signer)
  const needle = input.display_name_contains?.toLowerCase()
  const { page, fields, markdownNote } = await compartmentListing(ctx, input, {
    compartmentId,
    tenancyId: signer.tenancyId,
    region,
    what: 'instances',
    list: async (id, p) => {
      const r = await client.listInstances({ compartmentId: id, lifecycleState: input.lifecycle_state, ...p })
      // OCI filters display names by exact match only; "contains" is applied here, page by page.
      return needle
        ? { ...r, items: r.items.filter((i) => (i.displayName ?? '').toLowerCase().includes(needle)) }
        : r
    },
    map: summary,
  })
  const data = { compartment_id: compartmentId, instances: page.items, ...fields, ...pageFields(page) }
  const filters = [
    input.lifecycle_state && `state ${input.lifecycle_state}`,
    needle && `name contains “${input.display_name_contains}”`,
  ].filter(Boolean)
  const table = mdTable(page.items, [
    ['display_name', 'Name'],
    ...(fields.compartment_id_in_subtree
      ? [['compartment_name', 'Compartment'] as ['compartment_name', string]]
      : []),
    ['lifecycle_state', 'State'],
    ['shape', 'Shape'],
    ['ocpus', 'OCPUs'],
    ['memory_in_gbs', 'Memory (GB)'],
    ['fault_domain', 'Fault domain'],
    ['id', 'OCID'],
  ])
  const where = fields.compartment_id_in_subtree ? ' and its sub-compartments' : ''
  const title = `## Instances in \`${compartmentId}\`${where}${filters.length ? ` (${filters.join(', ')})` : ''}`
  return { data, markdown: `${title}\n\n${table}${markdownNote}${pageFooter(data, page.items.length)}` }
})

/** A coded read failure that leaves a gap in an answer (anything but a passed deadline, which ends the call). */
const gapOf = (error: unknown): McpFunctionsError | undefined =>
  isMcpFunctionsError(error) && error.code !== 'ERR_DEADLINE_EXCEEDED' ? error : undefined

/**
 * The VNICs attached to an instance, each read for its IPs, subnet and NSGs. A listing or a VNIC that cannot be
 * read is noted in `unread` instead of failing the answer: the instance itself was read.
 */
async function instanceVnics(ctx: ToolContext, instance: models.Instance, region?: string) {
  const { client: compute } = await computeClient(ctx, region)
  const { client: network } = await networkClient(ctx, region)
  const unread: string[] = []
  const attachments: models.VnicAttachment[] = []
  let page: string | undefined
  try {
    do {
      const r = await ociCall(ctx, `Listing the VNIC attachments of instance ${instance.id}`, () =>
        compute.listVnicAttachments({ compartmentId: instance.compartmentId, instanceId: instance.id, page }),
      )
      attachments.push(...r.items)
      page = r.opcNextPage
    } while (page)
  } catch (error) {
    const gap = gapOf(error)
    if (!gap) throw error
    unread.push(`VNIC attachments (${gap.code}): ${gap.message}`)
    return { vnics: [], unread }
  }
  const attached = attachments.filter((a) => a.vnicId && String(a.lifecycleState) === 'ATTACHED')
  const read = await Promise.all(
    attached.map(async (a) => {
      let vnic: models.Vnic
      try {
        ;({ vnic } = await ociCall(ctx, `Reading VNIC ${a.vnicId}`, () =>
          network.getVnic({ vnicId: a.vnicId as string }),
        ))
      } catch (error) {
        const gap = gapOf(error)
        if (!gap) throw error
        unread.push(`VNIC ${a.vnicId} (${gap.code}): ${gap.message}`)
        return undefined
      }
      return defined({
        vnic_id: vnic.id,
        attachment_id: a.id,
        display_name: vnic.displayName,
        is_primary: vnic.isPrimary,
        private_ip: vnic.privateIp,
        public_ip: vnic.publicIp,
        ipv6_addresses: vnic.ipv6Addresses ?? [],
        hostname_label: vnic.hostnameLabel,
        mac_address: vnic.macAddress,
        subnet_id: vnic.subnetId ?? a.subnetId,
        nsg_ids: vnic.nsgIds ?? [],
        lifecycle_state: String(vnic.lifecycleState),
      })
    }),
  )
  return { vnics: read.flatMap((v) => (v ? [v] : [])), unread }
}

/** GetInstance alone (no VNICs): the raw SDK model, for callers that need only state or compartment. */
export async function readInstance(ctx: ToolContext, instanceId: string, region?: string) {
  const { client } = await computeClient(ctx, region)
  const r = await ociCall(ctx, `Reading instance ${instanceId}`, () => client.getInstance({ instanceId }))
  return r.instance
}

/** An instance with its VNICs, private and public IPs, shape configuration and NSGs. */
export async function getInstanceDetails(
  ctx: ToolContext,
  instanceId: string,
  region?: string,
): Promise<InstanceDetails> {
  const i = await readInstance(ctx, instanceId, region)
  const { vnics, unread } = await instanceVnics(ctx, i, region)
  // Primary VNIC first, so its address leads the IP lists.
  vnics.sort((a, b) => Number(b.is_primary ?? false) - Number(a.is_primary ?? false))
  const sc = i.shapeConfig
  return defined({
    id: i.id,
    display_name: i.displayName,
    compartment_id: i.compartmentId,
    region: i.region,
    availability_domain: i.availabilityDomain,
    fault_domain: i.faultDomain,
    lifecycle_state: String(i.lifecycleState),
    shape: i.shape,
    shape_config: sc
      ? defined({
          ocpus: sc.ocpus,
          vcpus: sc.vcpus,
          memory_in_gbs: sc.memoryInGBs,
          networking_bandwidth_in_gbps: sc.networkingBandwidthInGbps,
          baseline_ocpu_utilization: sc.baselineOcpuUtilization,
          processor_description: sc.processorDescription,
          gpus: sc.gpus,
        })
      : undefined,
    image_id: i.imageId ?? undefined,
    launch_mode: i.launchMode,
    time_created: isoTime(i.timeCreated),
    monitoring_enabled:
      i.agentConfig?.isMonitoringDisabled === undefined || i.agentConfig.isMonitoringDisabled === null
        ? undefined
        : !i.agentConfig.isMonitoringDisabled,
    freeform_tags: i.freeformTags ?? {},
    vnics,
    private_ips: vnics.flatMap((v) => (v.private_ip ? [v.private_ip] : [])),
    public_ips: vnics.flatMap((v) => (v.public_ip ? [v.public_ip] : [])),
    nsg_ids: [...new Set(vnics.flatMap((v) => v.nsg_ids))],
    ...(unread.length ? { not_read: unread } : {}),
  })
}

export function instanceMarkdown(d: InstanceDetails): string {
  const sc = d.shape_config
  const shape = sc
    ? `${d.shape} (${[sc.ocpus && `${sc.ocpus} OCPU`, sc.memory_in_gbs && `${sc.memory_in_gbs} GB`, sc.networking_bandwidth_in_gbps && `${sc.networking_bandwidth_in_gbps} Gbps`].filter(Boolean).join(', ')})`
    : d.shape
  const head = mdFields([
    ['State', d.lifecycle_state],
    ['Shape', shape],
    ['Availability domain', d.availability_domain],
    ['Fault domain', d.fault_domain],
    ['Private IPs', d.private_ips.join(', ')],
    ['Public IPs', d.public_ips.join(', ') || 'none'],
    ['NSGs', d.nsg_ids.join(', ') || 'none'],
    [
      'Monitoring',
      d.monitoring_enabled === undefined ? undefined : d.monitoring_enabled ? 'enabled' : 'disabled',
    ],
    ['Created', d.time_created],
    ['OCID', d.id],
    ['Compartment', d.compartment_id],
  ])
  const rows = d.vnics.map((v) => ({
    ...v,
    primary: v.is_primary ? 'yes' : 'no',
    nsgs: v.nsg_ids.length ? v.nsg_ids.join(', ') : undefined,
  }))
  const vnics = mdTable(rows, [
    ['display_name', 'VNIC'],
    ['primary', 'Primary'],
    ['private_ip', 'Private IP'],
    ['public_ip', 'Public IP'],
    ['subnet_id', 'Subnet'],
    ['nsgs', 'NSGs'],
  ])
  const gaps = d.not_read?.length
    ? `\n\n**Not read** (the IPs and NSGs above may be incomplete):\n${d.not_read.map((g) => `- ${g}`).join('\n')}`
    : ''
  return `## Instance ${d.display_name ?? d.id}\n\n${head}\n\n### VNICs\n\n${vnics}${gaps}`
}

export const getInstanceTool = implement(getInstance, async (input, ctx) => {
  const data = await getInstanceDetails(ctx, input.instance_id, input.region)
  return { data, markdown: instanceMarkdown(data) }
})
