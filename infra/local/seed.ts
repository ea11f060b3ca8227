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
  // The OAuth facade's single-use markers (functions/oauth/single-use.ts).
  { name: 'oauth-state', compartmentId: compartmentId('sandbox'), objects: [] },
]

export const subscribedRegions = [
  { regionKey: 'IAD', regionName: 'us-ashburn-1', status: 'READY', isHomeRegion: true },
  { regionKey: 'PHX', regionName: 'us-phoenix-1', status: 'READY', isHomeRegion: false },
  { regionKey: 'FRA', regionName: 'eu-frankfurt-1', status: 'READY', isHomeRegion: false },
]

// ── Issue 4: the rest of the seeded tenancy. Identifiers are stable so tests and tools can name them. ──

export const instanceId = (slug: string) => `ocid1.instance.oc1.iad.${pad(`anuwcljr${slug}`)}`

export interface SeedInstance {
  id: string
  displayName: string
  compartmentId: string
  shape: string
  ocpus: number
  memoryInGBs: number
  lifecycleState: 'RUNNING' | 'STOPPED' | 'PROVISIONING' | 'TERMINATED'
  /** Which story the instance's metrics tell: steady, or pegged CPU with memory pressure. */
  health: 'healthy' | 'cpu-saturated' | 'stopped'
  subnet: string
  privateIp: string
  publicIp?: string
  nsgs?: string[]
}

export const instances: SeedInstance[] = [
  {
    id: instanceId('web1'),
    displayName: 'web-1',
    compartmentId: compartmentId('platformprod'),
    shape: 'VM.Standard.E4.Flex',
    ocpus: 2,
    memoryInGBs: 16,
    lifecycleState: 'RUNNING',
    health: 'healthy',
    subnet: 'public',
    privateIp: '10.0.1.10',
    publicIp: '129.213.10.11',
    nsgs: ['web'],
  },
  {
    id: instanceId('web2'),
    displayName: 'web-2',
    compartmentId: compartmentId('platformprod'),
    shape: 'VM.Standard.E4.Flex',
    ocpus: 2,
    memoryInGBs: 16,
    lifecycleState: 'RUNNING',
    health: 'healthy',
    subnet: 'public',
    privateIp: '10.0.1.11',
    publicIp: '129.213.10.12',
    nsgs: ['web'],
  },
  // The unhealthy one: CPU ~97% for the last 2 hours, memory ~92%, a FIRING alarm, and SSH open to the world.
  {
    id: instanceId('batch1'),
    displayName: 'batch-worker-1',
    compartmentId: compartmentId('platformprod'),
    shape: 'VM.Standard.E4.Flex',
    ocpus: 4,
    memoryInGBs: 32,
    lifecycleState: 'RUNNING',
    health: 'cpu-saturated',
    subnet: 'public',
    privateIp: '10.0.1.20',
    publicIp: '129.213.10.20',
  },
  {
    id: instanceId('db1'),
    displayName: 'app-db-1',
    compartmentId: compartmentId('platformprod'),
    shape: 'VM.Standard3.Flex',
    ocpus: 4,
    memoryInGBs: 64,
    lifecycleState: 'RUNNING',
    health: 'healthy',
    subnet: 'private',
    privateIp: '10.0.2.30',
  },
  {
    id: instanceId('dev1'),
    displayName: 'dev-sandbox-1',
    compartmentId: compartmentId('platformdev'),
    shape: 'VM.Standard.A1.Flex',
    ocpus: 1,
    memoryInGBs: 6,
    lifecycleState: 'STOPPED',
    health: 'stopped',
    subnet: 'private',
    privateIp: '10.0.2.40',
  },
]
/** Enough extra instances in platform/dev that listing them needs paging (names dev-build-NN). */
export const generatedDevInstances = 60

export const network = {
  vcn: { cidr: '10.0.0.0/16', displayName: 'platform-vcn', compartmentId: compartmentId('platform') },
  subnets: [
    { slug: 'public', displayName: 'public-subnet', cidr: '10.0.1.0/24', public: true },
    { slug: 'private', displayName: 'private-subnet', cidr: '10.0.2.0/24', public: false },
  ],
  /** Ingress rules of the public subnet's security list; 22 and 3389 open to the world are the findings. */
  publicIngress: [
    { protocol: '6', source: '0.0.0.0/0', port: 443 },
    { protocol: '6', source: '0.0.0.0/0', port: 22 },
    { protocol: '6', source: '0.0.0.0/0', port: 3389 },
    { protocol: '6', source: '10.0.0.0/16', port: 5432 },
  ],
  /** The `web` network security group: 80/443 from anywhere (expected for web), 6379 (Redis) from anywhere (a finding). */
  webNsgIngress: [
    { protocol: '6', source: '0.0.0.0/0', port: 80 },
    { protocol: '6', source: '0.0.0.0/0', port: 443 },
    { protocol: '6', source: '0.0.0.0/0', port: 6379 },
  ],
}

export const autonomousDatabases = [
  {
    slug: 'salesadw',
    dbName: 'SALESADW',
    displayName: 'sales-adw',
    workload: 'DW',
    state: 'AVAILABLE',
    cpuCoreCount: 2,
    storageTbs: 1,
    compartmentId: compartmentId('finance'),
    health: 'healthy',
  },
  // The unhealthy one: CPU ~95%, storage 91% used, failed logins in Logging, a FIRING alarm.
  {
    slug: 'ordersatp',
    dbName: 'ORDERSATP',
    displayName: 'orders-atp',
    workload: 'OLTP',
    state: 'AVAILABLE',
    cpuCoreCount: 1,
    storageTbs: 1,
    compartmentId: compartmentId('platformprod'),
    health: 'stressed',
  },
  {
    slug: 'devatp',
    dbName: 'DEVATP',
    displayName: 'dev-atp',
    workload: 'OLTP',
    state: 'STOPPED',
    cpuCoreCount: 1,
    storageTbs: 1,
    compartmentId: compartmentId('platformdev'),
    health: 'stopped',
  },
] as const

/**
 * Daily usage for the last 90 days, per service and compartment, with weekly rhythm and small noise;
 * one spike: Compute in platform/prod on the day `costSpike.daysAgo` before today, at `costSpike.factor` × normal.
 */
export const usageServices = [
  { service: 'Compute', dailyCost: 120, compartment: 'platformprod' },
  { service: 'Block Storage', dailyCost: 35, compartment: 'platformprod' },
  { service: 'Object Storage', dailyCost: 12, compartment: 'platform' },
  { service: 'Database', dailyCost: 80, compartment: 'finance' },
  { service: 'Networking', dailyCost: 9, compartment: 'platform' },
] as const
export const costSpike = { service: 'Compute', compartment: 'platformprod', daysAgo: 6, factor: 4.2 }

/** Extra IAM for the security group: one over-broad policy and one reasonable one (besides the emulator's own). */
export const extraPolicies = [
  {
    name: 'contractors-policy',
    compartmentId: TENANCY_ID,
    statements: ['Allow group Contractors to manage all-resources in tenancy'],
  },
  {
    name: 'network-admins',
    compartmentId: TENANCY_ID,
    statements: ['Allow group NetworkAdmins to manage virtual-network-family in compartment platform'],
  },
]

export const cloudGuardProblems = [
  {
    slug: 'sshopen',
    detector: 'CONFIGURATION',
    rule: 'SECURITY_LIST_OPEN_SOURCE',
    risk: 'HIGH',
    resource: 'public-subnet security list',
    compartment: 'platform',
  },
  {
    slug: 'bucketpublic',
    detector: 'CONFIGURATION',
    rule: 'BUCKET_IS_PUBLIC',
    risk: 'CRITICAL',
    resource: 'app-logs',
    compartment: 'platformprod',
  },
  {
    slug: 'mfa',
    detector: 'CONFIGURATION',
    rule: 'USER_WITHOUT_MFA',
    risk: 'MEDIUM',
    resource: 'bob@example.com',
    compartment: 'tenancy',
  },
]

/** Oracle Integration: integrations with message counts, and errored instances to list and resubmit. */
export const oicIntegrations = [
  {
    code: 'ORDER_SYNC',
    version: '01.00.0000',
    name: 'Order Sync',
    received: 1840,
    processed: 1802,
    errored: 38,
  },
  {
    code: 'INVOICE_EXPORT',
    version: '02.01.0000',
    name: 'Invoice Export',
    received: 620,
    processed: 620,
    errored: 0,
  },
  { code: 'HR_FEED', version: '01.03.0000', name: 'HR Feed', received: 96, processed: 90, errored: 6 },
]
