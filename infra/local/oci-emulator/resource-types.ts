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
