// Builds the first state of a fresh data directory from the shared seed; deterministic, so every fresh start looks alike.
import { createHash } from 'node:crypto'
import * as seed from '../seed.ts'
import type { EmulatorState, ObjectRecord, SeedContent } from './store.ts'

/** Seeded policies, attached to the tenancy. Paths like `compartment finance` are relative to it. */
export const SEED_POLICIES = [
  {
    name: 'platform-admins',
    description: 'Platform administrators manage everything',
    statements: ['Allow group PlatformAdmins to manage all-resources in tenancy'],
  },
  {
    name: 'finance-readers',
    description: 'Finance analysts read the finance buckets and see the compartment tree',
    statements: [
      'Allow group FinanceReaders to read buckets in compartment finance',
      'Allow group FinanceReaders to read objects in compartment finance',
      'Allow group FinanceReaders to inspect compartments in tenancy',
    ],
  },
  {
    name: 'mcp-functions',
    description: 'The MCP functions (resource principals) read everything and write event results',
    statements: [
      'Allow dynamic-group McpFunctions to read all-resources in tenancy',
      "Allow dynamic-group McpFunctions to manage objects in compartment sandbox where target.bucket.name = 'events-results'",
      "Allow dynamic-group McpFunctions to manage objects in compartment sandbox where target.bucket.name = 'oauth-state'",
    ],
  },
  {
    name: 'everyone',
    description: 'Every authenticated principal may look at the tenancy itself',
    statements: ['Allow any-user to inspect tenancies in tenancy'],
  },
]

export const DYNAMIC_GROUP = 'McpFunctions'

const GROUP_DESCRIPTIONS: Record<string, string> = {
  PlatformAdmins: 'Administrators of the shared platform',
  FinanceReaders: 'Read-only access to finance data',
}

const ocid = (type: string, slug: string, region = '') =>
  `ocid1.${type}.oc1.${region}.${`aaaaaaaa${slug.toLowerCase().replace(/[^a-z0-9]/g, '')}`.padEnd(60, 'x')}`

/** A stable, uuid-shaped identifier derived from a name, so seeded ETags do not change between fresh starts. */
export function stableUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

const SEED_TIME = Date.parse('2026-01-05T09:00:00.000Z')
const at = (minutes: number) => new Date(SEED_TIME + minutes * 60_000).toISOString()

export function buildSeedState(): SeedContent {
  const blobs: SeedContent['blobs'] = []
  const everyone = [
    ...seed.users.map((u) => ({
      id: u.ocid,
      name: u.userName,
      description: u.displayName,
      email: u.email,
      groups: u.groups,
    })),
    {
      id: seed.operator.ocid,
      name: seed.operator.name,
      description: 'The local stack itself (API key in the data directory)',
      email: 'local-operator@example.com',
      groups: seed.operator.groups,
    },
  ]
  const groupNames = [...new Set(everyone.flatMap((u) => u.groups))]
  const state: EmulatorState = {
    version: 1,
    namespace: seed.NAMESPACE,
    tenancy: {
      id: seed.TENANCY_ID,
      name: 'example',
      description: 'Local development tenancy',
      homeRegionKey: seed.subscribedRegions.find((r) => r.isHomeRegion)!.regionKey,
      timeCreated: at(0),
    },
    regions: seed.subscribedRegions.map((r) => ({ ...r, status: 'READY' as const })),
    compartments: seed.compartments.map((c, i) => ({
      id: c.id,
      compartmentId: c.parentId,
      name: c.name,
      description: c.description,
      timeCreated: at(10 + i),
      lifecycleState: 'ACTIVE' as const,
    })),
    users: everyone.map((u, i) => ({ ...u, timeCreated: at(30 + i) })),
    groups: groupNames.map((name, i) => ({
      id: ocid('group', name),
      name,
      description: GROUP_DESCRIPTIONS[name] ?? name,
      timeCreated: at(20 + i),
    })),
    dynamicGroups: [
      {
        id: ocid('dynamicgroup', DYNAMIC_GROUP),
        name: DYNAMIC_GROUP,
        description: 'Every resource principal whose compartment is in this tenancy',
        matchingRule: `ALL {resource.compartment.id in tenancy '${seed.TENANCY_ID}'}`,
        timeCreated: at(25),
      },
    ],
    policies: SEED_POLICIES.map((p, i) => ({
      id: ocid('policy', p.name),
      compartmentId: seed.TENANCY_ID,
      ...p,
      timeCreated: at(40 + i),
    })),
    apiKeys: [],
    buckets: [],
    objects: new Map(),
    pars: [],
  }

  seed.buckets.forEach((b, i) => {
    state.buckets.push({
      name: b.name,
      id: ocid('bucket', b.name, 'iad'),
      compartmentId: b.compartmentId,
      createdBy: seed.operator.ocid,
      timeCreated: at(60 + i),
      etag: stableUuid(`bucket:${b.name}`),
      metadata: {},
      publicAccessType: 'NoPublicAccess',
      storageTier: 'Standard',
      objectEventsEnabled: b.objectEventsEnabled ?? false,
      versioning: 'Disabled',
      freeformTags: {},
      definedTags: {},
    })
    const objects = new Map<string, ObjectRecord>()
    const add = (name: string, body: Buffer, contentType: string, time: string) => {
      const etag = stableUuid(`object:${b.name}/${name}`)
      objects.set(name, objectRecord(etag, body, contentType, time))
      blobs.push({ etag, body })
    }
    b.objects.forEach((o, j) => {
      add(o.name, Buffer.from(o.content), o.contentType ?? 'application/octet-stream', at(120 + j))
    })
    if (b.generated) {
      for (let n = 1; n <= b.generated.count; n++) {
        const name = `${b.generated.prefix}${String(n).padStart(4, '0')}.json`
        add(
          name,
          generatedLogLines(n, b.generated.count),
          'application/x-ndjson',
          logTime(n, b.generated.count),
        )
      }
    }
    state.objects.set(b.name, objects)
  })
  return { state, blobs }
}

export function objectRecord(etag: string, body: Buffer, contentType: string, time: string): ObjectRecord {
  return {
    etag,
    versionId: stableUuid(`version:${etag}`),
    size: body.length,
    md5: createHash('md5').update(body).digest('base64'),
    contentType,
    metadata: {},
    storageTier: 'Standard',
    timeCreated: time,
    timeModified: time,
  }
}

// Generated logs span November 2026 evenly; object n holds the lines written in its slice of the month.
const MONTH_START = Date.parse('2026-11-01T00:00:00.000Z')
const MONTH_MS = 30 * 24 * 3600_000
const logTime = (n: number, count: number) => new Date(MONTH_START + (n * MONTH_MS) / count).toISOString()

const SERVICES = ['api-gateway', 'mcp-router', 'objectstorage-fn', 'identity-fn', 'events-fn']
const ROUTES = [
  ['POST', '/mcp', 'tools/call completed'],
  ['POST', '/mcp/objectstorage', 'objectstorage_list_objects returned a page'],
  ['POST', '/mcp/identity', 'identity_list_compartments returned a page'],
  ['POST', '/mcp', 'tools/list served from catalog'],
  ['GET', '/.well-known/oauth-protected-resource', 'metadata served'],
] as const

/** A small deterministic generator (mulberry32), so the same object always has the same bytes. */
function random(seedValue: number) {
  let a = seedValue >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function generatedLogLines(n: number, count: number): Buffer {
  const next = random(n * 7919)
  const start = MONTH_START + ((n - 1) * MONTH_MS) / count
  const lines: string[] = []
  const total = 5 + Math.floor(next() * 20)
  for (let i = 0; i < total; i++) {
    const roll = next()
    const level = roll < 0.05 ? 'ERROR' : roll < 0.2 ? 'WARN' : 'INFO'
    const [method, path, message] = ROUTES[Math.floor(next() * ROUTES.length)]
    const status = level === 'ERROR' ? 502 : level === 'WARN' ? 429 : 200
    lines.push(
      JSON.stringify({
        timestamp: new Date(start + Math.floor((i * MONTH_MS) / count / total)).toISOString(),
        level,
        service: SERVICES[Math.floor(next() * SERVICES.length)],
        requestId: Math.floor(next() * 2 ** 48)
          .toString(16)
          .padStart(12, '0')
          .toUpperCase(),
        method,
        path,
        status,
        latencyMs: Math.round(5 + next() * (level === 'INFO' ? 120 : 2400)),
        message: level === 'ERROR' ? `${message} failed: upstream timeout` : message,
      }),
    )
  }
  return Buffer.from(`${lines.join('\n')}\n`)
}
