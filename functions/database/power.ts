// database_start_autonomous_database and database_stop_autonomous_database: read the state, act only when it
// moves the database, and condition the action on the ETag just read so a concurrent change is not overridden.
import { isMcpFunctionsError, McpFunctionsError } from '../core/errors.ts'
import { mdFields } from '../core/format.ts'
import { ociCall } from '../core/oci-clients.ts'
import { implement, type ToolContext } from '../core/tool-runner.ts'
import { opt } from '../core/values.ts'
import { database, getAutonomousDatabase } from './autonomous.ts'
import { startAutonomousDatabase, stopAutonomousDatabase } from './catalog.ts'

type Action = 'start' | 'stop'

const PLAN = {
  start: { target: 'AVAILABLE', transitional: 'STARTING', verb: 'Starting', past: 'started' },
  stop: { target: 'STOPPED', transitional: 'STOPPING', verb: 'Stopping', past: 'stopped' },
} as const

export interface PowerResult {
  id: string
  display_name?: string
  previous_state: string
  lifecycle_state: string
  changed: boolean
  target_state: string
  work_request_id?: string
  message: string
}

/** Starts or stops an Autonomous Database; a database already there (or on its way) is left alone. */
export async function changeAutonomousDatabasePower(
  ctx: ToolContext,
  action: Action,
  autonomousDatabaseId: string,
  region?: string,
): Promise<PowerResult> {
  const plan = PLAN[action]
  const { db, etag } = await getAutonomousDatabase(ctx, autonomousDatabaseId, region)
  const base = {
    id: db.id,
    display_name: db.display_name,
    previous_state: db.lifecycle_state,
    target_state: plan.target,
  }
  const name = db.display_name ?? db.db_name
  if (db.lifecycle_state === plan.target || db.lifecycle_state === plan.transitional) {
    const where =
      db.lifecycle_state === plan.target ? `already ${plan.target}` : `already ${plan.transitional}`
    return {
      ...base,
      lifecycle_state: db.lifecycle_state,
      changed: false,
      message: `${name} is ${where}; nothing was changed.${db.lifecycle_state === plan.transitional ? ` It will be ${plan.target} in a few minutes — check with database_get_autonomous_database.` : ''}`,
    }
  }
  const { client } = await database(ctx, region)
  const what = `${plan.verb} Autonomous Database ${autonomousDatabaseId}`
  let r: Awaited<ReturnType<typeof client.startAutonomousDatabase>>
  try {
    r =
      action === 'start'
        ? await ociCall(ctx, what, () =>
            client.startAutonomousDatabase({ autonomousDatabaseId, ifMatch: etag }),
          )
        : await ociCall(ctx, what, () =>
            client.stopAutonomousDatabase({ autonomousDatabaseId, ifMatch: etag }),
          )
  } catch (error) {
    if (isMcpFunctionsError(error) && error.code === 'ERR_OCI_CONFLICT') {
      throw new McpFunctionsError(error.code, error.message, {
        hint: `${name} was ${db.lifecycle_state}, which cannot be ${plan.past} now. Wait for a stable state (read it with database_get_autonomous_database), then try again.`,
        details: error.details,
        cause: error,
      })
    }
    throw error
  }
  const state = String(r.autonomousDatabase?.lifecycleState ?? plan.transitional)
  return {
    ...base,
    lifecycle_state: state,
    changed: true,
    work_request_id: opt(r.opcWorkRequestId) || undefined,
    message: `${plan.verb} ${name}: it is ${state} now and takes a few minutes to be ${plan.target}. Follow it with database_get_autonomous_database until lifecycle_state is ${plan.target}.`,
  }
}

const render = (r: PowerResult) =>
  `${r.message}\n\n${mdFields([
    ['OCID', r.id],
    ['Before', r.previous_state],
    ['Now', r.lifecycle_state],
    ['Work request', r.work_request_id],
  ])}`

export const startAutonomousDatabaseTool = implement(startAutonomousDatabase, async (input, ctx) => {
  const data = await changeAutonomousDatabasePower(ctx, 'start', input.autonomous_database_id, input.region)
  return { data, markdown: render(data) }
})

export const stopAutonomousDatabaseTool = implement(stopAutonomousDatabase, async (input, ctx) => {
  const data = await changeAutonomousDatabasePower(ctx, 'stop', input.autonomous_database_id, input.region)
  return { data, markdown: render(data) }
})
