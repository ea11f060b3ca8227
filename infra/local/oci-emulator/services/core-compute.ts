// Core Services Compute (ComputeClient) on its real REST paths: instances and their power actions, VNIC attachments, shapes, images.
import { invalidParameter, notAuthorizedOrNotFound, OciServiceError } from '../errors.ts'
import type { RouteResult } from '../http.ts'
import type { Requirement } from '../policy.ts'
import type { RequestContext, Route } from '../router.ts'
import { platformImages, platformShapes } from '../seed-infra.ts'
import {
  byId,
  checkIfMatch,
  filterBy,
  incorrectState,
  infra,
  listIn,
  listResult,
  one,
  optionalJsonBody,
  transitioned,
  V,
} from './infra-common.ts'

const INSTANCE_STATES = [
  'MOVING',
  'PROVISIONING',
  'RUNNING',
  'STARTING',
  'STOPPING',
  'STOPPED',
  'CREATING_IMAGE',
  'TERMINATING',
  'TERMINATED',
] as const
const IMAGE_STATES = ['PROVISIONING', 'IMPORTING', 'AVAILABLE', 'EXPORTING', 'DISABLED', 'DELETED'] as const
const SORT = { TIMECREATED: 'timeCreated', DISPLAYNAME: 'displayName' }
const SORT_DEFAULTS = { TIMECREATED: 'DESC', DISPLAYNAME: 'ASC' } as const

/** Core's wording for a missing or hidden instance, as the CLI shows it. */
const instanceNotFound = (id: string) =>
  new OciServiceError(404, 'NotAuthorizedOrNotFound', `instance ${id} not found`)

const instanceOf = (ctx: RequestContext) => byId(infra(ctx).instances, ctx.params.instanceId)

function getInstance(ctx: RequestContext): RouteResult {
  const instance = instanceOf(ctx)
  if (!instance) throw instanceNotFound(ctx.params.instanceId)
  return one(instance)
}

function listInstances(ctx: RequestContext): RouteResult {
  const compartmentId = ctx.query.get('compartmentId')
  const rows = filterBy(
    ctx,
    infra(ctx).instances.filter((i) => i.compartmentId === compartmentId),
    {
      availabilityDomain: 'availabilityDomain',
      capacityReservationId: 'capacityReservationId',
      computeClusterId: 'computeClusterId',
    },
  )
  return listResult(ctx, rows, {
    lifecycleStates: INSTANCE_STATES,
    sortFields: SORT,
    defaultOrder: SORT_DEFAULTS,
  })
}

/** InstanceAction values the API accepts (InstanceActionRequest.action). */
const ACTIONS = [
  'STOP',
  'START',
  'SOFTRESET',
  'RESET',
  'SOFTSTOP',
  'SENDDIAGNOSTICINTERRUPT',
  'DIAGNOSTICREBOOT',
  'REBOOTMIGRATE',
] as const
type Action = (typeof ACTIONS)[number]

/** For each action: the state it needs, the state its answer shows, and the state the instance settles in. */
const TRANSITIONS: Record<Action, { from: string; shows: string; settles: string }> = {
  START: { from: 'STOPPED', shows: 'STARTING', settles: 'RUNNING' },
  STOP: { from: 'RUNNING', shows: 'STOPPING', settles: 'STOPPED' },
  SOFTSTOP: { from: 'RUNNING', shows: 'STOPPING', settles: 'STOPPED' },
  RESET: { from: 'RUNNING', shows: 'RUNNING', settles: 'RUNNING' },
  SOFTRESET: { from: 'RUNNING', shows: 'RUNNING', settles: 'RUNNING' },
  SENDDIAGNOSTICINTERRUPT: { from: 'RUNNING', shows: 'RUNNING', settles: 'RUNNING' },
  DIAGNOSTICREBOOT: { from: 'RUNNING', shows: 'RUNNING', settles: 'RUNNING' },
  REBOOTMIGRATE: { from: 'RUNNING', shows: 'RUNNING', settles: 'RUNNING' },
}

function instanceAction(ctx: RequestContext): RouteResult {
  const instance = instanceOf(ctx)
  if (!instance) throw instanceNotFound(ctx.params.instanceId)
  const action = actionOf(ctx)
  const details = optionalJsonBody(ctx)
  if (details && details.actionType !== undefined && typeof details.actionType !== 'string') {
    throw invalidParameter("Invalid value for 'actionType'.")
  }
  checkIfMatch(ctx, instance)
  if (action === 'REBOOTMIGRATE' && instance.timeMaintenanceRebootDue == null) {
    throw incorrectState(`Instance ${instance.id} has no maintenance reboot scheduled.`)
  }
  const t = TRANSITIONS[action]
  if (instance.lifecycleState !== t.from) {
    throw incorrectState(
      `Instance ${instance.id} is ${instance.lifecycleState}; the ${action} action needs it to be ${t.from}.`,
    )
  }
  const shown = transitioned(instance, t.shows, t.settles)
  ctx.core.store.save()
  return one(shown)
}

function actionOf(ctx: RequestContext): Action {
  const action = ctx.query.get('action')
  if (!action) throw new OciServiceError(400, 'MissingParameter', "Missing required parameter 'action'.")
  return ctx.query.oneOf('action', ACTIONS, 'START')
}

function listVnicAttachments(ctx: RequestContext): RouteResult {
  const compartmentId = ctx.query.get('compartmentId')
  const rows = filterBy(
    ctx,
    infra(ctx).vnicAttachments.filter((a) => a.compartmentId === compartmentId),
    { instanceId: 'instanceId', vnicId: 'vnicId', availabilityDomain: 'availabilityDomain' },
  )
  return listResult(ctx, rows, {})
}

function listShapes(ctx: RequestContext): RouteResult {
  let shapes = platformShapes()
  const imageId = ctx.query.get('imageId')
  if (imageId) {
    const image = platformImages().find((i) => i.id === imageId)
    if (!image) throw notAuthorizedOrNotFound()
    shapes = shapes.filter((s) => s.arch === image.arch)
  }
  const shape = ctx.query.get('shape')
  if (shape) shapes = shapes.filter((s) => s.shape === shape)
  return listResult(ctx, shapes, {}, ({ arch: _, ...s }) => s)
}

function listImages(ctx: RequestContext): RouteResult {
  let images = filterBy(ctx, platformImages(), {
    operatingSystem: 'operatingSystem',
    operatingSystemVersion: 'operatingSystemVersion',
  })
  const shape = ctx.query.get('shape')
  if (shape) {
    const known = platformShapes().find((s) => s.shape === shape)
    images = known ? images.filter((i) => i.arch === known.arch) : []
  }
  return listResult(
    ctx,
    images,
    { lifecycleStates: IMAGE_STATES, sortFields: SORT, defaultOrder: SORT_DEFAULTS },
    ({ arch: _, ...image }) => image,
  )
}

function getImage(ctx: RequestContext): RouteResult {
  const image = platformImages().find((i) => i.id === ctx.params.imageId)
  if (!image) throw notAuthorizedOrNotFound()
  const { arch: _, ...json } = image
  return one(json)
}

const instanceRoute = {
  service: 'core',
  deny: (ctx: RequestContext) => instanceNotFound(ctx.params.instanceId),
} as const
const onInstance =
  (verb: 'read' | 'use') =>
  (ctx: RequestContext): Requirement[] => {
    const instance = instanceOf(ctx)
    if (!instance) throw instanceNotFound(ctx.params.instanceId)
    return [{ verb, resourceType: 'instances', compartmentId: instance.compartmentId }]
  }

export const coreComputeRoutes: Route[] = [
  {
    method: 'GET',
    pattern: `${V}/instances`,
    operation: 'ListInstances',
    service: 'core',
    authorize: listIn('inspect', 'instances'),
    handle: listInstances,
  },
  {
    method: 'GET',
    pattern: `${V}/instances/{instanceId}`,
    operation: 'GetInstance',
    ...instanceRoute,
    authorize: onInstance('read'),
    handle: getInstance,
  },
  {
    method: 'POST',
    pattern: `${V}/instances/{instanceId}`,
    operation: 'InstanceAction',
    ...instanceRoute,
    // INSTANCE_POWER_ACTIONS comes with `use instances`.
    authorize: onInstance('use'),
    handle: instanceAction,
  },
  {
    method: 'GET',
    pattern: `${V}/vnicAttachments`,
    operation: 'ListVnicAttachments',
    service: 'core',
    // Covered by `inspect instances` together with `read vnic-attachments`.
    authorize: (ctx) => [...listIn('inspect', 'instances')(ctx), ...listIn('read', 'vnic-attachments')(ctx)],
    handle: listVnicAttachments,
  },
  {
    method: 'GET',
    pattern: `${V}/shapes`,
    operation: 'ListShapes',
    service: 'core',
    authorize: listIn('inspect', 'instances'),
    handle: listShapes,
  },
  {
    method: 'GET',
    pattern: `${V}/images`,
    operation: 'ListImages',
    service: 'core',
    authorize: listIn('inspect', 'instance-images'),
    handle: listImages,
  },
  {
    method: 'GET',
    pattern: `${V}/images/{imageId}`,
    operation: 'GetImage',
    service: 'core',
    // Platform images belong to Oracle and are visible to every signed-in principal.
    authorize: null,
    handle: getImage,
  },
]
