// The route table's shape and its matcher: `{ method, pattern, operation, service, authorize }` per OCI operation.
import type { IncomingHttpHeaders } from 'node:http'
import { invalidParameter, type OciServiceError } from './errors.ts'
import type { Query, RouteResult } from './http.ts'
import type { ObjectEvents } from './object-events.ts'
import type { PolicyEngine, Requirement } from './policy.ts'
import type { Principal } from './principals.ts'
import type { ParRecord, Store } from './store.ts'

/** What every handler may use; built once per emulator. */
export interface EmulatorCore {
  store: Store
  policy: PolicyEngine
  /** Object events of buckets that enable them, when a sink is configured. */
  objectEvents?: ObjectEvents
}

export interface RequestContext {
  method: string
  /** Path parameters, percent-decoded. */
  params: Record<string, string>
  query: Query
  headers: IncomingHttpHeaders
  body: Buffer
  /** `http://host:port` as the client addressed us; used to build absolute URLs such as a PAR's fullPath. */
  baseUrl: string
  core: EmulatorCore
  /** Set for signed requests. */
  principal?: Principal
  /** Set for requests through a pre-authenticated request URL. */
  par?: ParRecord
}

export interface Route {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE'
  /** Literal segments, `{name}` for one segment, `{name+}` (last only) for the rest of the path. */
  pattern: string
  /** The SDK operation name in PascalCase; the metrics label. */
  operation: string
  service:
    | 'objectstorage'
    | 'identity'
    | 'emulator'
    | 'core'
    | 'database'
    | 'cloudguard'
    | 'monitoring'
    | 'loggingsearch'
    | 'usageapi'
  /**
   * How the caller is identified: an OCI request signature (the default), nobody, or a custom check
   * (pre-authenticated requests) that throws AuthFailure.
   */
  authenticate?: 'signature' | 'none' | ((ctx: RequestContext) => void)
  /** Object Storage PutObject: the SDK leaves the body out of the signature. */
  unsignedBody?: boolean
  /**
   * What the caller must be allowed; null when any authenticated principal may call. May throw the
   * same not-found error a denial gives, so that absence and denial look alike.
   */
  authorize: ((ctx: RequestContext) => Requirement[]) | null
  /** The answer to a denied caller; NotAuthorizedOrNotFound when absent. */
  deny?: (ctx: RequestContext) => OciServiceError
  handle: (ctx: RequestContext) => RouteResult | Promise<RouteResult>
}

type Segment = { literal: string } | { param: string; rest: boolean }

interface CompiledRoute {
  route: Route
  segments: Segment[]
}

export type Match = { route: Route; params: Record<string, string> } | { methodNotAllowed: true } | undefined

export class Router {
  readonly #routes: CompiledRoute[]

  constructor(routes: readonly Route[]) {
    this.#routes = routes.map((route) => ({ route, segments: compile(route.pattern) }))
  }

  match(method: string, rawPath: string): Match {
    const parts = rawPath.split('/').slice(1)
    let pathMatched = false
    for (const { route, segments } of this.#routes) {
      const params = matchSegments(segments, parts)
      if (!params) continue
      if (route.method === method) return { route, params }
      pathMatched = true
    }
    return pathMatched ? { methodNotAllowed: true } : undefined
  }
}

function compile(pattern: string): Segment[] {
  return pattern
    .split('/')
    .slice(1)
    .map((s, i, all) => {
      const m = /^\{(\w+)(\+)?\}$/.exec(s)
      if (!m) return { literal: s }
      if (m[2] && i !== all.length - 1) throw new TypeError(`rest parameter must be last: ${pattern}`)
      return { param: m[1], rest: Boolean(m[2]) }
    })
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {}
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]
    if ('literal' in seg) {
      if (parts[i] !== seg.literal) return undefined
      continue
    }
    // Object names may arrive with raw slashes (curl, PAR URLs) or as %2F (the SDK): both name the same object.
    const raw = seg.rest ? parts.slice(i).join('/') : parts[i]
    if (raw === undefined || raw === '') return undefined
    params[seg.param] = decodeSegment(raw)
    if (seg.rest) return params
  }
  // One trailing slash is tolerated: the SDK calls `/n`, curl users type `/n/`.
  const extra = parts.slice(segments.length)
  return extra.length === 0 || (extra.length === 1 && extra[0] === '') ? params : undefined
}

function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    throw invalidParameter('The request path contains malformed percent-encoding.')
  }
}
