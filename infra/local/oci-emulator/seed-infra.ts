// Seeds Compute, Networking, Database and Cloud Guard from ../seed.ts, plus the IAM the security story needs.
import * as seed from '../seed.ts'
import type { InfraState, NsgRuleDocument, OciDocument } from './infra-state.ts'
import type { Store } from './store.ts'

const INFRA_VERSION = 1 as const

const pad = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .padEnd(60, 'x')
const regional = (type: string, slug: string) => `ocid1.${type}.oc1.iad.${pad(`aaaaaaaa${slug}`)}`
const global = (type: string, slug: string) => `ocid1.${type}.oc1..${pad(`aaaaaaaa${slug}`)}`

/** Stable identifiers of the seeded resources, for tests and tools that need to name them. */
export const ids = {
  instance: (displayName: string) =>
    seed.instances.find((i) => i.displayName === displayName)?.id ?? seed.instanceId(slug(displayName)),
  vnic: (instanceDisplayName: string) => regional('vnic', `vnic${instanceDisplayName}`),
  vnicAttachment: (instanceDisplayName: string) => regional('vnicattachment', `att${instanceDisplayName}`),
  privateIp: (instanceDisplayName: string) => regional('privateip', `ip${instanceDisplayName}`),
  // The same identifiers seed-telemetry.ts falls back to, so metrics name these resources either way.
  vcn: `ocid1.vcn.oc1.iad.${'amaaaaaaplatformvcn'.padEnd(60, 'x')}`,
  subnet: (subnetSlug: string) => regional('subnet', `${subnetSlug}subnet`),
  routeTable: (rtSlug: 'default' | 'public' | 'private') => regional('routetable', `${rtSlug}rt`),
  securityList: (slSlug: 'default' | 'public') => regional('securitylist', `${slSlug}sl`),
  networkSecurityGroup: (nsgSlug: string) => regional('networksecuritygroup', `${nsgSlug}nsg`),
  internetGateway: regional('internetgateway', 'platformigw'),
  natGateway: regional('natgateway', 'platformnat'),
  serviceGateway: regional('servicegateway', 'platformsgw'),
  dhcpOptions: regional('dhcpoptions', 'platformdhcp'),
  image: (imageSlug: string) => regional('image', imageSlug),
  autonomousDatabase: (adbSlug: string) =>
    `ocid1.autonomousdatabase.oc1.iad.${`anuwcljr${adbSlug}`.padEnd(60, 'x')}`,
  autonomousDatabaseBackup: (adbSlug: string, n: number) =>
    regional('autonomousdatabasebackup', `${adbSlug}${n}`),
  dbSystem: regional('dbsystem', 'financedbcs'),
  dbHome: regional('dbhome', 'financedbhome'),
  database: regional('database', 'findb'),
  backup: (n: number) => regional('dbbackup', `findb${n}`),
  problem: (problemSlug: string) => regional('cloudguardproblem', problemSlug),
  cloudGuardTarget: regional('cloudguardtarget', 'roottarget'),
  group: (name: string) => global('group', name),
  policy: (name: string) => global('policy', name),
}

/** `dev-build-07`: the generated instances in platform/dev; every fourth one is stopped. */
export const devBuildName = (n: number) => `dev-build-${String(n).padStart(2, '0')}`
export const isDevBuildStopped = (n: number) => n % 4 === 0

function slug(name: string) {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '')
}

const SEED_TIME = Date.parse('2026-01-05T09:00:00.000Z')
const at = (minutes: number) => new Date(SEED_TIME + minutes * 60_000).toISOString()
const AD = (n: 1 | 2 | 3) => `fMgC:US-ASHBURN-AD-${n}`
const noTags = () => ({ definedTags: {}, freeformTags: {} as Record<string, string> })
const SSH_KEY = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC8examplekeyexamplekeyexamplekey opc@example'

// ── Platform catalogue: images and shapes are Oracle's, the same for every compartment. ──

interface PlatformImage {
  slug: string
  displayName: string
  operatingSystem: string
  operatingSystemVersion: string
  arch: 'x86_64' | 'aarch64'
  sizeInMBs: number
  timeCreated: string
}

const IMAGES: PlatformImage[] = [
  {
    slug: 'ol810',
    displayName: 'Oracle-Linux-8.10-2025.11.20-0',
    operatingSystem: 'Oracle Linux',
    operatingSystemVersion: '8',
    arch: 'x86_64',
    sizeInMBs: 47694,
    timeCreated: '2025-11-21T18:04:11.915Z',
  },
  {
    slug: 'ol96',
    displayName: 'Oracle-Linux-9.6-2025.11.20-0',
    operatingSystem: 'Oracle Linux',
    operatingSystemVersion: '9',
    arch: 'x86_64',
    sizeInMBs: 47694,
    timeCreated: '2025-11-21T18:10:43.002Z',
  },
  {
    slug: 'ol96aarch64',
    displayName: 'Oracle-Linux-9.6-aarch64-2025.11.20-0',
    operatingSystem: 'Oracle Linux',
    operatingSystemVersion: '9',
    arch: 'aarch64',
    sizeInMBs: 47694,
    timeCreated: '2025-11-21T18:12:30.447Z',
  },
  {
    slug: 'ubuntu2204',
    displayName: 'Canonical-Ubuntu-22.04-2025.11.17-0',
    operatingSystem: 'Canonical Ubuntu',
    operatingSystemVersion: '22.04',
    arch: 'x86_64',
    sizeInMBs: 51200,
    timeCreated: '2025-11-18T09:31:02.118Z',
  },
  {
    slug: 'win2022',
    displayName: 'Windows-Server-2022-Standard-Edition-VM-2025.11.12-0',
    operatingSystem: 'Windows',
    operatingSystemVersion: 'Server 2022 Standard',
    arch: 'x86_64',
    sizeInMBs: 262144,
    timeCreated: '2025-11-13T02:45:19.661Z',
  },
]

export function platformImages(): Array<OciDocument & { arch: string }> {
  return IMAGES.map((i) => ({
    baseImageId: null,
    compartmentId: null as unknown as string,
    createImageAllowed: true,
    ...noTags(),
    displayName: i.displayName,
    id: ids.image(i.slug),
    launchMode: 'PARAVIRTUALIZED',
    launchOptions: launchOptions(),
    lifecycleState: 'AVAILABLE',
    operatingSystem: i.operatingSystem,
    operatingSystemVersion: i.operatingSystemVersion,
    agentFeatures: null,
    listingType: 'NONE',
    sizeInMBs: i.sizeInMBs,
    billableSizeInGBs: null,
    timeCreated: i.timeCreated,
    // Not on the wire: which shapes can boot it. Removed before the image is served.
    arch: i.arch,
  }))
}

interface ShapeSpec {
  shape: string
  processorDescription: string
  arch: 'x86_64' | 'aarch64'
  flex?: { maxOcpus: number; maxMemory: number; defaultPerOcpu: number; maxPerOcpu: number }
  ocpus: number
  memoryInGBs: number
  billingType: 'ALWAYS_FREE' | 'LIMITED_FREE' | 'PAID'
  vcpusPerOcpu: number
}

const SHAPES: ShapeSpec[] = [
  {
    shape: 'VM.Standard.E4.Flex',
    processorDescription: '2.55 GHz AMD EPYC™ 7J13 (Milan)',
    arch: 'x86_64',
    flex: { maxOcpus: 64, maxMemory: 1024, defaultPerOcpu: 16, maxPerOcpu: 64 },
    ocpus: 1,
    memoryInGBs: 16,
    billingType: 'PAID',
    vcpusPerOcpu: 2,
  },
  {
    shape: 'VM.Standard3.Flex',
    processorDescription: '2.6 GHz Intel® Xeon® Platinum 8358 (Ice Lake)',
    arch: 'x86_64',
    flex: { maxOcpus: 32, maxMemory: 512, defaultPerOcpu: 16, maxPerOcpu: 64 },
    ocpus: 1,
    memoryInGBs: 16,
    billingType: 'PAID',
    vcpusPerOcpu: 2,
  },
  {
    shape: 'VM.Standard.A1.Flex',
    processorDescription: '3.0 GHz Ampere® Altra™',
    arch: 'aarch64',
    flex: { maxOcpus: 80, maxMemory: 512, defaultPerOcpu: 6, maxPerOcpu: 64 },
    ocpus: 1,
    memoryInGBs: 6,
    billingType: 'LIMITED_FREE',
    vcpusPerOcpu: 1,
  },
  {
    shape: 'VM.Standard2.1',
    processorDescription: '2.0 GHz Intel® Xeon® Platinum 8167M (Skylake)',
    arch: 'x86_64',
    ocpus: 1,
    memoryInGBs: 15,
    billingType: 'PAID',
    vcpusPerOcpu: 2,
  },
  {
    shape: 'VM.Standard.E2.1.Micro',
    processorDescription: '2.0 GHz AMD EPYC™ 7551 (Naples)',
    arch: 'x86_64',
    ocpus: 1,
    memoryInGBs: 1,
    billingType: 'ALWAYS_FREE',
    vcpusPerOcpu: 2,
  },
  {
    shape: 'BM.Standard.E4.128',
    processorDescription: '2.55 GHz AMD EPYC™ 7J13 (Milan)',
    arch: 'x86_64',
    ocpus: 128,
    memoryInGBs: 2048,
    billingType: 'PAID',
    vcpusPerOcpu: 2,
  },
]

const bandwidth = (ocpus: number) => Math.min(Math.max(ocpus, 1), 40)
const maxVnics = (ocpus: number) => Math.min(Math.max(ocpus, 2), 24)

/** ListShapes items; `arch` is kept off the wire by the handler. */
export function platformShapes(): Array<Record<string, unknown> & { shape: string; arch: string }> {
  return SHAPES.map((s) => ({
    baselineOcpuUtilizations:
      s.flex && s.arch === 'x86_64' ? ['BASELINE_1_8', 'BASELINE_1_2', 'BASELINE_1_1'] : null,
    shape: s.shape,
    processorDescription: s.processorDescription,
    ocpus: s.ocpus,
    memoryInGBs: s.memoryInGBs,
    networkPorts: s.shape.startsWith('BM.') ? 2 : 1,
    networkingBandwidthInGbps: s.shape.startsWith('BM.') ? 50 : bandwidth(s.ocpus),
    maxVnicAttachments: s.shape.startsWith('BM.') ? 24 : maxVnics(s.ocpus),
    gpus: 0,
    gpuDescription: null,
    localDisks: 0,
    localDisksTotalSizeInGBs: null,
    localDiskDescription: null,
    isLiveMigrationSupported: !s.shape.startsWith('BM.'),
    ocpuOptions: s.flex ? { min: 1, max: s.flex.maxOcpus, maxPerNumaNode: s.flex.maxOcpus } : null,
    memoryOptions: s.flex
      ? {
          minInGBs: 1,
          maxInGBs: s.flex.maxMemory,
          defaultPerOcpuInGBs: s.flex.defaultPerOcpu,
          minPerOcpuInGBs: 1,
          maxPerOcpuInGBs: s.flex.maxPerOcpu,
          maxPerNumaNodeInGBs: s.flex.maxMemory,
        }
      : null,
    networkingBandwidthOptions: s.flex ? { minInGbps: 1, maxInGbps: 40, defaultPerOcpuInGbps: 1 } : null,
    maxVnicAttachmentOptions: s.flex ? { min: 2, max: 24, defaultPerOcpu: 1 } : null,
    isBilledForStoppedInstance: false,
    billingType: s.billingType,
    quotaNames: [s.shape.toLowerCase().replace(/\./g, '-')],
    isSubcore: false,
    isFlexible: Boolean(s.flex),
    arch: s.arch,
  }))
}

const shapeSpec = (shape: string) => SHAPES.find((s) => s.shape === shape)!

function launchOptions() {
  return {
    bootVolumeType: 'PARAVIRTUALIZED',
    firmware: 'UEFI_64',
    networkType: 'PARAVIRTUALIZED',
    remoteDataVolumeType: 'PARAVIRTUALIZED',
    isPvEncryptionInTransitEnabled: true,
    isConsistentVolumeNamingEnabled: true,
  }
}

// ── Compute ──

interface InstanceSpec {
  id: string
  displayName: string
  compartmentId: string
  shape: string
  ocpus: number
  memoryInGBs: number
  lifecycleState: string
  subnet: string
  privateIp: string
  publicIp?: string
  nsgs?: string[]
  ad: 1 | 2 | 3
  imageSlug: string
  timeCreated: string
  tags: Record<string, string>
}

function instanceSpecs(): InstanceSpec[] {
  const seeded = seed.instances.map(
    (i, n): InstanceSpec => ({
      ...i,
      ad: ((n % 3) + 1) as 1 | 2 | 3,
      imageSlug:
        i.shape === 'VM.Standard.A1.Flex' ? 'ol96aarch64' : i.displayName === 'app-db-1' ? 'ol810' : 'ol96',
      timeCreated: at(200 + n * 7),
      tags: { env: i.compartmentId === seed.compartmentId('platformprod') ? 'prod' : 'dev' },
    }),
  )
  const generated: InstanceSpec[] = []
  for (let n = 1; n <= seed.generatedDevInstances; n++) {
    generated.push({
      id: seed.instanceId(`devbuild${String(n).padStart(2, '0')}`),
      displayName: devBuildName(n),
      compartmentId: seed.compartmentId('platformdev'),
      shape: 'VM.Standard.E4.Flex',
      ocpus: 1,
      memoryInGBs: 8,
      lifecycleState: isDevBuildStopped(n) ? 'STOPPED' : 'RUNNING',
      subnet: 'private',
      privateIp: `10.0.2.${100 + n}`,
      ad: ((n % 3) + 1) as 1 | 2 | 3,
      imageSlug: 'ol96',
      timeCreated: at(24 * 60 + n * 30),
      tags: { env: 'dev', pool: 'build' },
    })
  }
  return [...seeded, ...generated]
}

function instanceDocument(i: InstanceSpec): OciDocument {
  const spec = shapeSpec(i.shape)
  return {
    availabilityDomain: AD(i.ad),
    capacityReservationId: null,
    compartmentId: i.compartmentId,
    clusterPlacementGroupId: null,
    dedicatedVmHostId: null,
    definedTags: {},
    displayName: i.displayName,
    extendedMetadata: {},
    faultDomain: `FAULT-DOMAIN-${((i.privateIp.length + i.ad) % 3) + 1}`,
    freeformTags: i.tags,
    id: i.id,
    imageId: ids.image(i.imageSlug),
    ipxeScript: null,
    launchMode: 'PARAVIRTUALIZED',
    launchOptions: launchOptions(),
    instanceOptions: { areLegacyImdsEndpointsDisabled: false },
    availabilityConfig: { isLiveMigrationPreferred: null, recoveryAction: 'RESTORE_INSTANCE' },
    preemptibleInstanceConfig: null,
    lifecycleState: i.lifecycleState,
    metadata: { ssh_authorized_keys: SSH_KEY },
    region: 'iad',
    shape: i.shape,
    shapeConfig: {
      ocpus: i.ocpus,
      memoryInGBs: i.memoryInGBs,
      baselineOcpuUtilization: null,
      processorDescription: spec.processorDescription,
      networkingBandwidthInGbps: bandwidth(i.ocpus),
      maxVnicAttachments: maxVnics(i.ocpus),
      gpus: 0,
      gpuDescription: null,
      localDisks: 0,
      localDisksTotalSizeInGBs: null,
      localDiskDescription: null,
      vcpus: i.ocpus * spec.vcpusPerOcpu,
    },
    isCrossNumaNode: false,
    sourceDetails: {
      sourceType: 'image',
      bootVolumeSizeInGBs: 50,
      imageId: ids.image(i.imageSlug),
      kmsKeyId: null,
      bootVolumeVpusPerGB: 10,
      instanceSourceImageFilterDetails: null,
    },
    systemTags: {},
    timeCreated: i.timeCreated,
    agentConfig: {
      isMonitoringDisabled: false,
      isManagementDisabled: false,
      areAllPluginsDisabled: false,
      pluginsConfig: [
        { name: 'Compute Instance Monitoring', desiredState: 'ENABLED' },
        { name: 'Vulnerability Scanning', desiredState: 'DISABLED' },
      ],
    },
    timeMaintenanceRebootDue: null,
    platformConfig: null,
    instanceConfigurationId: null,
  }
}

const mac = (n: number) =>
  `02:00:17:${[(n >> 16) & 255, (n >> 8) & 255, n & 255].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':')}`

function networkingOf(i: InstanceSpec, n: number) {
  const subnetId = ids.subnet(i.subnet)
  const hostname = i.displayName
  const attachment: OciDocument = {
    availabilityDomain: AD(i.ad),
    compartmentId: i.compartmentId,
    displayName: null as unknown as string,
    id: ids.vnicAttachment(i.displayName),
    instanceId: i.id,
    lifecycleState: 'ATTACHED',
    nicIndex: 0,
    subnetId,
    vlanId: null,
    timeCreated: i.timeCreated,
    vlanTag: 100 + n,
    vnicId: ids.vnic(i.displayName),
  }
  const vnic: OciDocument = {
    availabilityDomain: AD(i.ad),
    compartmentId: i.compartmentId,
    ...noTags(),
    displayName: i.displayName,
    hostnameLabel: hostname,
    id: ids.vnic(i.displayName),
    isPrimary: true,
    lifecycleState: 'AVAILABLE',
    macAddress: mac(0x1000 + n),
    nsgIds: (i.nsgs ?? []).map((s) => ids.networkSecurityGroup(s)),
    vlanId: null,
    privateIp: i.privateIp,
    ...(i.publicIp ? { publicIp: i.publicIp } : {}),
    skipSourceDestCheck: false,
    subnetId,
    systemTags: {},
    timeCreated: i.timeCreated,
    ipv6Addresses: [],
    routeTableId: null,
  }
  const privateIp: OciDocument = {
    availabilityDomain: AD(i.ad),
    compartmentId: i.compartmentId,
    ...noTags(),
    displayName: i.privateIp,
    hostnameLabel: hostname,
    id: ids.privateIp(i.displayName),
    ipAddress: i.privateIp,
    isPrimary: true,
    vlanId: null,
    subnetId,
    timeCreated: i.timeCreated,
    vnicId: ids.vnic(i.displayName),
    ipState: 'ASSIGNED',
    lifetime: 'EPHEMERAL',
    routeTableId: null,
    lifecycleState: 'AVAILABLE',
  }
  return { attachment, vnic, privateIp }
}

// ── Networking: one VCN, a public and a private subnet, their route tables, security lists and the web NSG. ──

const portRange = (port: number) => ({ max: port, min: port })

function ingressRule(r: { protocol: string; source: string; port?: number }, description?: string) {
  return {
    description: description ?? null,
    icmpOptions: null,
    isStateless: false,
    protocol: r.protocol,
    source: r.source,
    sourceType: 'CIDR_BLOCK',
    tcpOptions:
      r.protocol === '6' && r.port
        ? { destinationPortRange: portRange(r.port), sourcePortRange: null }
        : null,
    udpOptions: null,
  }
}

const egressAll = {
  description: null,
  destination: '0.0.0.0/0',
  destinationType: 'CIDR_BLOCK',
  icmpOptions: null,
  isStateless: false,
  protocol: 'all',
  tcpOptions: null,
  udpOptions: null,
}

function networkDocuments() {
  const { vcn: v, subnets, publicIngress, webNsgIngress } = seed.network
  const c = v.compartmentId
  const vcn: OciDocument = {
    byoipv6CidrBlocks: null,
    ipv6PrivateCidrBlocks: null,
    cidrBlock: v.cidr,
    cidrBlocks: [v.cidr],
    compartmentId: c,
    defaultDhcpOptionsId: ids.dhcpOptions,
    defaultRouteTableId: ids.routeTable('default'),
    defaultSecurityListId: ids.securityList('default'),
    ...noTags(),
    displayName: v.displayName,
    dnsLabel: 'platformvcn',
    systemTags: {},
    id: ids.vcn,
    ipv6CidrBlocks: null,
    lifecycleState: 'AVAILABLE',
    timeCreated: at(100),
    vcnDomainName: 'platformvcn.oraclevcn.com',
  }
  const routeTable = (
    rt: 'default' | 'public' | 'private',
    displayName: string,
    rules: unknown[],
    n: number,
  ) => ({
    compartmentId: c,
    ...noTags(),
    displayName,
    id: ids.routeTable(rt),
    lifecycleState: 'AVAILABLE',
    routeRules: rules,
    systemTags: {},
    timeCreated: at(101 + n),
    vcnId: ids.vcn,
  })
  const routeTables: OciDocument[] = [
    routeTable('default', `Default Route Table for ${v.displayName}`, [], 0),
    routeTable(
      'public',
      'public-rt',
      [
        {
          cidrBlock: '0.0.0.0/0',
          destination: '0.0.0.0/0',
          destinationType: 'CIDR_BLOCK',
          networkEntityId: ids.internetGateway,
          description: 'Internet access',
          routeType: 'STATIC',
        },
      ],
      1,
    ),
    routeTable(
      'private',
      'private-rt',
      [
        {
          cidrBlock: '0.0.0.0/0',
          destination: '0.0.0.0/0',
          destinationType: 'CIDR_BLOCK',
          networkEntityId: ids.natGateway,
          description: 'Outbound through NAT',
          routeType: 'STATIC',
        },
        {
          cidrBlock: null,
          destination: 'all-iad-services-in-oracle-services-network',
          destinationType: 'SERVICE_CIDR_BLOCK',
          networkEntityId: ids.serviceGateway,
          description: 'Oracle Services Network',
          routeType: 'STATIC',
        },
      ],
      2,
    ),
  ]
  const securityLists: OciDocument[] = [
    {
      compartmentId: c,
      ...noTags(),
      displayName: `Default Security List for ${v.displayName}`,
      egressSecurityRules: [egressAll],
      id: ids.securityList('default'),
      ingressSecurityRules: [
        ingressRule({ protocol: 'all', source: v.cidr }, 'Anything from inside the VCN'),
        {
          ...ingressRule({ protocol: '1', source: v.cidr }),
          icmpOptions: { code: null, type: 3 },
        },
      ],
      lifecycleState: 'AVAILABLE',
      systemTags: {},
      timeCreated: at(104),
      vcnId: ids.vcn,
    },
    {
      compartmentId: c,
      ...noTags(),
      displayName: 'public-subnet security list',
      egressSecurityRules: [egressAll],
      id: ids.securityList('public'),
      ingressSecurityRules: publicIngress.map((r) => ingressRule(r)),
      lifecycleState: 'AVAILABLE',
      systemTags: {},
      timeCreated: at(105),
      vcnId: ids.vcn,
    },
  ]
  const subnetDocs: OciDocument[] = subnets.map((s, n) => {
    const third = s.cidr.split('.').slice(0, 3).join('.')
    return {
      availabilityDomain: null,
      cidrBlock: s.cidr,
      ipv4CidrBlocks: [s.cidr],
      compartmentId: c,
      definedTags: {},
      dhcpOptionsId: ids.dhcpOptions,
      displayName: s.displayName,
      dnsLabel: s.slug,
      freeformTags: {},
      id: ids.subnet(s.slug),
      ipv6CidrBlock: null,
      ipv6CidrBlocks: null,
      ipv6VirtualRouterIp: null,
      lifecycleState: 'AVAILABLE',
      prohibitInternetIngress: !s.public,
      prohibitPublicIpOnVnic: !s.public,
      routeTableId: ids.routeTable(s.public ? 'public' : 'private'),
      securityListIds: [ids.securityList(s.public ? 'public' : 'default')],
      subnetDomainName: `${s.slug}.platformvcn.oraclevcn.com`,
      systemTags: {},
      timeCreated: at(110 + n),
      vcnId: ids.vcn,
      virtualRouterIp: `${third}.1`,
      virtualRouterMac: `00:00:17:${(0xa0 + n).toString(16).toUpperCase()}:4E:2B`,
    }
  })
  const nsg: OciDocument = {
    compartmentId: c,
    ...noTags(),
    displayName: 'web',
    id: ids.networkSecurityGroup('web'),
    lifecycleState: 'AVAILABLE',
    systemTags: {},
    timeCreated: at(120),
    vcnId: ids.vcn,
  }
  const rules: NsgRuleDocument[] = [
    ...webNsgIngress.map((r, n) => ({
      networkSecurityGroupId: nsg.id,
      rule: {
        description: null,
        destination: null,
        destinationType: null,
        direction: 'INGRESS' as const,
        icmpOptions: null,
        id: (0x1a2b00 + n).toString(16).toUpperCase(),
        isStateless: false,
        isValid: true,
        protocol: r.protocol,
        source: r.source,
        sourceType: 'CIDR_BLOCK',
        tcpOptions: { destinationPortRange: portRange(r.port), sourcePortRange: null },
        timeCreated: at(121 + n),
        udpOptions: null,
      },
    })),
    {
      networkSecurityGroupId: nsg.id,
      rule: {
        description: 'All outbound traffic',
        destination: '0.0.0.0/0',
        destinationType: 'CIDR_BLOCK',
        direction: 'EGRESS' as const,
        icmpOptions: null,
        id: '1A2BFF',
        isStateless: false,
        isValid: true,
        protocol: 'all',
        source: null,
        sourceType: null,
        tcpOptions: null,
        timeCreated: at(130),
        udpOptions: null,
      },
    },
  ]
  return { vcns: [vcn], subnets: subnetDocs, routeTables, securityLists, nsgs: [nsg], rules }
}

// ── Database: the seeded Autonomous Databases with automatic backups, and one DB system with its backups. ──

const DAY = 24 * 3600_000
const iso = (ms: number) => new Date(ms).toISOString()

/** Used storage per health story: the stressed database is at 91 %. */
const USED_FRACTION: Record<string, number> = { healthy: 0.38, stressed: 0.91, stopped: 0.12 }

function autonomousDatabase(a: (typeof seed.autonomousDatabases)[number], n: number): OciDocument {
  const host = 'adb.us-ashburn-1.oraclecloud.com'
  const service = (level: string) => `g1a2b3c4d5e6f7_${a.dbName.toLowerCase()}_${level}.adb.oraclecloud.com`
  const sizeGBs = a.storageTbs * 1024
  const usedGBs = Math.round(sizeGBs * USED_FRACTION[a.health])
  const strings = Object.fromEntries(
    ['HIGH', 'MEDIUM', 'LOW'].map((l) => [l, `${host}:1522/${service(l.toLowerCase())}`]),
  )
  const ords = `https://G1A2B3C4D5E6F7-${a.dbName}.adb.us-ashburn-1.oraclecloudapps.com`
  return {
    id: ids.autonomousDatabase(a.slug),
    compartmentId: a.compartmentId,
    lifecycleState: a.state,
    lifecycleDetails: null,
    kmsKeyId: null,
    vaultId: null,
    dbName: a.dbName,
    characterSet: 'AL32UTF8',
    ncharacterSet: 'AL16UTF16',
    isFreeTier: false,
    systemTags: {},
    backupConfig: { manualBackupBucketName: null, manualBackupType: 'NONE' },
    cpuCoreCount: a.cpuCoreCount,
    computeModel: 'OCPU',
    computeCount: a.cpuCoreCount,
    ocpuCount: a.cpuCoreCount,
    backupRetentionPeriodInDays: 60,
    dataStorageSizeInTBs: a.storageTbs,
    dataStorageSizeInGBs: sizeGBs,
    usedDataStorageSizeInGBs: usedGBs,
    usedDataStorageSizeInTBs: Math.ceil(usedGBs / 1024),
    allocatedStorageSizeInTBs: Math.round((usedGBs / 1024) * 100) / 100,
    actualUsedDataStorageSizeInTBs: Math.round((usedGBs / 1024) * 100) / 100,
    infrastructureType: 'CLOUD',
    isDedicated: false,
    timeCreated: at(300 + n * 11),
    displayName: a.displayName,
    serviceConsoleUrl: `https://${host}/console/index.html?tenant_name=${seed.TENANCY_ID.toUpperCase()}&database_name=${a.dbName}&service_type=${a.workload === 'DW' ? 'ADW' : 'ATP'}`,
    connectionStrings: {
      high: strings.HIGH,
      medium: strings.MEDIUM,
      low: strings.LOW,
      dedicated: null,
      allConnectionStrings: strings,
    },
    connectionUrls: {
      sqlDevWebUrl: `${ords}/ords/sql-developer`,
      apexUrl: `${ords}/ords/apex`,
      machineLearningUserManagementUrl: `${ords}/omlusers/`,
      graphStudioUrl: `${ords}/graphstudio/`,
      mongoDbUrl: null,
      ordsUrl: `${ords}/ords/`,
      databaseTransformsUrl: `${ords}/odi/`,
    },
    licenseModel: 'LICENSE_INCLUDED',
    freeformTags: { env: a.compartmentId === seed.compartmentId('platformdev') ? 'dev' : 'prod' },
    definedTags: {},
    subnetId: null,
    nsgIds: null,
    privateEndpoint: null,
    privateEndpointIp: null,
    dbVersion: '19c',
    isPreview: false,
    dbWorkload: a.workload,
    isAccessControlEnabled: false,
    whitelistedIps: null,
    isAutoScalingEnabled: a.workload === 'DW',
    dataSafeStatus: 'NOT_REGISTERED',
    operationsInsightsStatus: 'NOT_ENABLED',
    databaseManagementStatus: 'NOT_ENABLED',
    timeMaintenanceBegin: '2026-11-29T06:00:00.000Z',
    timeMaintenanceEnd: '2026-11-29T08:00:00.000Z',
    isRefreshableClone: false,
    openMode: 'READ_WRITE',
    permissionLevel: 'UNRESTRICTED',
    isDataGuardEnabled: false,
    isLocalDataGuardEnabled: false,
    isRemoteDataGuardEnabled: false,
    role: null,
    availableUpgradeVersions: ['23ai'],
    isMtlsConnectionRequired: true,
    autonomousMaintenanceScheduleType: 'REGULAR',
    isAutoScalingForStorageEnabled: false,
    databaseEdition: null,
    dbToolsDetails: [],
  }
}

function autonomousDatabaseBackups(adb: OciDocument, adbSlug: string, now: number): OciDocument[] {
  const out: OciDocument[] = []
  // One automatic backup a night for the last 7 nights, the oldest a full one; newest first, as OCI lists them.
  for (let n = 1; n <= 7; n++) {
    const started = Math.floor(now / DAY) * DAY - n * DAY + 2 * 3600_000
    out.push({
      id: ids.autonomousDatabaseBackup(adbSlug, n),
      compartmentId: adb.compartmentId,
      autonomousDatabaseId: adb.id,
      displayName: `Automatic Backup ${iso(started).slice(0, 10)}`,
      type: n === 7 ? 'FULL' : 'INCREMENTAL',
      isAutomatic: true,
      timeStarted: iso(started),
      timeEnded: iso(started + 14 * 60_000),
      lifecycleDetails: null,
      databaseSizeInTBs: adb.actualUsedDataStorageSizeInTBs,
      lifecycleState: 'ACTIVE',
      isRestorable: true,
      kmsKeyId: null,
      vaultId: null,
      retentionPeriodInDays: 60,
      timeAvailableTill: iso(started + 60 * DAY),
      dbVersion: '19c',
      sizeInTBs: n === 7 ? adb.actualUsedDataStorageSizeInTBs : 0.01,
      infrastructureType: 'CLOUD',
      region: 'us-ashburn-1',
      timeCreated: iso(started),
    })
  }
  return out
}

function dbSystemDocuments(now: number) {
  const compartmentId = seed.compartmentId('finance')
  const dbSystem: OciDocument = {
    id: ids.dbSystem,
    compartmentId,
    displayName: 'finance-dbcs',
    availabilityDomain: AD(1),
    faultDomains: ['FAULT-DOMAIN-1'],
    subnetId: ids.subnet('private'),
    backupSubnetId: null,
    nsgIds: null,
    backupNetworkNsgIds: null,
    memorySizeInGBs: 30,
    storageVolumePerformanceMode: 'BALANCED',
    shape: 'VM.Standard2.2',
    dbSystemOptions: { storageManagement: 'LVM' },
    sshPublicKeys: [SSH_KEY],
    timeZone: 'UTC',
    hostname: 'findb',
    domain: 'private.platformvcn.oraclevcn.com',
    kmsKeyId: null,
    version: '19.24.0.0.0',
    osVersion: '8.10',
    cpuCoreCount: 2,
    clusterName: null,
    dataStoragePercentage: 80,
    databaseEdition: 'ENTERPRISE_EDITION',
    lastPatchHistoryEntryId: null,
    listenerPort: 1521,
    lifecycleState: 'AVAILABLE',
    timeCreated: at(400),
    lifecycleDetails: null,
    diskRedundancy: 'HIGH',
    sparseDiskgroup: null,
    scanIpIds: null,
    vipIds: null,
    scanDnsRecordId: null,
    scanDnsName: null,
    zoneId: null,
    dataStorageSizeInGBs: 256,
    recoStorageSizeInGB: 256,
    nodeCount: 1,
    licenseModel: 'LICENSE_INCLUDED',
    maintenanceWindow: null,
    lastMaintenanceRunId: null,
    nextMaintenanceRunId: null,
    freeformTags: { env: 'prod' },
    definedTags: {},
    systemTags: {},
    sourceDbSystemId: null,
    computeModel: null,
    computeCount: null,
  }
  const backups: OciDocument[] = []
  for (let n = 1; n <= 7; n++) {
    const started = Math.floor(now / DAY) * DAY - n * DAY + 3600_000
    backups.push({
      id: ids.backup(n),
      compartmentId,
      databaseId: ids.database,
      displayName: 'Automatic Backup',
      type: n === 7 ? 'FULL' : 'INCREMENTAL',
      timeStarted: iso(started),
      timeEnded: iso(started + (n === 7 ? 42 : 9) * 60_000),
      lifecycleDetails: null,
      availabilityDomain: AD(1),
      lifecycleState: 'ACTIVE',
      databaseEdition: 'ENTERPRISE_EDITION',
      databaseSizeInGBs: 42.5,
      shape: 'VM.Standard2.2',
      version: '19.24.0.0.0',
      kmsKeyId: null,
      vaultId: null,
      retentionPeriodInDays: 30,
      timeExpiryScheduled: iso(started + 30 * DAY),
      isUsingOracleManagedKeys: true,
      backupDestinationType: 'OBJECT_STORE',
      timeCreated: iso(started),
    })
  }
  return { dbSystems: [dbSystem], backups }
}

// ── Cloud Guard ──

const RULES: Record<string, { description: string; recommendation: string; labels: string[]; type: string }> =
  {
    SECURITY_LIST_OPEN_SOURCE: {
      description:
        'A security list allows ingress from 0.0.0.0/0 on a port that should not be open to the internet.',
      recommendation: 'Restrict the source CIDR of ingress rules for ports 22 and 3389 to known networks.',
      labels: ['CIS_OCI_V1.1_NETWORK', 'Network'],
      type: 'SecurityList',
    },
    BUCKET_IS_PUBLIC: {
      description: 'Object Storage bucket is publicly accessible.',
      recommendation:
        'Ensure that the bucket is sanctioned for public access, and if not, direct the OCI administrator to restrict the bucket policy to allow only specific users access to the resources required to accomplish their job functions.',
      labels: ['CIS_OCI_V1.1_OBJECTSTORAGE', 'ObjectStorage'],
      type: 'Bucket',
    },
    USER_WITHOUT_MFA: {
      description: 'Users without multi-factor authentication enabled.',
      recommendation: 'Enable multi-factor authentication for users with console access.',
      labels: ['CIS_OCI_V1.1_IAM', 'IAM'],
      type: 'User',
    },
  }
const RISK_SCORE: Record<string, number> = { CRITICAL: 92, HIGH: 73, MEDIUM: 41, LOW: 18, MINOR: 5 }

function problemDocuments(store: Store, securityListId: string, now: number): OciDocument[] {
  return seed.cloudGuardProblems.map((p, n) => {
    const rule = RULES[p.rule]
    const compartmentId = p.compartment === 'tenancy' ? seed.TENANCY_ID : seed.compartmentId(p.compartment)
    const resourceId =
      p.rule === 'SECURITY_LIST_OPEN_SOURCE'
        ? securityListId
        : p.rule === 'BUCKET_IS_PUBLIC'
          ? (store.bucket(p.resource)?.id ?? regional('bucket', p.resource))
          : (store.state.users.find((u) => u.name === p.resource)?.id ?? global('user', p.resource))
    const resourceName = p.rule === 'SECURITY_LIST_OPEN_SOURCE' ? 'public-subnet security list' : p.resource
    return {
      id: ids.problem(p.slug),
      compartmentId,
      detectorRuleId: p.rule,
      region: seed.REGION,
      regions: [seed.REGION],
      riskLevel: p.risk,
      riskScore: RISK_SCORE[p.risk],
      peakRiskScoreDate: iso(now - (n + 1) * DAY).slice(0, 10),
      peakRiskScore: RISK_SCORE[p.risk],
      autoResolveDate: null,
      peakRiskScoreLookupPeriodInDays: 30,
      resourceId,
      resourceName,
      resourceType: rule.type,
      labels: rule.labels,
      timeLastDetected: iso(now - (n + 1) * 3600_000),
      timeFirstDetected: iso(now - (12 + n * 9) * DAY),
      lifecycleState: 'ACTIVE',
      lifecycleDetail: 'OPEN',
      detectorId: p.detector === 'CONFIGURATION' ? 'IAAS_CONFIGURATION_DETECTOR' : 'IAAS_ACTIVITY_DETECTOR',
      targetId: ids.cloudGuardTarget,
      additionalDetails: {},
      description: rule.description,
      recommendation: rule.recommendation,
      comment: null,
      impactedResourceId: resourceId,
      impactedResourceName: resourceName,
      impactedResourceType: rule.type,
      locks: [],
    }
  })
}

export function buildInfraState(store: Store, now = Date.now()): InfraState {
  const specs = instanceSpecs()
  const net = specs.map((i, n) => networkingOf(i, n))
  const network = networkDocuments()
  const adbs = seed.autonomousDatabases.map((a, n) => autonomousDatabase(a, n))
  const { dbSystems, backups } = dbSystemDocuments(now)
  return {
    infraVersion: INFRA_VERSION,
    instances: specs.map(instanceDocument),
    vnicAttachments: net.map((x) => x.attachment),
    vnics: net.map((x) => x.vnic),
    privateIps: net.map((x) => x.privateIp),
    vcns: network.vcns,
    subnets: network.subnets,
    routeTables: network.routeTables,
    securityLists: network.securityLists,
    networkSecurityGroups: network.nsgs,
    networkSecurityGroupRules: network.rules,
    autonomousDatabases: adbs,
    autonomousDatabaseBackups: adbs.flatMap((adb, n) =>
      autonomousDatabaseBackups(adb, seed.autonomousDatabases[n].slug, now),
    ),
    dbSystems,
    backups,
    problems: problemDocuments(store, ids.securityList('public'), now),
  }
}

const EXTRA_GROUPS: Record<string, string> = {
  Contractors: 'External contractors',
  NetworkAdmins: 'Administrators of the platform network',
}

/**
 * Brings a data directory up to date: seeds the infrastructure section when it is missing (fresh
 * directories and those of older emulators alike) and adds the seed's extra groups and policies.
 * Runs on every start, before the policy engine reads the policies; changes nothing the second time.
 */
export function ensureInfraState(store: Store): void {
  const state = store.state
  let changed = false
  if (state.infraVersion !== INFRA_VERSION) {
    Object.assign(state, buildInfraState(store))
    changed = true
  }
  Object.entries(EXTRA_GROUPS).forEach(([name, description], n) => {
    if (state.groups.some((g) => g.name === name)) return
    state.groups.push({ id: ids.group(name), name, description, timeCreated: at(26 + n) })
    changed = true
  })
  seed.extraPolicies.forEach((p, n) => {
    if (state.policies.some((existing) => existing.name === p.name)) return
    state.policies.push({
      id: ids.policy(p.name),
      compartmentId: p.compartmentId,
      name: p.name,
      description: p.name === 'contractors-policy' ? 'Contractors (over-broad)' : 'Network administrators',
      statements: [...p.statements],
      timeCreated: at(50 + n),
    })
    changed = true
  })
  if (changed) store.save()
}
