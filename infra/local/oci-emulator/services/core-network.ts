// Core Services Networking (VirtualNetworkClient) on its real REST paths: VNICs, VCNs, subnets, route tables, security lists, NSGs, private IPs.
import { missingParameter, notAuthorizedOrNotFound } from '../errors.ts'
import type { RouteResult } from '../http.ts'
import type { InfraState, OciDocument } from '../infra-state.ts'
import type { Requirement } from '../policy.ts'
import type { RequestContext, Route } from '../router.ts'
import { allowed, byId, filterBy, infra, listIn, listResult, one, onResource, V } from './infra-common.ts'

const BASIC_STATES = ['PROVISIONING', 'AVAILABLE', 'TERMINATING', 'TERMINATED'] as const
const UPDATABLE_STATES = [...BASIC_STATES, 'UPDATING'] as const
const SORT = { TIMECREATED: 'timeCreated', DISPLAYNAME: 'displayName' }
const SORT_DEFAULTS = { TIMECREATED: 'DESC', DISPLAYNAME: 'ASC' } as const

type Collection = 'vcns' | 'subnets' | 'routeTables' | 'securityLists' | 'networkSecurityGroups'

/** List in a compartment, optionally within one VCN: the shape shared by the VCN-scoped resources. */
const listInVcn =
  (collection: Collection, states: readonly string[]) =>
  (ctx: RequestContext): RouteResult => {
    const compartmentId = ctx.query.get('compartmentId')
    const rows = filterBy(
      ctx,
      infra(ctx)[collection].filter((r) => r.compartmentId === compartmentId),
      collection === 'vcns' ? {} : { vcnId: 'vcnId' },
    )
    return listResult(ctx, rows, { lifecycleStates: states, sortFields: SORT, defaultOrder: SORT_DEFAULTS })
  }

const find = (collection: keyof InfraState, param: string) => (ctx: RequestContext) =>
  byId(infra(ctx)[collection] as OciDocument[], ctx.params[param])

const getOne = (collection: keyof InfraState, param: string) => (ctx: RequestContext) => {
  const doc = find(collection, param)(ctx)
  if (!doc) throw notAuthorizedOrNotFound()
  return one(doc)
}

/** ListNetworkSecurityGroups takes a compartment, a VCN or a VLAN; one of them is required. */
function authorizeListNsgs(ctx: RequestContext): Requirement[] {
  const compartmentId = ctx.query.get('compartmentId')
  if (compartmentId) return [{ verb: 'inspect', resourceType: 'network-security-groups', compartmentId }]
  const vcnId = ctx.query.get('vcnId')
  if (vcnId) {
    const vcn = byId(infra(ctx).vcns, vcnId)
    if (!vcn) throw notAuthorizedOrNotFound()
    return [{ verb: 'inspect', resourceType: 'vcns', compartmentId: vcn.compartmentId }]
  }
  // No VLANs are seeded: a VLAN named here cannot be found.
  if (ctx.query.get('vlanId')) throw notAuthorizedOrNotFound()
  throw missingParameter('compartmentId')
}

function listNsgs(ctx: RequestContext): RouteResult {
  const compartmentId = ctx.query.get('compartmentId')
  let rows = filterBy(ctx, infra(ctx).networkSecurityGroups, { vcnId: 'vcnId' })
  if (compartmentId) rows = rows.filter((r) => r.compartmentId === compartmentId)
  // Listed by VCN, the answer holds only the groups the caller may see.
  else rows = rows.filter((r) => allowed(ctx, 'inspect', 'network-security-groups', r.compartmentId))
  return listResult(ctx, rows, {
    lifecycleStates: BASIC_STATES,
    sortFields: SORT,
    defaultOrder: SORT_DEFAULTS,
  })
}

function listNsgRules(ctx: RequestContext): RouteResult {
  const id = ctx.params.networkSecurityGroupId
  let rules = infra(ctx)
    .networkSecurityGroupRules.filter((r) => r.networkSecurityGroupId === id)
    .map((r) => r.rule)
  const direction =
    ctx.query.get('direction') && ctx.query.oneOf('direction', ['EGRESS', 'INGRESS'], 'INGRESS')
  if (direction) rules = rules.filter((r) => r.direction === direction)
  return listResult(ctx, rules, {
    sortFields: { TIMECREATED: 'timeCreated' },
    defaultOrder: { TIMECREATED: 'DESC' },
  })
}

/**
 * ListPrivateIps: by VNIC, by subnet (optionally one address), or by VLAN. Listed by subnet the
 * answer holds only the addresses in compartments the caller may inspect.
 */
function authorizeListPrivateIps(ctx: RequestContext): Requirement[] {
  const vnicId = ctx.query.get('vnicId')
  if (vnicId) {
    const vnic = byId(infra(ctx).vnics, vnicId)
    if (!vnic) throw notAuthorizedOrNotFound()
    return [{ verb: 'inspect', resourceType: 'private-ips', compartmentId: vnic.compartmentId }]
  }
  const subnetId = ctx.query.get('subnetId')
  if (subnetId) {
    const subnet = byId(infra(ctx).subnets, subnetId)
    if (!subnet) throw notAuthorizedOrNotFound()
    return [{ verb: 'inspect', resourceType: 'subnets', compartmentId: subnet.compartmentId }]
  }
  if (ctx.query.get('vlanId')) throw notAuthorizedOrNotFound()
  // An ipAddress alone is not enough either: it is looked up within a subnet.
  throw missingParameter('subnetId')
}

function listPrivateIps(ctx: RequestContext): RouteResult {
  if (ctx.query.get('ipState')) ctx.query.oneOf('ipState', ['ASSIGNED', 'AVAILABLE'], 'ASSIGNED')
  if (ctx.query.get('lifetime')) ctx.query.oneOf('lifetime', ['EPHEMERAL', 'RESERVED'], 'EPHEMERAL')
  let rows = filterBy(ctx, infra(ctx).privateIps, {
    vnicId: 'vnicId',
    subnetId: 'subnetId',
    ipAddress: 'ipAddress',
    ipState: 'ipState',
    lifetime: 'lifetime',
  })
  if (!ctx.query.get('vnicId'))
    rows = rows.filter((r) => allowed(ctx, 'inspect', 'private-ips', r.compartmentId))
  return listResult(ctx, rows, {}, ({ lifecycleState: _, ...ip }) => ip)
}

const route = (
  pattern: string,
  operation: string,
  authorize: Route['authorize'],
  handle: Route['handle'],
): Route => ({ method: 'GET', pattern: `${V}${pattern}`, operation, service: 'core', authorize, handle })

export const coreNetworkRoutes: Route[] = [
  // VNIC_READ comes with `read vnics`.
  route(
    '/vnics/{vnicId}',
    'GetVnic',
    onResource('read', 'vnics', find('vnics', 'vnicId')),
    getOne('vnics', 'vnicId'),
  ),
  // For the rest of virtual-network-family, `inspect` already covers List and Get (VCN_READ, SUBNET_READ, …).
  route('/vcns', 'ListVcns', listIn('inspect', 'vcns'), listInVcn('vcns', UPDATABLE_STATES)),
  route(
    '/vcns/{vcnId}',
    'GetVcn',
    onResource('inspect', 'vcns', find('vcns', 'vcnId')),
    getOne('vcns', 'vcnId'),
  ),
  route('/subnets', 'ListSubnets', listIn('inspect', 'subnets'), listInVcn('subnets', UPDATABLE_STATES)),
  route(
    '/subnets/{subnetId}',
    'GetSubnet',
    onResource('inspect', 'subnets', find('subnets', 'subnetId')),
    getOne('subnets', 'subnetId'),
  ),
  route(
    '/routeTables',
    'ListRouteTables',
    listIn('inspect', 'route-tables'),
    listInVcn('routeTables', BASIC_STATES),
  ),
  route(
    '/routeTables/{rtId}',
    'GetRouteTable',
    onResource('inspect', 'route-tables', find('routeTables', 'rtId')),
    getOne('routeTables', 'rtId'),
  ),
  route(
    '/securityLists',
    'ListSecurityLists',
    listIn('inspect', 'security-lists'),
    listInVcn('securityLists', BASIC_STATES),
  ),
  route(
    '/securityLists/{securityListId}',
    'GetSecurityList',
    onResource('inspect', 'security-lists', find('securityLists', 'securityListId')),
    getOne('securityLists', 'securityListId'),
  ),
  route('/networkSecurityGroups', 'ListNetworkSecurityGroups', authorizeListNsgs, listNsgs),
  route(
    '/networkSecurityGroups/{networkSecurityGroupId}',
    'GetNetworkSecurityGroup',
    onResource('inspect', 'network-security-groups', find('networkSecurityGroups', 'networkSecurityGroupId')),
    getOne('networkSecurityGroups', 'networkSecurityGroupId'),
  ),
  // Listing a group's rules is NETWORK_SECURITY_GROUP_LIST_SECURITY_RULES, which comes with `read`.
  route(
    '/networkSecurityGroups/{networkSecurityGroupId}/securityRules',
    'ListNetworkSecurityGroupSecurityRules',
    onResource('read', 'network-security-groups', find('networkSecurityGroups', 'networkSecurityGroupId')),
    listNsgRules,
  ),
  route('/privateIps', 'ListPrivateIps', authorizeListPrivateIps, listPrivateIps),
]
