// compute_list_shapes and compute_list_images: what an instance can be launched with.
import { requests } from 'oci-core'
import { mdTable, pageFooter } from '../core/format.ts'
import { ociListPage } from '../core/oci-paging.ts'
import { implement } from '../core/tool-runner.ts'
import { compartmentFor, defined, isoTime, pageFields } from '../core/values.ts'
import { listImages, listShapes } from './catalog.ts'
import { computeClient } from './clients.ts'

const range = (min?: number | null, max?: number | null) =>
  min === undefined && max === undefined ? undefined : defined({ min, max })

export const listShapesTool = implement(listShapes, async (input, ctx) => {
  const { client, signer } = await computeClient(ctx, input.region)
  const compartmentId = compartmentFor(ctx, input.compartment_id, signer)
  const page = await ociListPage(
    ctx,
    input,
    `Listing shapes in ${compartmentId}`,
    (p) =>
      client.listShapes({
        compartmentId,
        availabilityDomain: input.availability_domain,
        ...p,
      }),
    (s) =>
      defined({
        shape: s.shape,
        processor_description: s.processorDescription,
        is_flexible: s.isFlexible,
        ocpus: s.ocpus,
        memory_in_gbs: s.memoryInGBs,
        ocpu_range: range(s.ocpuOptions?.min, s.ocpuOptions?.max),
        memory_range_gbs: range(s.memoryOptions?.minInGBs, s.memoryOptions?.maxInGBs),
        networking_bandwidth_in_gbps: s.networkingBandwidthInGbps,
        gpus: s.gpus,
        billing_type: s.billingType,
      }),
  )
  const data = { compartment_id: compartmentId, shapes: page.items, ...pageFields(page) }
  const span = (r?: { min?: number; max?: number }) => (r ? `${r.min ?? '?'}–${r.max ?? '?'}` : undefined)
  const rows = page.items.map((s) => ({
    ...s,
    flexible: s.is_flexible ? 'yes' : 'no',
    ocpu: s.is_flexible ? span(s.ocpu_range) : s.ocpus,
    memory: s.is_flexible ? span(s.memory_range_gbs) : s.memory_in_gbs,
  }))
  const table = mdTable(rows, [
    ['shape', 'Shape'],
    ['flexible', 'Flexible'],
    ['ocpu', 'OCPUs'],
    ['memory', 'Memory (GB)'],
    ['networking_bandwidth_in_gbps', 'Network (Gbps)'],
    ['gpus', 'GPUs'],
    ['processor_description', 'Processor'],
  ])
  const where = input.availability_domain ? ` in ${input.availability_domain}` : ''
  return {
    data,
    markdown: `## Shapes for \`${compartmentId}\`${where}\n\n${table}${pageFooter(data, page.items.length)}`,
  }
})

export const listImagesTool = implement(listImages, async (input, ctx) => {
  const { client, signer } = await computeClient(ctx, input.region)
  const compartmentId = compartmentFor(ctx, input.compartment_id, signer)
  const page = await ociListPage(
    ctx,
    input,
    `Listing images in ${compartmentId}`,
    (p) =>
      client.listImages({
        compartmentId,
        operatingSystem: input.operating_system,
        operatingSystemVersion: input.operating_system_version,
        sortBy: requests.ListImagesRequest.SortBy.Timecreated,
        sortOrder: requests.ListImagesRequest.SortOrder.Desc,
        ...p,
      }),
    (i) =>
      defined({
        id: i.id,
        display_name: i.displayName,
        operating_system: i.operatingSystem,
        operating_system_version: i.operatingSystemVersion,
        lifecycle_state: String(i.lifecycleState),
        size_in_mbs: i.sizeInMBs,
        launch_mode: i.launchMode,
        time_created: isoTime(i.timeCreated),
      }),
  )
  const data = { compartment_id: compartmentId, images: page.items, ...pageFields(page) }
  const table = mdTable(page.items, [
    ['display_name', 'Image'],
    ['operating_system', 'OS'],
    ['operating_system_version', 'Version'],
    ['lifecycle_state', 'State'],
    ['time_created', 'Created'],
    ['id', 'OCID'],
  ])
  const os = input.operating_system
    ? ` (${input.operating_system}${input.operating_system_version ? ` ${input.operating_system_version}` : ''})`
    : ''
  return {
    data,
    markdown: `## Images for \`${compartmentId}\`${os}\n\n${table}${pageFooter(data, page.items.length)}`,
  }
})
