// The seeded development tenancy shared by the local identity domain and the OCI emulator.
// Identifiers follow the anonymized shapes of ../shared/fixtures; secrets are never here:
// passwords and client secrets are generated per data directory on first start.

const pad = (s: string) => s.padEnd(60, 'x')

export const TENANCY_ID = `ocid1.tenancy.oc1..${pad('aaaaaaaaexampletenancy')}`
export const DOMAIN_ID = `ocid1.domain.oc1..${pad('aaaaaaaaexampledomain')}`
export const IDCS_TENANT = 'idcs-0a1b2c3d4e5f40718293a4b5c6d7e8f9'
export const REGION = 'us-ashburn-1'
export const NAMESPACE = 'examplens'

export const compartmentId = (slug: string) => `ocid1.compartment.oc1..${pad(`aaaaaaaa${slug}`)}`
export const userId = (slug: string) => `ocid1.user.oc1..${pad(`aaaaaaaa${slug}`)}`

export interface SeedCompartment {
  id: string
  name: string
  description: string
  parentId: string
}

export const compartments: SeedCompartment[] = [
  {
    id: compartmentId('platform'),
    name: 'platform',
    description: 'Shared platform services',
    parentId: TENANCY_ID,
  },
  {
    id: compartmentId('platformprod'),
    name: 'prod',
    description: 'Production',
    parentId: compartmentId('platform'),
  },
  {
    id: compartmentId('platformdev'),
    name: 'dev',
    description: 'Development',
    parentId: compartmentId('platform'),
  },
  {
    id: compartmentId('finance'),
    name: 'finance',
    description: 'Finance applications',
    parentId: TENANCY_ID,
  },
  { id: compartmentId('sandbox'), name: 'sandbox', description: 'Experiments', parentId: TENANCY_ID },
]

export interface SeedUser {
  /** IDCS user name; the `sub` of a user access token. */
  userName: string
  displayName: string
  email: string
  /** OCI IAM user OCID; the `sub` of the UPST the exchange issues. */
  ocid: string
  /** IDCS user id (the `user_id` claim). */
  idcsId: string
  /** Scopes the development identity domain grants this user. */
  scopes: string[]
  /** OCI IAM groups; the emulator's policy table speaks of these. */
  groups: string[]
}

export const users: SeedUser[] = [
  {
    userName: 'alice@example.com',
    displayName: 'Alice Operator',
    email: 'alice@example.com',
    ocid: userId('alice'),
    idcsId: 'a11ce00b1a2430c9d8e7f6a5b4c3d2e0',
    scopes: ['oci-mcp.read', 'oci-mcp.write'],
    groups: ['PlatformAdmins'],
  },
  {
    userName: 'bob@example.com',
    displayName: 'Bob Analyst',
    email: 'bob@example.com',
    ocid: userId('bob'),
    idcsId: 'b0b00000b1a2430c9d8e7f6a5b4c3d2e',
    scopes: ['oci-mcp.read'],
    groups: ['FinanceReaders'],
  },
]

/** The user the local stack's own API key (config-file signer) belongs to. */
export const operator = {
  name: 'local-operator',
  ocid: userId('localoperator'),
  groups: ['PlatformAdmins'],
}

export interface SeedObject {
  name: string
  content: string
  contentType?: string
}

export interface SeedBucket {
  name: string
  compartmentId: string
  objects: SeedObject[]
  /** Generated objects `<prefix>NNNN.json`, enough to need several pages. */
  generated?: { prefix: string; count: number }
  objectEventsEnabled?: boolean
}

export const buckets: SeedBucket[] = [
  {
    name: 'platform-config',
    compartmentId: compartmentId('platform'),
    objects: [
      {
        name: 'README.md',
        content: '# platform-config\n\nShared configuration for the platform team.\n',
        contentType: 'text/markdown',
      },
      {
        name: 'env/prod.json',
        content: '{"replicas": 3, "region": "us-ashburn-1"}\n',
        contentType: 'application/json',
      },
      {
        name: 'env/dev.json',
        content: '{"replicas": 1, "region": "us-ashburn-1"}\n',
        contentType: 'application/json',
      },
      {
        name: 'scripts/bootstrap.sh',
        content: '#!/bin/sh\necho "bootstrapping"\n',
        contentType: 'text/x-shellscript',
      },
    ],
  },
  {
    name: 'app-logs',
    compartmentId: compartmentId('platformprod'),
    objects: [],
    generated: { prefix: 'logs/2026/11/', count: 1200 },
  },
  {
    name: 'finance-reports',
    compartmentId: compartmentId('finance'),
    objects: [
      {
        name: 'q3-summary.csv',
        content: 'service,cost\ncompute,1234.50\nstorage,321.00\n',
        contentType: 'text/csv',
      },
    ],
  },
  {
    name: 'events-inbox',
    compartmentId: compartmentId('sandbox'),
    objects: [
      { name: 'incoming/report.csv', content: 'region,cost\nus-ashburn-1,42.00\n', contentType: 'text/csv' },
    ],
    objectEventsEnabled: true,
  },
  { name: 'events-results', compartmentId: compartmentId('sandbox'), objects: [] },
]

export const subscribedRegions = [
  { regionKey: 'IAD', regionName: 'us-ashburn-1', status: 'READY', isHomeRegion: true },
  { regionKey: 'PHX', regionName: 'us-phoenix-1', status: 'READY', isHomeRegion: false },
  { regionKey: 'FRA', regionName: 'eu-frankfurt-1', status: 'READY', isHomeRegion: false },
]
