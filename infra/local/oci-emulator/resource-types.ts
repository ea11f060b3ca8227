// The resource types a policy statement may name; a new OCI service adds its rows here and nothing else.

/**
 * One row per individual resource type, with the aggregate families that include it (OCI's
 * "Details for <service>" pages list both). `all-resources` covers every row implicitly.
 */
export const RESOURCE_TYPES: ReadonlyArray<{ type: string; families: readonly string[] }> = [
  // Object Storage
  { type: 'objectstorage-namespaces', families: ['object-family'] },
  { type: 'buckets', families: ['object-family'] },
  { type: 'objects', families: ['object-family'] },
  // IAM: these belong to no family, only to all-resources
  { type: 'tenancies', families: [] },
  { type: 'compartments', families: [] },
  { type: 'users', families: [] },
  { type: 'groups', families: [] },
  { type: 'dynamic-groups', families: [] },
  { type: 'policies', families: [] },
  // Core Services: Compute ("Details for the Core Services")
  { type: 'instances', families: ['instance-family'] },
  { type: 'instance-images', families: ['instance-family'] },
  { type: 'console-histories', families: ['instance-family'] },
  { type: 'instance-console-connection', families: ['instance-family'] },
  { type: 'app-catalog-listing', families: ['instance-family'] },
  // Core Services: Networking
  { type: 'vcns', families: ['virtual-network-family'] },
  { type: 'subnets', families: ['virtual-network-family'] },
  { type: 'route-tables', families: ['virtual-network-family'] },
  { type: 'security-lists', families: ['virtual-network-family'] },
  { type: 'network-security-groups', families: ['virtual-network-family'] },
  { type: 'vnics', families: ['virtual-network-family'] },
  { type: 'vnic-attachments', families: ['virtual-network-family'] },
  { type: 'private-ips', families: ['virtual-network-family'] },
  { type: 'public-ips', families: ['virtual-network-family'] },
  { type: 'internet-gateways', families: ['virtual-network-family'] },
  { type: 'nat-gateways', families: ['virtual-network-family'] },
  { type: 'service-gateways', families: ['virtual-network-family'] },
  { type: 'dhcp-options', families: ['virtual-network-family'] },
  // Database ("Details for the Database Service", "Policy Details for Autonomous Database")
  { type: 'db-systems', families: ['database-family'] },
  { type: 'db-nodes', families: ['database-family'] },
  { type: 'db-homes', families: ['database-family'] },
  { type: 'databases', families: ['database-family'] },
  { type: 'backups', families: ['database-family'] },
  { type: 'autonomous-databases', families: ['autonomous-database-family'] },
  { type: 'autonomous-backups', families: ['autonomous-database-family'] },
  // Cloud Guard
  { type: 'cloud-guard-problems', families: ['cloud-guard-family'] },
  { type: 'cloud-guard-detector-recipes', families: ['cloud-guard-family'] },
  { type: 'cloud-guard-targets', families: ['cloud-guard-family'] },
  // Monitoring ("Details for Monitoring"): no aggregate family
  { type: 'metrics', families: [] },
  { type: 'alarms', families: [] },
  // Logging ("Details for Logging"); SearchLogs needs `read log-content`
  { type: 'log-groups', families: ['logging-family'] },
  { type: 'log-content', families: ['logging-family'] },
  { type: 'unified-configuration', families: ['logging-family'] },
  // Usage API / Cost Analysis: `read usage-report in tenancy`
  { type: 'usage-report', families: [] },
]

export const ALL_RESOURCES = 'all-resources'

const families = new Map<string, Set<string>>()
for (const row of RESOURCE_TYPES) {
  for (const family of row.families) {
    if (!families.has(family)) families.set(family, new Set())
    families.get(family)!.add(row.type)
  }
}
const individual = new Set(RESOURCE_TYPES.map((row) => row.type))

/** Whether a statement may name this type (an individual type, a family, or all-resources). */
export function isKnownResourceType(name: string): boolean {
  return name === ALL_RESOURCES || individual.has(name) || families.has(name)
}

/** Whether a statement naming `granted` covers a request for the individual type `requested`. */
export function resourceTypeCovers(granted: string, requested: string): boolean {
  if (granted === ALL_RESOURCES || granted === requested) return true
  return families.get(granted)?.has(requested) ?? false
}
