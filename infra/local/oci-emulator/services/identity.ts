// IAM (Identity) on its real REST paths under /20160918: tenancy, compartments, regions, users, groups, policies.
import { invalidParameter, missingParameter, notAuthorizedOrNotFound } from '../errors.ts'
import { paginate, type RouteResult } from '../http.ts'
import type { Requirement } from '../policy.ts'
import type { RequestContext, Route } from '../router.ts'
import type { CompartmentRecord, GroupRecord, PolicyRecord, UserRecord } from '../store.ts'

/** The regions this realm offers (ListRegions); subscriptions come from the seed. */
const REGIONS = [
  ['IAD', 'us-ashburn-1'],
  ['PHX', 'us-phoenix-1'],
  ['SJC', 'us-sanjose-1'],
  ['YYZ', 'ca-toronto-1'],
  ['GRU', 'sa-saopaulo-1'],
  ['LHR', 'uk-london-1'],
  ['FRA', 'eu-frankfurt-1'],
  ['AMS', 'eu-amsterdam-1'],
  ['ZRH', 'eu-zurich-1'],
  ['CDG', 'eu-paris-1'],
  ['BOM', 'ap-mumbai-1'],
  ['SIN', 'ap-singapore-1'],
  ['NRT', 'ap-tokyo-1'],
  ['ICN', 'ap-seoul-1'],
  ['SYD', 'ap-sydney-1'],
].map(([key, name]) => ({ key, name }))

const LIFECYCLE_STATES = ['CREATING', 'ACTIVE', 'INACTIVE', 'DELETING', 'DELETED'] as const
const noTags = { freeformTags: {}, definedTags: {} }

const tenancyId = (ctx: RequestContext) => ctx.core.store.state.tenancy.id

/** Tenancy-level resources: the path must name this tenancy, and `inspect tenancies` covers them. */
function inTenancy(verb: Requirement['verb'], resourceType: string) {
  return (ctx: RequestContext): Requirement[] => {
    if (ctx.params.tenancyId !== tenancyId(ctx)) throw notAuthorizedOrNotFound()
    return [{ verb, resourceType, compartmentId: tenancyId(ctx) }]
  }
}

function requiredCompartmentId(ctx: RequestContext): string {
  const id = ctx.query.get('compartmentId')
  if (!id) throw missingParameter('compartmentId')
  return id
}

/** List calls need `inspect <type>` in the compartment they list; unknown compartments fail the same way. */
const listIn =
  (resourceType: string) =>
  (ctx: RequestContext): Requirement[] => [
    { verb: 'inspect', resourceType, compartmentId: requiredCompartmentId(ctx) },
  ]

/** name / lifecycleState filters, sorting and paging shared by the IAM list calls. */
function listResponse<T extends { name: string; timeCreated: string }>(
  ctx: RequestContext,
  items: T[],
  toJson: (item: T) => Record<string, unknown>,
): RouteResult {
  const q = ctx.query
  const name = q.get('name')
  const state = q.get('lifecycleState') && q.oneOf('lifecycleState', LIFECYCLE_STATES, 'ACTIVE')
  const sortBy = q.get('sortBy') && q.oneOf('sortBy', ['TIMECREATED', 'NAME'], 'TIMECREATED')
  const order = q.oneOf('sortOrder', ['ASC', 'DESC'], sortBy === 'TIMECREATED' ? 'DESC' : 'ASC')
  const limit = q.int('limit', { min: 1, max: 1000, fallback: 1000 })
  let rows = items
    .map(toJson)
    .filter((r) => (!name || r.name === name) && (!state || r.lifecycleState === state))
  if (sortBy) {
    const key = sortBy === 'NAME' ? 'name' : 'timeCreated'
    const cmp = (a: Record<string, unknown>, b: Record<string, unknown>) =>
      String(a[key]).toLowerCase().localeCompare(String(b[key]).toLowerCase())
    rows = rows.sort((a, b) => (order === 'ASC' ? cmp(a, b) : cmp(b, a)))
  }
  const page = paginate(rows, limit, q.get('page'))
  return { json: page.items, headers: { 'opc-next-page': page.nextPage } }
}

function compartmentJson(ctx: RequestContext, c: CompartmentRecord) {
  return {
    id: c.id,
    compartmentId: c.compartmentId,
    name: c.name,
    description: c.description,
    timeCreated: c.timeCreated,
    lifecycleState: c.lifecycleState,
    isAccessible: ctx.principal ? ctx.core.policy.hasAnyAccess(ctx.principal, c.id) : false,
    ...noTags,
  }
}

function rootCompartment(ctx: RequestContext): CompartmentRecord {
  const t = ctx.core.store.state.tenancy
  return { ...t, compartmentId: t.id, lifecycleState: 'ACTIVE' }
}

function getTenancy(ctx: RequestContext): RouteResult {
  const { timeCreated: _, ...tenancy } = ctx.core.store.state.tenancy
  return { json: { ...tenancy, upiIdcsCompatibilityLayerEndpoint: null, ...noTags } }
}

function listCompartments(ctx: RequestContext): RouteResult {
  const parentId = requiredCompartmentId(ctx)
  const store = ctx.core.store
  const subtree = ctx.query.bool('compartmentIdInSubtree')
  if (subtree && parentId !== tenancyId(ctx)) {
    throw invalidParameter('compartmentIdInSubtree may only be true when compartmentId is the tenancy.')
  }
  const accessLevel = ctx.query.oneOf('accessLevel', ['ANY', 'ACCESSIBLE'], 'ANY')
  let items = store.state.compartments.filter((c) => subtree || c.compartmentId === parentId)
  if (accessLevel === 'ACCESSIBLE')
    items = items.filter((c) => ctx.core.policy.hasAnyAccess(ctx.principal!, c.id))
  return listResponse(ctx, items, (c) => compartmentJson(ctx, c))
}

/** A compartment is a resource of its parent: seeing it takes `inspect compartments` there. */
function authorizeGetCompartment(ctx: RequestContext): Requirement[] {
  const id = ctx.params.compartmentId
  const parent = id === tenancyId(ctx) ? id : ctx.core.store.compartment(id)?.compartmentId
  if (!parent) throw notAuthorizedOrNotFound()
  return [{ verb: 'inspect', resourceType: 'compartments', compartmentId: parent }]
}

function getCompartment(ctx: RequestContext): RouteResult {
  const id = ctx.params.compartmentId
  const c = id === tenancyId(ctx) ? rootCompartment(ctx) : ctx.core.store.compartment(id)
  if (!c) throw notAuthorizedOrNotFound()
  return { json: compartmentJson(ctx, c) }
}

function userJson(ctx: RequestContext, u: UserRecord) {
  return {
    id: u.id,
    compartmentId: tenancyId(ctx),
    name: u.name,
    description: u.description,
    email: u.email,
    emailVerified: true,
    timeCreated: u.timeCreated,
    lifecycleState: 'ACTIVE',
    ...noTags,
    capabilities: {
      canUseConsolePassword: true,
      canUseApiKeys: true,
      canUseAuthTokens: true,
      canUseSmtpCredentials: true,
      canUseDbCredentials: true,
      canUseCustomerSecretKeys: true,
      canUseOAuth2ClientCredentials: true,
    },
    isMfaActivated: false,
  }
}

/** Users may always read themselves; anyone else needs `read users` in the tenancy. */
function authorizeGetUser(ctx: RequestContext): Requirement[] {
  if (ctx.principal?.id === ctx.params.userId) return []
  return [{ verb: 'read', resourceType: 'users', compartmentId: tenancyId(ctx) }]
}

function getUser(ctx: RequestContext): RouteResult {
  const user = ctx.core.store.state.users.find((u) => u.id === ctx.params.userId)
  if (!user) throw notAuthorizedOrNotFound()
  return { json: userJson(ctx, user) }
}

/** Users and groups live in the root compartment only; listing elsewhere finds nothing. */
const atRoot = <T>(ctx: RequestContext, items: T[]) =>
  requiredCompartmentId(ctx) === tenancyId(ctx) ? items : []

const groupJson = (ctx: RequestContext, g: GroupRecord) => ({
  id: g.id,
  compartmentId: tenancyId(ctx),
  name: g.name,
  description: g.description,
  timeCreated: g.timeCreated,
  lifecycleState: 'ACTIVE',
  ...noTags,
})

const policyJson = (p: PolicyRecord) => ({
  id: p.id,
  compartmentId: p.compartmentId,
  name: p.name,
  statements: p.statements,
  description: p.description,
  timeCreated: p.timeCreated,
  lifecycleState: 'ACTIVE',
  versionDate: null,
  ...noTags,
})

const V = '/20160918'

export const identityRoutes: Route[] = [
  {
    method: 'GET',
    pattern: `${V}/tenancies/{tenancyId}`,
    operation: 'GetTenancy',
    service: 'identity',
    authorize: inTenancy('inspect', 'tenancies'),
    handle: getTenancy,
  },
  {
    method: 'GET',
    pattern: `${V}/tenancies/{tenancyId}/regionSubscriptions`,
    operation: 'ListRegionSubscriptions',
    service: 'identity',
    authorize: inTenancy('inspect', 'tenancies'),
    handle: (ctx) => ({ json: ctx.core.store.state.regions }),
  },
  {
    method: 'GET',
    pattern: `${V}/regions`,
    operation: 'ListRegions',
    service: 'identity',
    authorize: null,
    handle: () => ({ json: REGIONS }),
  },
  {
    method: 'GET',
    pattern: `${V}/compartments`,
    operation: 'ListCompartments',
    service: 'identity',
    authorize: listIn('compartments'),
    handle: listCompartments,
  },
  {
    method: 'GET',
    pattern: `${V}/compartments/{compartmentId}`,
    operation: 'GetCompartment',
    service: 'identity',
    authorize: authorizeGetCompartment,
    handle: getCompartment,
  },
  {
    method: 'GET',
    pattern: `${V}/users/{userId}`,
    operation: 'GetUser',
    service: 'identity',
    authorize: authorizeGetUser,
    handle: getUser,
  },
  {
    method: 'GET',
    pattern: `${V}/users`,
    operation: 'ListUsers',
    service: 'identity',
    authorize: listIn('users'),
    handle: (ctx) => listResponse(ctx, atRoot(ctx, ctx.core.store.state.users), (u) => userJson(ctx, u)),
  },
  {
    method: 'GET',
    pattern: `${V}/groups`,
    operation: 'ListGroups',
    service: 'identity',
    authorize: listIn('groups'),
    handle: (ctx) => listResponse(ctx, atRoot(ctx, ctx.core.store.state.groups), (g) => groupJson(ctx, g)),
  },
  {
    method: 'GET',
    pattern: `${V}/policies`,
    operation: 'ListPolicies',
    service: 'identity',
    authorize: listIn('policies'),
    handle: (ctx) => {
      const compartmentId = requiredCompartmentId(ctx)
      const policies = ctx.core.store.state.policies.filter((p) => p.compartmentId === compartmentId)
      return listResponse(ctx, policies, policyJson)
    },
  },
]
