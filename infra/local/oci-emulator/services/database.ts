// Database (DatabaseClient) on its real REST paths: Autonomous Databases with start/stop and backups, DB systems and their backups.
import { randomUUID } from 'node:crypto'
import { missingParameter, notAuthorizedOrNotFound } from '../errors.ts'
import type { RouteResult } from '../http.ts'
import type { InfraState, OciDocument } from '../infra-state.ts'
import type { Requirement } from '../policy.ts'
import type { RequestContext, Route } from '../router.ts'
import {
  byId,
  checkIfMatch,
  filterBy,
  incorrectState,
  infra,
  listIn,
  listResult,
  one,
  onResource,
  transitioned,
  V,
} from './infra-common.ts'

const ADB_STATES = [
  'PROVISIONING',
  'AVAILABLE',
  'STOPPING',
  'STOPPED',
  'STARTING',
  'TERMINATING',
  'TERMINATED',
  'UNAVAILABLE',
  'RESTORE_IN_PROGRESS',
  'RESTORE_FAILED',
  'BACKUP_IN_PROGRESS',
  'SCALE_IN_PROGRESS',
  'AVAILABLE_NEEDS_ATTENTION',
  'UPDATING',
  'MAINTENANCE_IN_PROGRESS',
  'RESTARTING',
  'RECREATING',
  'ROLE_CHANGE_IN_PROGRESS',
  'UPGRADING',
  'INACCESSIBLE',
  'STANDBY',
  'TRANSPORTING',
] as const
const DB_SYSTEM_STATES = [
  'PROVISIONING',
  'AVAILABLE',
  'UPDATING',
  'TERMINATING',
  'TERMINATED',
  'FAILED',
  'MIGRATED',
  'MAINTENANCE_IN_PROGRESS',
  'NEEDS_ATTENTION',
  'UPGRADING',
] as const
const BACKUP_STATES = [
  'CREATING',
  'ACTIVE',
  'DELETING',
  'DELETED',
  'FAILED',
  'RESTORING',
  'UPDATING',
  'CANCELING',
  'CANCELED',
] as const
const ADB_BACKUP_STATES = ['CREATING', 'ACTIVE', 'DELETING', 'DELETED', 'FAILED', 'UPDATING'] as const
const SORT = { TIMECREATED: 'timeCreated', DISPLAYNAME: 'displayName' }
const SORT_DEFAULTS = { TIMECREATED: 'DESC', DISPLAYNAME: 'ASC' } as const

const find = (collection: keyof InfraState, param: string) => (ctx: RequestContext) =>
  byId(infra(ctx)[collection] as OciDocument[], ctx.params[param])

const getOne = (collection: keyof InfraState, param: string) => (ctx: RequestContext) => {
  const doc = find(collection, param)(ctx)
  if (!doc) throw notAuthorizedOrNotFound()
  return one(doc)
}

function listAutonomousDatabases(ctx: RequestContext): RouteResult {
  const q = ctx.query
  const compartmentId = q.get('compartmentId')
  let rows = filterBy(
    ctx,
    infra(ctx).autonomousDatabases.filter((a) => a.compartmentId === compartmentId),
    {
      autonomousContainerDatabaseId: 'autonomousContainerDatabaseId',
      dbVersion: 'dbVersion',
      resourcePoolLeaderId: 'resourcePoolLeaderId',
    },
  )
  const workload = q.get('dbWorkload') && q.oneOf('dbWorkload', ['OLTP', 'DW', 'AJD', 'APEX', 'LH'], 'OLTP')
  if (workload) rows = rows.filter((a) => a.dbWorkload === workload)
  const infrastructureType =
    q.get('infrastructureType') && q.oneOf('infrastructureType', ['CLOUD', 'CLOUD_AT_CUSTOMER'], 'CLOUD')
  if (infrastructureType) rows = rows.filter((a) => a.infrastructureType === infrastructureType)
  const notState =
    q.get('lifecycleStateNotEqualTo') && q.oneOf('lifecycleStateNotEqualTo', ADB_STATES, 'AVAILABLE')
  if (notState) rows = rows.filter((a) => a.lifecycleState !== notState)
  for (const flag of ['isFreeTier', 'isRefreshableClone', 'isDataGuardEnabled', 'isResourcePoolLeader']) {
    if (q.get(flag)) {
      const value = q.bool(flag)
      rows = rows.filter((a) => Boolean(a[flag]) === value)
    }
  }
  return listResult(ctx, rows, {
    lifecycleStates: ADB_STATES,
    sortFields: SORT,
    defaultOrder: SORT_DEFAULTS,
    caseInsensitiveName: true,
  })
}

/** Start and stop answer with the transitional state and a work request; the database settles at once. */
const powerAction =
  (from: string, shows: string, settles: string, verb: string) =>
  (ctx: RequestContext): RouteResult => {
    const adb = find('autonomousDatabases', 'autonomousDatabaseId')(ctx)
    if (!adb) throw notAuthorizedOrNotFound()
    checkIfMatch(ctx, adb)
    if (adb.lifecycleState !== from) {
      throw incorrectState(
        `Autonomous Database ${adb.id} is ${adb.lifecycleState}; it can be ${verb} only when it is ${from}.`,
      )
    }
    const shown = transitioned(adb, shows, settles)
    ctx.core.store.save()
    return one(shown, {
      'opc-work-request-id': `ocid1.coreservicesworkrequest.oc1.iad.${randomUUID().replace(/-/g, '')}`,
    })
  }

function listDbSystems(ctx: RequestContext): RouteResult {
  const compartmentId = ctx.query.get('compartmentId')
  const rows = filterBy(
    ctx,
    infra(ctx).dbSystems.filter((d) => d.compartmentId === compartmentId),
    { availabilityDomain: 'availabilityDomain' },
  )
  return listResult(ctx, rows, {
    lifecycleStates: DB_SYSTEM_STATES,
    sortFields: SORT,
    defaultOrder: SORT_DEFAULTS,
    caseInsensitiveName: true,
  })
}

/** The databases of the seeded DB system: where a backup of `databaseId` lives. */
const databaseCompartment = (ctx: RequestContext, databaseId: string) =>
  infra(ctx).backups.find((b) => b.databaseId === databaseId)?.compartmentId

/** ListBackups takes a database or a compartment; one of them is required. */
function authorizeListBackups(ctx: RequestContext): Requirement[] {
  const databaseId = ctx.query.get('databaseId')
  if (databaseId) {
    const compartmentId = databaseCompartment(ctx, databaseId)
    if (!compartmentId) throw notAuthorizedOrNotFound()
    return [{ verb: 'inspect', resourceType: 'backups', compartmentId }]
  }
  const compartmentId = ctx.query.get('compartmentId')
  if (!compartmentId) throw missingParameter('compartmentId')
  return [{ verb: 'inspect', resourceType: 'backups', compartmentId }]
}

function listBackups(ctx: RequestContext): RouteResult {
  const q = ctx.query
  let rows = filterBy(ctx, infra(ctx).backups, {
    databaseId: 'databaseId',
    compartmentId: 'compartmentId',
    version: 'version',
  })
  const type = q.get('type') && q.oneOf('type', ['INCREMENTAL', 'FULL', 'VIRTUAL_FULL'], 'FULL')
  if (type) rows = rows.filter((b) => b.type === type)
  const destination =
    q.get('backupDestinationType') &&
    q.oneOf('backupDestinationType', ['OBJECT_STORE', 'DBRS', 'AWS_S3'], 'OBJECT_STORE')
  if (destination) rows = rows.filter((b) => b.backupDestinationType === destination)
  // Newest first, as the service lists them.
  rows.sort((a, b) => String(b.timeStarted).localeCompare(String(a.timeStarted)))
  return listResult(ctx, rows, { lifecycleStates: BACKUP_STATES }, ({ timeCreated: _, ...backup }) => backup)
}

/** ListAutonomousDatabaseBackups takes an Autonomous Database or a compartment; one is required. */
function authorizeListAdbBackups(ctx: RequestContext): Requirement[] {
  const adbId = ctx.query.get('autonomousDatabaseId')
  if (adbId) {
    const adb = byId(infra(ctx).autonomousDatabases, adbId)
    if (!adb) throw notAuthorizedOrNotFound()
    return [{ verb: 'inspect', resourceType: 'autonomous-backups', compartmentId: adb.compartmentId }]
  }
  const compartmentId = ctx.query.get('compartmentId')
  if (!compartmentId) throw missingParameter('compartmentId')
  return [{ verb: 'inspect', resourceType: 'autonomous-backups', compartmentId }]
}

function listAdbBackups(ctx: RequestContext): RouteResult {
  const q = ctx.query
  let rows = filterBy(ctx, infra(ctx).autonomousDatabaseBackups, {
    autonomousDatabaseId: 'autonomousDatabaseId',
    compartmentId: 'compartmentId',
    backupDestinationId: 'backupDestinationId',
    keyStoreId: 'keyStoreId',
  })
  const type =
    q.get('type') &&
    q.oneOf(
      'type',
      [
        'INCREMENTAL',
        'FULL',
        'LONGTERM',
        'VIRTUAL_FULL',
        'CUMULATIVE_INCREMENTAL',
        'ROLL_FORWARD_IMAGE_COPY',
      ],
      'FULL',
    )
  if (type) rows = rows.filter((b) => b.type === type)
  const infrastructureType =
    q.get('infrastructureType') && q.oneOf('infrastructureType', ['CLOUD', 'CLOUD_AT_CUSTOMER'], 'CLOUD')
  if (infrastructureType) rows = rows.filter((b) => b.infrastructureType === infrastructureType)
  if (q.get('isPitrEligible')) q.bool('isPitrEligible')
  return listResult(
    ctx,
    rows,
    {
      lifecycleStates: ADB_BACKUP_STATES,
      sortFields: SORT,
      defaultOrder: SORT_DEFAULTS,
      caseInsensitiveName: true,
    },
    ({ timeCreated: _, ...backup }) => backup,
  )
}

const withoutTimeCreated = (collection: keyof InfraState, param: string) => (ctx: RequestContext) => {
  const doc = find(collection, param)(ctx)
  if (!doc) throw notAuthorizedOrNotFound()
  const { timeCreated: _, ...json } = doc
  return one(json)
}

const route = (
  method: Route['method'],
  pattern: string,
  operation: string,
  authorize: Route['authorize'],
  handle: Route['handle'],
): Route => ({ method, pattern: `${V}${pattern}`, operation, service: 'database', authorize, handle })

const onAdb = (verb: 'inspect' | 'use') =>
  onResource(verb, 'autonomous-databases', find('autonomousDatabases', 'autonomousDatabaseId'))

export const databaseRoutes: Route[] = [
  // AUTONOMOUS_DATABASE_INSPECT (`inspect`) covers List and Get; start and stop are AUTONOMOUS_DATABASE_UPDATE (`use`).
  route(
    'GET',
    '/autonomousDatabases',
    'ListAutonomousDatabases',
    listIn('inspect', 'autonomous-databases'),
    listAutonomousDatabases,
  ),
  route(
    'GET',
    '/autonomousDatabases/{autonomousDatabaseId}',
    'GetAutonomousDatabase',
    onAdb('inspect'),
    getOne('autonomousDatabases', 'autonomousDatabaseId'),
  ),
  route(
    'POST',
    '/autonomousDatabases/{autonomousDatabaseId}/actions/start',
    'StartAutonomousDatabase',
    onAdb('use'),
    powerAction('STOPPED', 'STARTING', 'AVAILABLE', 'started'),
  ),
  route(
    'POST',
    '/autonomousDatabases/{autonomousDatabaseId}/actions/stop',
    'StopAutonomousDatabase',
    onAdb('use'),
    powerAction('AVAILABLE', 'STOPPING', 'STOPPED', 'stopped'),
  ),
  route(
    'GET',
    '/autonomousDatabaseBackups',
    'ListAutonomousDatabaseBackups',
    authorizeListAdbBackups,
    listAdbBackups,
  ),
  route(
    'GET',
    '/autonomousDatabaseBackups/{autonomousDatabaseBackupId}',
    'GetAutonomousDatabaseBackup',
    onResource(
      'inspect',
      'autonomous-backups',
      find('autonomousDatabaseBackups', 'autonomousDatabaseBackupId'),
    ),
    withoutTimeCreated('autonomousDatabaseBackups', 'autonomousDatabaseBackupId'),
  ),
  route('GET', '/dbSystems', 'ListDbSystems', listIn('inspect', 'db-systems'), listDbSystems),
  route(
    'GET',
    '/dbSystems/{dbSystemId}',
    'GetDbSystem',
    onResource('inspect', 'db-systems', find('dbSystems', 'dbSystemId')),
    getOne('dbSystems', 'dbSystemId'),
  ),
  route('GET', '/backups', 'ListBackups', authorizeListBackups, listBackups),
  route(
    'GET',
    '/backups/{backupId}',
    'GetBackup',
    onResource('inspect', 'backups', find('backups', 'backupId')),
    withoutTimeCreated('backups', 'backupId'),
  ),
]
