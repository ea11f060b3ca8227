// What Compute, Networking, Database and Cloud Guard share: lookups, authorization by compartment, list filters and paging.
import { createHash } from 'node:crypto'
import { cannotParseRequest, missingParameter, notAuthorizedOrNotFound, OciServiceError } from '../errors.ts'
import { headerValue, paginate, type RouteResult } from '../http.ts'
import type { InfraState, OciDocument } from '../infra-state.ts'
import type { Requirement, Verb } from '../policy.ts'
import type { RequestContext } from '../router.ts'

/** The infrastructure collections of the state; index.ts seeds them before the first request. */
export function infra(ctx: RequestContext): InfraState {
  const state = ctx.core.store.state
  if (state.infraVersion === undefined) throw new Error('infrastructure state was not seeded')
  return state as InfraState
}

export function requiredQuery(ctx: RequestContext, name: string): string {
  const value = ctx.query.get(name)
  if (!value) throw missingParameter(name)
  return value
}

/** A list call authorized by a verb on a resource type in the compartment it names. */
export const listIn =
  (verb: Verb, ...resourceTypes: string[]) =>
  (ctx: RequestContext): Requirement[] => {
    const compartmentId = requiredQuery(ctx, 'compartmentId')
    return resourceTypes.map((resourceType) => ({ verb, resourceType, compartmentId }))
  }

/**
 * An operation on one resource: the verb is needed in the resource's compartment. A resource that does
 * not exist is refused exactly as a forbidden one is, so a caller cannot probe for identifiers.
 */
export const onResource =
  (verb: Verb, resourceType: string, find: (ctx: RequestContext) => { compartmentId: string } | undefined) =>
  (ctx: RequestContext): Requirement[] => {
    const found = find(ctx)
    if (!found) throw notAuthorizedOrNotFound()
    return [{ verb, resourceType, compartmentId: found.compartmentId }]
  }

export const byId = <T extends { id: string }>(items: readonly T[], id: string | undefined) =>
  id === undefined ? undefined : items.find((item) => item.id === id)

/** Whether the caller may `verb` the type in a compartment; for lists that gather across compartments. */
export const allowed = (ctx: RequestContext, verb: Verb, resourceType: string, compartmentId: string) =>
  ctx.principal !== undefined &&
  ctx.core.policy.isAllowed(ctx.principal, { verb, resourceType, compartmentId })

/** A quoted hash of the document: changes whenever the resource does. */
export const etagOf = (doc: unknown) =>
  createHash('sha256').update(JSON.stringify(doc)).digest('hex').slice(0, 32)

export const incorrectState = (message: string) => new OciServiceError(409, 'IncorrectState', message)

export const noEtagMatch = () =>
  new OciServiceError(
    412,
    'NoEtagMatch',
    'The if-match header does not match the current etag of the resource.',
  )

/** Optimistic concurrency: an if-match header must name the resource's current etag. */
export function checkIfMatch(ctx: RequestContext, doc: unknown): void {
  const ifMatch = headerValue(ctx.headers, 'if-match')
  if (ifMatch && ifMatch !== '*' && ifMatch !== etagOf(doc)) throw noEtagMatch()
}

/** Action bodies are optional; when one is sent it must at least be JSON. */
export function optionalJsonBody(ctx: RequestContext): Record<string, unknown> | undefined {
  const text = ctx.body.toString('utf8').trim()
  if (!text) return undefined
  try {
    const parsed = JSON.parse(text)
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error('not an object')
    return parsed
  } catch {
    throw cannotParseRequest()
  }
}

/** A JSON answer for one resource with its etag header. */
export const one = (doc: unknown, headers: Record<string, string | undefined> = {}): RouteResult => ({
  json: doc,
  headers: { etag: etagOf(doc), ...headers },
})

export interface ListOptions {
  /** Allowed values of `lifecycleState`; omitted when the operation has no such filter. */
  lifecycleStates?: readonly string[]
  /** `sortBy` value → document field, e.g. { TIMECREATED: 'timeCreated', DISPLAYNAME: 'displayName' }. */
  sortFields?: Record<string, string>
  /** Value of `sortBy` when only `sortOrder` is given. */
  defaultSortBy?: string
  /** Default order per `sortBy` value; ASC when absent. */
  defaultOrder?: Record<string, 'ASC' | 'DESC'>
  /** The Database service matches displayName case-insensitively; Core matches it exactly. */
  caseInsensitiveName?: boolean
  /** Compare case-insensitively (Cloud Guard) instead of case-sensitively (Core). */
  caseInsensitive?: boolean
  /** Custom ranking for enumerations such as risk levels: higher ranks sort later in ASC. */
  rank?: Record<string, (value: unknown) => number>
  maxLimit?: number
  defaultLimit?: number
}

/** Standard OCI list behaviour: exact displayName and lifecycleState filters, sorting, limit and page. */
export function listResult<T extends Record<string, unknown>>(
  ctx: RequestContext,
  docs: readonly T[],
  options: ListOptions,
  toJson: (doc: T) => unknown = (doc) => doc,
  wrap: (items: unknown[]) => unknown = (items) => items,
): RouteResult {
  const q = ctx.query
  let rows = [...docs]
  const displayName = q.get('displayName')
  if (displayName) {
    const wanted = options.caseInsensitiveName ? displayName.toLowerCase() : displayName
    rows = rows.filter((r) => {
      const name = String(r.displayName ?? '')
      return (options.caseInsensitiveName ? name.toLowerCase() : name) === wanted
    })
  }
  if (options.lifecycleStates) {
    const state = q.get('lifecycleState') && q.oneOf('lifecycleState', options.lifecycleStates, '')
    if (state) rows = rows.filter((r) => r.lifecycleState === state)
  }
  if (options.sortFields) {
    const keys = Object.keys(options.sortFields)
    const sortBy = q.get('sortBy') ? q.oneOf('sortBy', keys, keys[0]) : undefined
    const order = q.get('sortOrder') ? q.oneOf('sortOrder', ['ASC', 'DESC'], 'ASC') : undefined
    const by = sortBy ?? (order ? (options.defaultSortBy ?? keys[0]) : undefined)
    if (by) {
      const field = options.sortFields[by]
      const dir = (order ?? options.defaultOrder?.[by] ?? 'ASC') === 'ASC' ? 1 : -1
      const rank = options.rank?.[by]
      const key = (r: T) => {
        if (rank) return rank(r[field])
        const v = r[field] ?? ''
        return options.caseInsensitive ? String(v).toLowerCase() : String(v)
      }
      rows.sort((a, b) => {
        const ka = key(a)
        const kb = key(b)
        return (ka < kb ? -1 : ka > kb ? 1 : 0) * dir
      })
    }
  }
  const limit = q.int('limit', {
    min: 1,
    max: options.maxLimit ?? 1000,
    fallback: options.defaultLimit ?? 100,
  })
  const page = paginate(rows, limit, q.get('page'))
  return { json: wrap(page.items.map(toJson)), headers: { 'opc-next-page': page.nextPage } }
}

/** Exact-match filters on optional query parameters that name document fields. */
export function filterBy<T extends Record<string, unknown>>(
  ctx: RequestContext,
  rows: readonly T[],
  params: Record<string, string>,
): T[] {
  let out = [...rows]
  for (const [param, field] of Object.entries(params)) {
    const value = ctx.query.get(param)
    if (value) out = out.filter((r) => r[field] === value)
  }
  return out
}

/** The compartment and every compartment beneath it. */
export function subtreeOf(ctx: RequestContext, compartmentId: string): Set<string> {
  const tree = ctx.core.store.tree
  const ids = [ctx.core.store.state.tenancy.id, ...ctx.core.store.state.compartments.map((c) => c.id)]
  return new Set(
    ids.filter((id) => {
      for (let c: string | undefined = id; c !== undefined; c = tree.parentOf(c))
        if (c === compartmentId) return true
      return false
    }),
  )
}

export const V = '/20160918'

/** Transitional states are reported by the action's own answer; the store keeps the state it settles in. */
export function transitioned(doc: OciDocument, transitional: string, settled: string): OciDocument {
  doc.lifecycleState = settled
  return { ...doc, lifecycleState: transitional }
}
