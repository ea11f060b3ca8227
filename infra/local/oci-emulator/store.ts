// The emulator's durable state: one JSON file replaced atomically on every change, object bodies as files.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { InfraState } from './infra-state.ts'
import type { CompartmentTree } from './policy.ts'

export interface TenancyRecord {
  id: string
  name: string
  description: string
  homeRegionKey: string
  timeCreated: string
}

export interface CompartmentRecord {
  id: string
  /** Parent compartment (the tenancy for top-level ones), as the OCI model names it. */
  compartmentId: string
  name: string
  description: string
  timeCreated: string
  lifecycleState: 'ACTIVE' | 'DELETED'
}

export interface UserRecord {
  id: string
  name: string
  description: string
  email: string
  /** IAM group names; the policy table speaks of these. */
  groups: string[]
  timeCreated: string
}

export interface GroupRecord {
  id: string
  name: string
  description: string
  timeCreated: string
}

export interface DynamicGroupRecord extends GroupRecord {
  /** Shown as OCI shows it; membership itself is decided in principals.ts. */
  matchingRule: string
}

export interface PolicyRecord {
  id: string
  compartmentId: string
  name: string
  description: string
  statements: string[]
  timeCreated: string
}

export interface ApiKeyRecord {
  userId: string
  fingerprint: string
  publicKeyPem: string
  timeCreated: string
}

export interface RegionSubscriptionRecord {
  regionKey: string
  regionName: string
  status: 'READY' | 'IN_PROGRESS'
  isHomeRegion: boolean
}

export interface BucketRecord {
  name: string
  id: string
  compartmentId: string
  createdBy: string
  timeCreated: string
  etag: string
  metadata: Record<string, string>
  publicAccessType: string
  storageTier: string
  objectEventsEnabled: boolean
  versioning: string
  freeformTags: Record<string, string>
  definedTags: Record<string, Record<string, unknown>>
}

export interface ObjectRecord {
  /** Also the name of the body file; a new one for every write. */
  etag: string
  versionId: string
  size: number
  /** base64 MD5 of the body, as Content-MD5 carries it. */
  md5: string
  contentType: string
  contentLanguage?: string
  contentEncoding?: string
  contentDisposition?: string
  cacheControl?: string
  /** opc-meta-* headers, keys lower-cased without the prefix. */
  metadata: Record<string, string>
  storageTier: string
  timeCreated: string
  timeModified: string
}

export interface ParRecord {
  id: string
  name: string
  namespace: string
  bucketName: string
  objectName?: string
  accessType: string
  bucketListingAction?: string
  timeCreated: string
  timeExpires: string
  /** Only a digest of the URL token is kept, as a real service would. */
  tokenSha256: string
}

/** Compute, Networking, Database and Cloud Guard collections (see infra-state.ts) live beside the rest. */
export interface EmulatorState extends Partial<InfraState> {
  version: 1
  namespace: string
  tenancy: TenancyRecord
  regions: RegionSubscriptionRecord[]
  compartments: CompartmentRecord[]
  users: UserRecord[]
  groups: GroupRecord[]
  dynamicGroups: DynamicGroupRecord[]
  policies: PolicyRecord[]
  apiKeys: ApiKeyRecord[]
  buckets: BucketRecord[]
  /**
   * bucket name → object name → object. Maps, not plain objects: any string is a valid object name,
   * `__proto__` and `constructor` included, and a plain object would hand those its prototype's members.
   */
  objects: Map<string, Map<string, ObjectRecord>>
  pars: ParRecord[]
}

export interface SeedContent {
  state: EmulatorState
  blobs: Array<{ etag: string; body: Buffer }>
}

export class Store {
  readonly dataDir: string
  readonly state: EmulatorState
  readonly #statePath: string
  readonly #blobDir: string

  private constructor(dataDir: string, state: EmulatorState) {
    this.dataDir = dataDir
    this.state = state
    this.#statePath = join(dataDir, 'state.json')
    this.#blobDir = join(dataDir, 'objects')
  }

  /** Loads the state of an earlier run, or seeds a fresh data directory. */
  static open(dataDir: string, seed: () => SeedContent): Store {
    mkdirSync(join(dataDir, 'objects'), { recursive: true })
    const statePath = join(dataDir, 'state.json')
    if (existsSync(statePath)) return new Store(dataDir, parseState(readFileSync(statePath, 'utf8')))
    const { state, blobs } = seed()
    const store = new Store(dataDir, state)
    // Plain writes are enough here: the state file is written last, and only its presence says the
    // seed is complete, so an interrupted first start simply seeds again.
    for (const blob of blobs) writeFileSync(store.#blobPath(blob.etag), blob.body)
    store.save()
    return store
  }

  save(): void {
    atomicWrite(this.#statePath, serializeState(this.state))
  }

  readBlob(etag: string): Buffer {
    return readFileSync(this.#blobPath(etag))
  }

  writeBlob(etag: string, body: Buffer): void {
    atomicWrite(this.#blobPath(etag), body)
  }

  deleteBlob(etag: string): void {
    rmSync(this.#blobPath(etag), { force: true })
  }

  #blobPath(etag: string): string {
    if (!/^[0-9a-f-]+$/.test(etag)) throw new TypeError('etag must be a uuid')
    return join(this.#blobDir, etag)
  }

  compartment(id: string): CompartmentRecord | undefined {
    return this.state.compartments.find((c) => c.id === id && c.lifecycleState === 'ACTIVE')
  }

  /** The tenancy is the root compartment; every other compartment must exist and be active. */
  compartmentExists(id: string): boolean {
    return id === this.state.tenancy.id || this.compartment(id) !== undefined
  }

  bucket(name: string): BucketRecord | undefined {
    return this.state.buckets.find((b) => b.name === name)
  }

  /** The objects of a bucket, created empty on first use. */
  objectsOf(bucketName: string): Map<string, ObjectRecord> {
    let objects = this.state.objects.get(bucketName)
    if (!objects) {
      objects = new Map()
      this.state.objects.set(bucketName, objects)
    }
    return objects
  }

  get tree(): CompartmentTree {
    const tenancyId = this.state.tenancy.id
    return {
      tenancyId,
      parentOf: (id) => (id === tenancyId ? undefined : this.compartment(id)?.compartmentId),
      childByName: (parentId, name) =>
        this.state.compartments.find(
          (c) =>
            c.compartmentId === parentId &&
            c.lifecycleState === 'ACTIVE' &&
            c.name.toLowerCase() === name.toLowerCase(),
        )?.id,
    }
  }
}

/**
 * On disk the object maps are nested JSON objects. JSON.parse and Object.fromEntries both define own
 * properties, so a `__proto__` key survives the trip in either direction without touching a prototype.
 */
export function parseState(text: string): EmulatorState {
  const raw = JSON.parse(text) as Omit<EmulatorState, 'objects'> & {
    objects: Record<string, Record<string, ObjectRecord>>
  }
  const objects = new Map(
    Object.entries(raw.objects ?? {}).map(([bucket, byName]) => [bucket, new Map(Object.entries(byName))]),
  )
  return { ...raw, objects }
}

export function serializeState(state: EmulatorState): string {
  const objects = Object.fromEntries(
    [...state.objects].map(([bucket, byName]) => [bucket, Object.fromEntries(byName)]),
  )
  return JSON.stringify({ ...state, objects })
}

let tmpCounter = 0

/** Write beside the target and rename over it, so a crash never leaves a half-written file. */
export function atomicWrite(path: string, data: string | Buffer, mode?: number): void {
  const tmp = `${path}.tmp-${process.pid}-${tmpCounter++}`
  writeFileSync(tmp, data, { mode })
  renameSync(tmp, path)
}
