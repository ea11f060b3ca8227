// Pre-authenticated requests: create/get/list/delete, and the unauthenticated /p/{token}/… access they grant.
import { createHash, randomBytes } from 'node:crypto'
import { z } from 'zod'
import { AuthFailure, invalidParameter, OciServiceError } from '../errors.ts'
import { jsonBody, paginate, type RouteResult } from '../http.ts'
import type { Requirement } from '../policy.ts'
import type { RequestContext } from '../router.ts'
import type { ParRecord } from '../store.ts'
import { bucketOf, requirementOn, validateObjectName } from './objectstorage-common.ts'

const ACCESS_TYPES = [
  'ObjectRead',
  'ObjectWrite',
  'ObjectReadWrite',
  'AnyObjectWrite',
  'AnyObjectRead',
  'AnyObjectReadWrite',
] as const

const CreateParDetails = z.object({
  name: z.string().min(1).max(1024),
  accessType: z.enum(ACCESS_TYPES),
  timeExpires: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an RFC 3339 date'),
  objectName: z.string().optional(),
  bucketListingAction: z.enum(['Deny', 'ListObjects']).optional(),
})

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

const canRead = (t: string) => t.endsWith('Read') || t.endsWith('ReadWrite')
const canWrite = (t: string) => t.endsWith('Write')

/** Creating a PAR takes PAR_MANAGE (manage buckets) plus the object access the PAR hands out. */
export function authorizeCreatePar(ctx: RequestContext): Requirement[] {
  const bucket = bucketOf(ctx)
  const details = jsonBody(ctx.body, CreateParDetails)
  const needs = [requirementOn(bucket, 'manage', 'buckets')]
  if (canRead(details.accessType)) needs.push(requirementOn(bucket, 'read', 'objects'))
  if (canWrite(details.accessType)) needs.push(requirementOn(bucket, 'manage', 'objects'))
  return needs
}

export function createPar(ctx: RequestContext): RouteResult {
  const bucket = bucketOf(ctx)
  const d = jsonBody(ctx.body, CreateParDetails)
  const single = d.accessType.startsWith('Object')
  if (single && !d.objectName)
    throw invalidParameter(`objectName is required for accessType ${d.accessType}.`)
  if (d.objectName) validateObjectName(d.objectName)
  if (Date.parse(d.timeExpires) <= Date.now()) throw invalidParameter('timeExpires must be in the future.')
  if (d.bucketListingAction === 'ListObjects' && single) {
    throw invalidParameter('bucketListingAction ListObjects needs an AnyObject access type.')
  }
  const token = randomBytes(48).toString('base64url')
  const record: ParRecord = {
    id: randomBytes(24).toString('base64url'),
    name: d.name,
    namespace: ctx.params.namespaceName,
    bucketName: bucket.name,
    objectName: d.objectName,
    accessType: d.accessType,
    bucketListingAction: d.bucketListingAction ?? 'Deny',
    timeCreated: new Date().toISOString(),
    timeExpires: new Date(d.timeExpires).toISOString(),
    tokenSha256: sha256(token),
  }
  ctx.core.store.state.pars.push(record)
  ctx.core.store.save()
  const objectPath = single ? d.objectName!.split('/').map(encodeURIComponent).join('/') : ''
  const accessUri = `/p/${token}/n/${record.namespace}/b/${encodeURIComponent(bucket.name)}/o/${objectPath}`
  // The token is shown once, here; afterwards only its digest exists.
  const { id, name, ...rest } = summary(record)
  return { json: { id, name, accessUri, ...rest, fullPath: `${ctx.baseUrl}${accessUri}` } }
}

function summary(p: ParRecord) {
  return {
    id: p.id,
    name: p.name,
    objectName: p.objectName,
    bucketListingAction: p.bucketListingAction,
    accessType: p.accessType,
    timeExpires: p.timeExpires,
    timeCreated: p.timeCreated,
  }
}

function parOrThrow(ctx: RequestContext): ParRecord {
  const bucket = bucketOf(ctx)
  const par = ctx.core.store.state.pars.find((p) => p.id === ctx.params.parId && p.bucketName === bucket.name)
  if (!par)
    throw new OciServiceError(404, 'NotFound', `No pre-authenticated request '${ctx.params.parId}' exists.`)
  return par
}

export function getPar(ctx: RequestContext): RouteResult {
  return { json: summary(parOrThrow(ctx)) }
}

export function listPars(ctx: RequestContext): RouteResult {
  const bucket = bucketOf(ctx)
  const prefix = ctx.query.get('objectNamePrefix') ?? ''
  const all = ctx.core.store.state.pars
    .filter((p) => p.bucketName === bucket.name && (p.objectName ?? '').startsWith(prefix))
    .map(summary)
  const limit = ctx.query.int('limit', { min: 1, max: 1000, fallback: 1000 })
  const page = paginate(all, limit, ctx.query.get('page'))
  return { json: page.items, headers: { 'opc-next-page': page.nextPage } }
}

export function deletePar(ctx: RequestContext): RouteResult {
  const par = parOrThrow(ctx)
  const pars = ctx.core.store.state.pars
  pars.splice(pars.indexOf(par), 1)
  ctx.core.store.save()
  return { status: 204 }
}

/**
 * The authenticator of /p/{par}/… routes: the token must name a live PAR for this namespace and
 * bucket whose access type allows the method on this object. Every mismatch reads "PAR does not
 * exist", so a token cannot be used to learn anything.
 */
export function authenticatePar(ctx: RequestContext): void {
  const digest = sha256(ctx.params.par)
  const par = ctx.core.store.state.pars.find((p) => p.tokenSha256 === digest)
  if (!par || Date.parse(par.timeExpires) <= Date.now()) throw new AuthFailure('par_not_found')
  if (par.namespace !== ctx.params.namespaceName || par.bucketName !== ctx.params.bucketName) {
    throw new AuthFailure('par_not_found', 'bucket')
  }
  const object = ctx.params.objectName
  const single = par.accessType.startsWith('Object')
  let allowed: boolean
  if (object === undefined) {
    allowed = ctx.method === 'GET' && !single && par.bucketListingAction === 'ListObjects'
  } else {
    const nameOk = single ? object === par.objectName : object.startsWith(par.objectName ?? '')
    const methodOk = ctx.method === 'PUT' ? canWrite(par.accessType) : canRead(par.accessType)
    allowed = nameOk && methodOk
  }
  if (!allowed) throw new AuthFailure('par_not_found', 'access')
  ctx.par = par
}
