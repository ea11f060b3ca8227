// Compute tools as the router sees them: instances, their power actions and metrics, shapes and images; no SDK code.
import { z } from 'zod'
import {
  compartmentField,
  cursorField,
  defineTool,
  type GroupCatalog,
  limitField,
  pageInfo,
  regionField,
  responseFormat,
} from '../core/catalog.ts'
import { rowCompartment, subtreeField, subtreeOutput } from '../core/subtree-fields.ts'

/** Longest metrics window: OCI Monitoring keeps 90 days of data. */
export const METRICS_MAX_DAYS = 90
/** Most points per metric series; the interval is chosen so a window stays under it. */
export const METRICS_MAX_POINTS = 300

export const instanceStates = [
  'MOVING',
  'PROVISIONING',
  'RUNNING',
  'STARTING',
  'STOPPING',
  'STOPPED',
  'CREATING_IMAGE',
  'TERMINATING',
  'TERMINATED',
] as const
export const instanceActions = ['START', 'STOP', 'SOFTSTOP', 'SOFTRESET', 'RESET'] as const
export const metricNames = ['cpu', 'memory', 'network_in', 'network_out'] as const

const readOnly = { readOnlyHint: true, idempotentHint: true, openWorldHint: true } as const
const isoTime = z.string().describe('ISO 8601 time.')
const instanceId = z
  .string()
  .regex(/^ocid1\.instance\.[a-z0-9-]+\.[a-z0-9-]*(\.[a-z0-9-]+)?\.[a-z0-9]+$/, 'an instance OCID')
  .describe('Instance OCID (ocid1.instance.…), e.g. from compute_list_instances.')
const isoInput = z.iso.datetime({ offset: true, message: 'an ISO 8601 time such as 2026-01-05T09:00:00Z' })

const instanceSummary = z.object({
  id: z.string(),
  display_name: z.string().optional(),
  lifecycle_state: z.string(),
  shape: z.string(),
  ocpus: z.number().optional(),
  memory_in_gbs: z.number().optional(),
  availability_domain: z.string().optional(),
  fault_domain: z.string().optional(),
  time_created: isoTime.optional(),
  ...rowCompartment,
})

export const listInstances = defineTool({
  name: 'compute_list_instances',
  title: 'List compute instances',
  description:
    'Lists the compute instances (VMs and bare metal) in one compartment (or, with compartment_id_in_subtree, in it and all its sub-compartments), with state, shape, OCPUs and memory. Filter by lifecycle_state and by part of the display name. Then use compute_get_instance for an instance’s IPs and network, or compute_get_instance_metrics for its CPU and memory. Paged: pass next_cursor back as cursor with the same arguments.',
  input: z.object({
    compartment_id: compartmentField,
    compartment_id_in_subtree: subtreeField,
    lifecycle_state: z
      .enum(instanceStates)
      .optional()
      .describe('Only instances in this state, e.g. RUNNING. Terminated instances stay listed for a while.'),
    display_name_contains: z
      .string()
      .min(1)
      .max(255)
      .optional()
      .describe('Only instances whose display name contains this text (case-insensitive).'),
    limit: limitField(1000, 50),
    cursor: cursorField,
    region: regionField,
    response_format: responseFormat,
  }),
  output: z.object({
    compartment_id: z.string(),
    instances: z.array(instanceSummary),
    ...subtreeOutput,
    ...pageInfo,
  }),
  access: 'read',
  annotations: readOnly,
})

const vnic = z.object({
  vnic_id: z.string(),
  attachment_id: z.string(),
  display_name: z.string().optional(),
  is_primary: z.boolean().optional(),
  private_ip: z.string().optional(),
  public_ip: z.string().optional().describe('Absent when the VNIC has no public IP.'),
  ipv6_addresses: z.array(z.string()),
  hostname_label: z.string().optional(),
  mac_address: z.string().optional(),
  subnet_id: z.string().optional(),
  nsg_ids: z.array(z.string()).describe('Network security groups this VNIC is in.'),
  lifecycle_state: z.string(),
})

export const instanceDetails = z.object({
  id: z.string(),
  display_name: z.string().optional(),
  compartment_id: z.string(),
  region: z.string().describe('Region of the instance as OCI names it (short code for some regions).'),
  availability_domain: z.string(),
  fault_domain: z.string().optional(),
  lifecycle_state: z.string(),
  shape: z.string(),
  shape_config: z
    .object({
      ocpus: z.number().optional(),
      vcpus: z.number().optional(),
      memory_in_gbs: z.number().optional(),
      networking_bandwidth_in_gbps: z.number().optional(),
      baseline_ocpu_utilization: z.string().optional(),
      processor_description: z.string().optional(),
      gpus: z.number().optional(),
    })
    .optional(),
  image_id: z.string().optional(),
  launch_mode: z.string().optional(),
  time_created: isoTime.optional(),
  monitoring_enabled: z
    .boolean()
    .optional()
    .describe('Whether the Oracle Cloud Agent publishes oci_computeagent metrics (CPU, memory, network).'),
  freeform_tags: z.record(z.string(), z.string()),
  vnics: z.array(vnic),
  private_ips: z.array(z.string()),
  public_ips: z.array(z.string()),
  nsg_ids: z.array(z.string()).describe('Every network security group of any of its VNICs.'),
  not_read: z
    .array(z.string())
    .optional()
    .describe('What could not be read (the VNIC listing, or a VNIC) and why; the network fields lack it.'),
})

export const getInstance = defineTool({
  name: 'compute_get_instance',
  title: 'Get a compute instance',
  description:
    'Returns one instance with its lifecycle state, shape configuration (OCPUs, memory, bandwidth), availability and fault domain, and its attached VNICs with private and public IPs, subnets and network security group ids. Never returns instance metadata (it may hold SSH keys or user data). Next: compute_get_instance_metrics for load, network_list_network_security_groups or network_analyze_exposure for what can reach it.',
  input: z.object({ instance_id: instanceId, region: regionField, response_format: responseFormat }),
  output: instanceDetails,
  access: 'read',
  annotations: readOnly,
})

export const instanceAction = defineTool({
  name: 'compute_instance_action',
  title: 'Start, stop or reset an instance',
  description:
    'Changes an instance’s power state. START boots a stopped instance; SOFTSTOP shuts the OS down gracefully (then powers off); STOP powers off at once (like pulling the plug: unsaved data is lost); SOFTRESET reboots the OS gracefully; RESET power-cycles at once. Prefer SOFTSTOP/SOFTRESET. Terminated instances are refused. The change takes a minute or more: the result gives the state OCI reported right away; follow it with compute_get_instance until it is RUNNING or STOPPED.',
  input: z.object({
    instance_id: instanceId,
    action: z
      .enum(instanceActions)
      .describe(
        'START, STOP (hard power off), SOFTSTOP (graceful shutdown), SOFTRESET (graceful reboot), RESET (hard reboot).',
      ),
    region: regionField,
    response_format: responseFormat,
  }),
  output: z.object({
    instance_id: z.string(),
    display_name: z.string().optional(),
    action: z.enum(instanceActions),
    previous_state: z.string().describe('Lifecycle state before the action.'),
    lifecycle_state: z.string().describe('Lifecycle state OCI reported after accepting the action.'),
    changed: z
      .boolean()
      .describe('False when the instance already was where the action leads; nothing sent.'),
    next_step: z.string().describe('What to do to see the action finish.'),
  }),
  access: 'write',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
})

const point = z.object({ timestamp: isoTime, value: z.number() })

export const getInstanceMetrics = defineTool({
  name: 'compute_get_instance_metrics',
  title: 'Get an instance’s CPU, memory and network metrics',
  description: `Reads an instance’s CPU and memory utilization (percent, mean per interval) and network bytes in/out (bytes per second) from OCI Monitoring (namespace oci_computeagent, published by the Oracle Cloud Agent). Give a window as last (e.g. 1h, 6h, 24h, 7d; default 6h) or as start and end; at most ${METRICS_MAX_DAYS} days. The interval is chosen so each series has at most ${METRICS_MAX_POINTS} points. Each metric has its points plus min, mean, max and latest; markdown shows only a compact summary, json every point. Use it to tell whether an instance is saturated; no data usually means the instance is stopped or its monitoring plugin is off.`,
  input: z.object({
    instance_id: instanceId,
    last: z
      .string()
      .regex(/^[1-9]\d{0,4}[mhd]$/, 'a duration such as 30m, 6h or 7d')
      .optional()
      .describe('Window ending now: minutes, hours or days, e.g. 30m, 1h, 6h, 24h, 7d. Default 6h.'),
    start: isoInput.optional().describe('Window start, ISO 8601 (instead of last).'),
    end: isoInput.optional().describe('Window end, ISO 8601; defaults to now. Only with start.'),
    metrics: z
      .array(z.enum(metricNames))
      .min(1)
      .optional()
      .describe('Which metrics: cpu, memory, network_in, network_out. Default: all four.'),
    region: regionField,
    response_format: responseFormat,
  }),
  output: z.object({
    instance_id: z.string(),
    display_name: z.string().optional(),
    lifecycle_state: z.string(),
    start: isoTime,
    end: isoTime,
    interval: z.string().describe('MQL interval of each point, e.g. 1m, 5m, 1h.'),
    metrics: z.array(
      z.object({
        name: z.enum(metricNames),
        metric: z.string().describe('OCI metric name, e.g. CpuUtilization.'),
        query: z.string().describe('The MQL query sent to Monitoring.'),
        unit: z.string(),
        points: z.array(point),
        min: z.number().optional(),
        mean: z.number().optional(),
        max: z.number().optional(),
        latest: point.optional(),
      }),
    ),
    observations: z.array(z.string()).describe('Notable facts, e.g. saturation or missing data.'),
  }),
  access: 'read',
  annotations: readOnly,
})

export const listShapes = defineTool({
  name: 'compute_list_shapes',
  title: 'List compute shapes',
  description:
    'Lists the compute shapes available in a compartment (optionally one availability domain): OCPUs, memory, networking, GPUs, and for flexible shapes the OCPU and memory ranges. Use it to choose or compare shapes. Paged: pass next_cursor back as cursor.',
  input: z.object({
    compartment_id: compartmentField,
    availability_domain: z
      .string()
      .regex(/^[A-Za-z0-9:_-]{1,100}$/, 'an availability domain name such as Uocm:US-ASHBURN-AD-1')
      .optional()
      .describe('Only shapes offered in this availability domain, e.g. Uocm:US-ASHBURN-AD-1.'),
    limit: limitField(1000, 100),
    cursor: cursorField,
    region: regionField,
    response_format: responseFormat,
  }),
  output: z.object({
    compartment_id: z.string(),
    shapes: z.array(
      z.object({
        shape: z.string(),
        processor_description: z.string().optional(),
        is_flexible: z.boolean().optional(),
        ocpus: z.number().optional(),
        memory_in_gbs: z.number().optional(),
        ocpu_range: z.object({ min: z.number().optional(), max: z.number().optional() }).optional(),
        memory_range_gbs: z.object({ min: z.number().optional(), max: z.number().optional() }).optional(),
        networking_bandwidth_in_gbps: z.number().optional(),
        gpus: z.number().optional(),
        billing_type: z.string().optional(),
      }),
    ),
    ...pageInfo,
  }),
  access: 'read',
  annotations: readOnly,
})

export const listImages = defineTool({
  name: 'compute_list_images',
  title: 'List compute images',
  description:
    'Lists the images (platform and custom) usable in a compartment, newest first, optionally only one operating system (e.g. "Oracle Linux", "Canonical Ubuntu", "Windows") and version. Paged: pass next_cursor back as cursor with the same arguments.',
  input: z.object({
    compartment_id: compartmentField,
    operating_system: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('Exact operating system name, e.g. "Oracle Linux" or "Canonical Ubuntu".'),
    operating_system_version: z
      .string()
      .min(1)
      .max(50)
      .optional()
      .describe('Exact operating system version, e.g. "9" or "22.04".'),
    limit: limitField(1000, 50),
    cursor: cursorField,
    region: regionField,
    response_format: responseFormat,
  }),
  output: z.object({
    compartment_id: z.string(),
    images: z.array(
      z.object({
        id: z.string(),
        display_name: z.string().optional(),
        operating_system: z.string(),
        operating_system_version: z.string(),
        lifecycle_state: z.string(),
        size_in_mbs: z.number().optional(),
        launch_mode: z.string().optional(),
        time_created: isoTime.optional(),
      }),
    ),
    ...pageInfo,
  }),
  access: 'read',
  annotations: readOnly,
})

export const catalog: GroupCatalog = {
  group: 'compute',
  title: 'OCI Compute',
  description:
    'Compute instances: list and inspect them (shape, VNICs, IPs, network security groups), read their CPU, memory and network metrics, start, stop and reboot them; and the shapes and images to launch with.',
  tools: [listInstances, getInstance, instanceAction, getInstanceMetrics, listShapes, listImages],
}
