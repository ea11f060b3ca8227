// Networking tools as the router sees them: VCNs, subnets, route tables, security lists, NSGs, exposure analysis.
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

const readOnly = { readOnlyHint: true, idempotentHint: true, openWorldHint: true } as const
const isoTime = z.string().describe('ISO 8601 time.')
const vcnId = z
  .string()
  .regex(/^ocid1\.vcn\.[a-z0-9-]+\.[a-z0-9-]*(\.[a-z0-9-]+)?\.[a-z0-9]+$/, 'a VCN OCID')
  .optional()
  .describe('Only resources of this VCN (ocid1.vcn.…), e.g. from network_list_vcns.')
const listInput = {
  compartment_id: compartmentField,
  vcn_id: vcnId,
  limit: limitField(1000, 100),
  cursor: cursorField,
  region: regionField,
  response_format: responseFormat,
}

const ruleRow = z.object({
  direction: z.enum(['INGRESS', 'EGRESS']),
  protocol: z.string().describe('TCP, UDP, ICMP, ICMPv6, all protocols, or protocol <n>.'),
  protocol_number: z.string().describe('As OCI writes it: all, 1, 6, 17, 58 …'),
  ports: z.string().describe('Destination ports: a port, min-max, or all.'),
  source_ports: z.string().optional(),
  peer: z
    .string()
    .describe('Source (ingress) or destination (egress): a CIDR, service CIDR label or NSG OCID.'),
  peer_type: z.string().describe('CIDR_BLOCK, SERVICE_CIDR_BLOCK or NETWORK_SECURITY_GROUP.'),
  stateless: z.boolean(),
  icmp: z.string().optional().describe('ICMP type and code, for ICMP rules.'),
  description: z.string().optional(),
  rule_id: z.string().optional().describe('NSG rules only.'),
  summary: z.string().describe('The rule in words, e.g. "allow TCP port 22 from 0.0.0.0/0".'),
})

export const listVcns = defineTool({
  name: 'network_list_vcns',
  title: 'List VCNs',
  description:
    'Lists the virtual cloud networks (VCNs) in a compartment (with compartment_id_in_subtree, also in all its sub-compartments) with their CIDR blocks, DNS label and default route table and security list. Next: network_list_subnets, network_list_security_lists or network_analyze_exposure with its vcn_id. Paged: pass next_cursor back as cursor.',
  input: z.object({
    compartment_id: compartmentField,
    compartment_id_in_subtree: subtreeField,
    limit: limitField(1000, 100),
    cursor: cursorField,
    region: regionField,
    response_format: responseFormat,
  }),
  output: z.object({
    compartment_id: z.string(),
    vcns: z.array(
      z.object({
        id: z.string(),
        display_name: z.string().optional(),
        cidr_blocks: z.array(z.string()),
        ipv6_cidr_blocks: z.array(z.string()),
        dns_label: z.string().optional(),
        lifecycle_state: z.string(),
        default_route_table_id: z.string().optional(),
        default_security_list_id: z.string().optional(),
        time_created: isoTime.optional(),
        ...rowCompartment,
      }),
    ),
    ...subtreeOutput,
    ...pageInfo,
  }),
  access: 'read',
  annotations: readOnly,
})

export const listSubnets = defineTool({
  name: 'network_list_subnets',
  title: 'List subnets',
  description:
    'Lists the subnets in a compartment (optionally of one VCN): CIDR, public or private (whether VNICs may have public IPs), route table and security lists. Paged: pass next_cursor back as cursor with the same arguments.',
  input: z.object(listInput),
  output: z.object({
    compartment_id: z.string(),
    subnets: z.array(
      z.object({
        id: z.string(),
        display_name: z.string().optional(),
        vcn_id: z.string(),
        cidr_block: z.string().optional(),
        ipv6_cidr_blocks: z.array(z.string()),
        public: z.boolean().describe('True unless the subnet prohibits public IPs on its VNICs.'),
        availability_domain: z.string().optional().describe('Absent for a regional subnet.'),
        route_table_id: z.string(),
        security_list_ids: z.array(z.string()),
        dns_label: z.string().optional(),
        lifecycle_state: z.string(),
      }),
    ),
    ...pageInfo,
  }),
  access: 'read',
  annotations: readOnly,
})

export const listRouteTables = defineTool({
  name: 'network_list_route_tables',
  title: 'List route tables',
  description:
    'Lists the route tables in a compartment (optionally of one VCN) with their rules: destination and target (internet gateway, NAT gateway, service gateway, DRG, private IP, local peering gateway). Use it to see why a subnet can or cannot reach the internet or on-premises. Paged: pass next_cursor back as cursor.',
  input: z.object(listInput),
  output: z.object({
    compartment_id: z.string(),
    route_tables: z.array(
      z.object({
        id: z.string(),
        display_name: z.string().optional(),
        vcn_id: z.string(),
        lifecycle_state: z.string(),
        rules: z.array(
          z.object({
            destination: z.string(),
            destination_type: z.string(),
            target_id: z.string(),
            target_type: z.string().describe('internet gateway, NAT gateway, service gateway, DRG, …'),
            description: z.string().optional(),
            summary: z.string(),
          }),
        ),
      }),
    ),
    ...pageInfo,
  }),
  access: 'read',
  annotations: readOnly,
})

export const listSecurityLists = defineTool({
  name: 'network_list_security_lists',
  title: 'List security lists',
  description:
    'Lists the security lists in a compartment (optionally of one VCN) with every ingress and egress rule written out (protocol, ports, source or destination, stateless). Security lists apply to every VNIC of the subnets that use them. To find risky rules directly, use network_analyze_exposure. Paged: pass next_cursor back as cursor.',
  input: z.object(listInput),
  output: z.object({
    compartment_id: z.string(),
    security_lists: z.array(
      z.object({
        id: z.string(),
        display_name: z.string(),
        vcn_id: z.string(),
        lifecycle_state: z.string(),
        ingress_rules: z.array(ruleRow),
        egress_rules: z.array(ruleRow),
      }),
    ),
    ...pageInfo,
  }),
  access: 'read',
  annotations: readOnly,
})

export const listNetworkSecurityGroups = defineTool({
  name: 'network_list_network_security_groups',
  title: 'List network security groups',
  description:
    'Lists the network security groups (NSGs) in a compartment (optionally of one VCN) with their security rules written out. NSGs apply to the VNICs placed in them (see nsg_ids in compute_get_instance). Paged: pass next_cursor back as cursor.',
  input: z.object({ ...listInput, limit: limitField(200, 25) }),
  output: z.object({
    compartment_id: z.string(),
    network_security_groups: z.array(
      z.object({
        id: z.string(),
        display_name: z.string().optional(),
        vcn_id: z.string(),
        lifecycle_state: z.string(),
        rules: z.array(ruleRow),
      }),
    ),
    ...pageInfo,
  }),
  access: 'read',
  annotations: readOnly,
})

const severity = z.enum(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'])
const holder = z.object({
  kind: z.enum(['security_list', 'network_security_group']),
  id: z.string(),
  name: z.string(),
  vcn_id: z.string().optional(),
  used_by: z
    .array(z.object({ id: z.string(), name: z.string().optional(), public: z.boolean().optional() }))
    .optional()
    .describe(
      'Subnets using the security list, or VNICs in the NSG; public when reachable from the internet. Absent when they could not be read.',
    ),
})

export const analyzeExposure = defineTool({
  name: 'network_analyze_exposure',
  title: 'Find network rules open to the internet',
  description:
    'Checks every ingress rule of the security lists and network security groups in a compartment (optionally one VCN; with compartment_id_in_subtree, in all its sub-compartments too) for traffic allowed from anywhere (0.0.0.0/0 or ::/0) to sensitive ports — SSH 22, RDP 3389, Telnet 23, SMB 445, databases (MySQL 3306, PostgreSQL 5432, Oracle 1521/1522, MongoDB 27017), Redis 6379, Elasticsearch 9200, memcached 11211, Docker 2375/2376, VNC 5900 — or to all ports and protocols. Port ranges that include such a port count. Each finding has a severity, the rule, where it is (security list or NSG, and the subnets or VNICs using it), why it matters and how to fix it. Web ports 80/443 and other world-open ports are listed as informational. ICMP is ignored. Read-only; fixing a rule is up to you.',
  input: z.object({
    compartment_id: compartmentField,
    compartment_id_in_subtree: subtreeField,
    vcn_id: vcnId.describe('Only this VCN (ocid1.vcn.…); default: every VCN in the compartment.'),
    region: regionField,
    response_format: responseFormat,
  }),
  output: z.object({
    compartment_id: z.string(),
    vcn_id: z.string().optional(),
    compartment_id_in_subtree: subtreeOutput.compartment_id_in_subtree,
    compartments_checked: z.number().int(),
    subtree_incomplete: subtreeOutput.subtree_incomplete,
    where_to_look: subtreeOutput.where_to_look,
    security_lists_checked: z.number().int(),
    network_security_groups_checked: z.number().int(),
    rules_checked: z.number().int().describe('Ingress rules examined.'),
    counts: z.object({
      CRITICAL: z.number().int(),
      HIGH: z.number().int(),
      MEDIUM: z.number().int(),
      LOW: z.number().int(),
    }),
    findings: z.array(
      z.object({
        severity,
        title: z.string(),
        holder,
        rule_ref: z.string().describe('“ingress rule N” of a security list, or “rule <id>” of an NSG.'),
        rule: z.string(),
        source: z.string(),
        protocol: z.string(),
        ports: z.string(),
        exposed: z.array(
          z.object({ port: z.number().int(), service: z.string(), transport: z.enum(['tcp', 'udp']) }),
        ),
        reachable_now: z
          .boolean()
          .optional()
          .describe('Whether a public subnet (or a VNIC with a public IP) uses the rule today.'),
        why: z.string(),
        fix: z.string(),
      }),
    ),
    informational: z.array(z.object({ holder, rule_ref: z.string(), rule: z.string(), note: z.string() })),
    gaps: z
      .array(z.string())
      .describe(
        'What could not be read (usually for lack of permission), so the analysis may be incomplete.',
      ),
  }),
  access: 'read',
  annotations: readOnly,
})

export const catalog: GroupCatalog = {
  group: 'network',
  title: 'OCI Networking',
  description:
    'Virtual cloud networks: VCNs, subnets, route tables, security lists and network security groups with their rules written out, and an analysis of rules that expose sensitive ports to the internet. Read-only.',
  tools: [
    listVcns,
    listSubnets,
    listRouteTables,
    listSecurityLists,
    listNetworkSecurityGroups,
    analyzeExposure,
  ],
}
