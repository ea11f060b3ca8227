// Cloud Guard (CloudGuardClient) on its real REST paths under /20200131: ListProblems and GetProblem.
import { invalidParameter } from '../errors.ts'
import type { RouteResult } from '../http.ts'
import type { OciDocument } from '../infra-state.ts'
import type { RequestContext, Route } from '../router.ts'
import { allowed, byId, infra, listIn, listResult, one, onResource, subtreeOf } from './infra-common.ts'

const CG = '/20200131'
const RISK_LEVELS = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'MINOR'] as const
const RISK_RANK: Record<string, number> = { MINOR: 1, LOW: 2, MEDIUM: 3, HIGH: 4, CRITICAL: 5 }
const DETECTORS = [
  'IAAS_ACTIVITY_DETECTOR',
  'IAAS_CONFIGURATION_DETECTOR',
  'IAAS_THREAT_DETECTOR',
  'IAAS_LOG_INSIGHT_DETECTOR',
  'IAAS_INSTANCE_SECURITY_DETECTOR',
  'IAAS_CONTAINER_SECURITY_DETECTOR',
] as const

/** The ProblemSummary fields, in the model's order; GetProblem returns the whole Problem. */
const SUMMARY_FIELDS = [
  'id',
  'compartmentId',
  'detectorRuleId',
  'riskLevel',
  'riskScore',
  'resourceId',
  'resourceName',
  'resourceType',
  'labels',
  'timeFirstDetected',
  'timeLastDetected',
  'lifecycleState',
  'lifecycleDetail',
  'detectorId',
  'region',
  'regions',
  'targetId',
  'locks',
] as const

const summary = (p: OciDocument) => Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, p[f] ?? null]))

/**
 * The SDK writes Date query values as `YYYY-MM-DDTH:MM:SSZ` (hours not zero-padded); RFC 3339 is
 * accepted as well. Anything else is a 400, as the service answers.
 */
function timeParam(ctx: RequestContext, name: string): number | undefined {
  const raw = ctx.query.get(name)
  if (!raw) return undefined
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{1,2})(:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:\d{2})$/.exec(raw)
  const ms = m ? Date.parse(`${m[1]}T${m[2].padStart(2, '0')}${m[3]}${m[4]}`) : Number.NaN
  if (Number.isNaN(ms)) throw invalidParameter(`The '${name}' parameter must be an RFC 3339 timestamp.`)
  return ms
}

function listProblems(ctx: RequestContext): RouteResult {
  const q = ctx.query
  const compartmentId = q.get('compartmentId')!
  const subtree = q.bool('compartmentIdInSubtree')
  if (q.get('accessLevel')) q.oneOf('accessLevel', ['RESTRICTED', 'ACCESSIBLE'], 'RESTRICTED')
  const scope = subtree ? subtreeOf(ctx, compartmentId) : new Set([compartmentId])
  let rows = infra(ctx).problems.filter(
    (p) =>
      scope.has(p.compartmentId) &&
      (p.compartmentId === compartmentId || allowed(ctx, 'inspect', 'cloud-guard-problems', p.compartmentId)),
  )
  const riskLevel = q.get('riskLevel') && q.oneOf('riskLevel', RISK_LEVELS, 'HIGH')
  if (riskLevel) rows = rows.filter((p) => p.riskLevel === riskLevel)
  const detail =
    q.get('lifecycleDetail') &&
    q.oneOf('lifecycleDetail', ['OPEN', 'RESOLVED', 'DISMISSED', 'DELETED'], 'OPEN')
  if (detail) rows = rows.filter((p) => p.lifecycleDetail === detail)
  const detector = q.get('detectorType') && q.oneOf('detectorType', DETECTORS, 'IAAS_CONFIGURATION_DETECTOR')
  if (detector) rows = rows.filter((p) => p.detectorId === detector)
  // Every seeded problem comes from a detector; none belongs to a security zone.
  if (q.get('problemCategory') && q.oneOf('problemCategory', ['SECURITY_ZONE'], 'SECURITY_ZONE')) rows = []
  for (const field of ['region', 'resourceType', 'resourceId', 'targetId'] as const) {
    const value = q.get(field)
    if (value)
      rows = rows.filter((p) => p[field] === value || (field === 'region' && regionsOf(p).includes(value)))
  }
  const label = q.get('label')
  if (label) rows = rows.filter((p) => (p.labels as string[] | undefined)?.includes(label))
  const rules = q.get('detectorRuleIdList')
  if (rules) {
    const wanted = new Set(rules.split(','))
    rows = rows.filter((p) => wanted.has(String(p.detectorRuleId)))
  }
  const bounds: Array<[string, 'timeLastDetected' | 'timeFirstDetected', 1 | -1]> = [
    ['timeLastDetectedGreaterThanOrEqualTo', 'timeLastDetected', 1],
    ['timeLastDetectedLessThanOrEqualTo', 'timeLastDetected', -1],
    ['timeFirstDetectedGreaterThanOrEqualTo', 'timeFirstDetected', 1],
    ['timeFirstDetectedLessThanOrEqualTo', 'timeFirstDetected', -1],
  ]
  for (const [param, field, sign] of bounds) {
    const bound = timeParam(ctx, param)
    if (bound !== undefined) rows = rows.filter((p) => (Date.parse(String(p[field])) - bound) * sign >= 0)
  }
  return listResult(
    ctx,
    rows,
    {
      lifecycleStates: ['ACTIVE', 'INACTIVE'],
      sortFields: {
        riskLevel: 'riskLevel',
        timeLastDetected: 'timeLastDetected',
        resourceName: 'resourceName',
      },
      defaultSortBy: 'timeLastDetected',
      defaultOrder: { riskLevel: 'DESC', timeLastDetected: 'DESC', resourceName: 'ASC' },
      caseInsensitive: true,
      rank: { riskLevel: (v) => RISK_RANK[String(v)] ?? 0 },
    },
    summary,
    (items) => ({ items }),
  )
}

const regionsOf = (p: OciDocument) => (p.regions as string[] | undefined) ?? []

const problemOf = (ctx: RequestContext) => byId(infra(ctx).problems, ctx.params.problemId)

function getProblem(ctx: RequestContext): RouteResult {
  const problem = problemOf(ctx)!
  return one(problem)
}

export const cloudGuardRoutes: Route[] = [
  {
    method: 'GET',
    pattern: `${CG}/problems`,
    operation: 'ListProblems',
    service: 'cloudguard',
    // CG_PROBLEM_INSPECT comes with `inspect cloud-guard-problems`, CG_PROBLEM_READ with `read`.
    authorize: listIn('inspect', 'cloud-guard-problems'),
    handle: listProblems,
  },
  {
    method: 'GET',
    pattern: `${CG}/problems/{problemId}`,
    operation: 'GetProblem',
    service: 'cloudguard',
    authorize: onResource('read', 'cloud-guard-problems', problemOf),
    handle: getProblem,
  },
]
