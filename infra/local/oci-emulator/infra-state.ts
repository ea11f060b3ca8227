// The durable state of Compute, Networking, Database and Cloud Guard: OCI model documents, kept as the wire shows them.

/**
 * One resource as its OCI model serializes it (camelCase keys, ISO timestamps). Handlers return these
 * documents as they are, so the store holds exactly what the wire carries; only lifecycle fields change.
 */
export interface OciDocument {
  id: string
  compartmentId: string
  lifecycleState: string
  displayName?: string
  timeCreated?: string
  [key: string]: unknown
}

/** A security rule of a network security group; the group's id is kept beside the model's fields. */
export interface NsgRuleDocument {
  networkSecurityGroupId: string
  rule: Record<string, unknown> & { id: string; direction: 'INGRESS' | 'EGRESS'; timeCreated: string }
}

/**
 * Kept at the top level of the emulator's state (EmulatorState extends Partial<InfraState>), so that
 * other services can read `state.instances` or `state.autonomousDatabases` without knowing this file.
 */
export interface InfraState {
  /** Bumped when the seeded shapes change; a data directory with another version is reseeded. */
  infraVersion: 1
  instances: OciDocument[]
  vnicAttachments: OciDocument[]
  vnics: OciDocument[]
  privateIps: OciDocument[]
  vcns: OciDocument[]
  subnets: OciDocument[]
  routeTables: OciDocument[]
  securityLists: OciDocument[]
  networkSecurityGroups: OciDocument[]
  networkSecurityGroupRules: NsgRuleDocument[]
  autonomousDatabases: OciDocument[]
  autonomousDatabaseBackups: OciDocument[]
  dbSystems: OciDocument[]
  backups: OciDocument[]
  problems: OciDocument[]
}
