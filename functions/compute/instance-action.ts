// compute_instance_action: power actions on one instance, refusing terminated ones and skipping no-ops.
import { randomUUID } from 'node:crypto'
import { McpFunctionsError } from '../core/errors.ts'
import { mdFields } from '../core/format.ts'
import { ociCall } from '../core/oci-clients.ts'
import { implement, type ToolContext } from '../core/tool-runner.ts'
import { instanceAction, type instanceActions } from './catalog.ts'
import { computeClient } from './clients.ts'
import { readInstance } from './instances.ts'

export type InstanceActionName = (typeof instanceActions)[number]

const GONE = new Set(['TERMINATING', 'TERMINATED'])
/** States in which an action has nothing left to do. */
const ALREADY: Record<InstanceActionName, Set<string>> = {
  START: new Set(['RUNNING', 'STARTING']),
  STOP: new Set(['STOPPED', 'STOPPING']),
  SOFTSTOP: new Set(['STOPPED', 'STOPPING']),
  SOFTRESET: new Set(),
  RESET: new Set(),
}
/** States a reset cannot act on: the instance must be started instead. */
const RESET_NEEDS_START = new Set(['STOPPED', 'STOPPING'])
const TARGET: Record<InstanceActionName, string> = {
  START: 'RUNNING',
  STOP: 'STOPPED',
  SOFTSTOP: 'STOPPED',
  SOFTRESET: 'RUNNING',
  RESET: 'RUNNING',
}

export interface InstanceActionResult {
  instance_id: string
  display_name?: string
  action: InstanceActionName
  previous_state: string
  lifecycle_state: string
  changed: boolean
  next_step: string
}

/** Sends one power action, after checking the instance exists and is not terminated. */
export async function runInstanceAction(
  ctx: ToolContext,
  instanceId: string,
  action: InstanceActionName,
  region?: string,
): Promise<InstanceActionResult> {
  const before = await readInstance(ctx, instanceId, region)
  const previous = String(before.lifecycleState)
  const name = before.displayName ?? instanceId
  if (GONE.has(previous)) {
    throw new McpFunctionsError(
      'ERR_OCI_CONFLICT',
      `Instance ${name} is ${previous}; a terminated instance cannot be started, stopped or reset`,
      {
        hint: 'Nothing can bring it back: launch a new instance (for example from a custom image or backup of its boot volume), or pick a running instance with compute_list_instances.',
      },
    )
  }
  if ((action === 'SOFTRESET' || action === 'RESET') && RESET_NEEDS_START.has(previous)) {
    // OCI refuses a reset of an instance that is not running (409); retrying cannot help, starting it does.
    throw new McpFunctionsError(
      'ERR_OCI_CONFLICT',
      `Instance ${name} is ${previous}; ${action} restarts only a running instance`,
      {
        hint: `Nothing was sent. To bring it up, call compute_instance_action with action START for ${instanceId}.`,
        details: { lifecycle_state: previous, suggested_action: 'START' },
      },
    )
  }
  const base = { instance_id: instanceId, display_name: before.displayName, action, previous_state: previous }
  if (ALREADY[action].has(previous)) {
    return {
      ...base,
      lifecycle_state: previous,
      changed: false,
      next_step: `Nothing was sent: the instance is already ${previous}. Call compute_get_instance to confirm it reaches ${TARGET[action]}.`,
    }
  }
  const { client } = await computeClient(ctx, region)
  // One retry token for every attempt: OCI applies the action once, so ociCall may send it again.
  const opcRetryToken = randomUUID()
  const r = await ociCall(ctx, `${action} on instance ${name}`, () =>
    client.instanceAction({ instanceId, action, opcRetryToken }),
  )
  return {
    ...base,
    display_name: r.instance.displayName ?? before.displayName,
    lifecycle_state: String(r.instance.lifecycleState),
    changed: true,
    next_step: `OCI accepted ${action}; the change takes a minute or more. Call compute_get_instance for ${instanceId} until lifecycle_state is ${TARGET[action]}.`,
  }
}

export const instanceActionTool = implement(instanceAction, async (input, ctx) => {
  const data = await runInstanceAction(ctx, input.instance_id, input.action, input.region)
  const head = data.changed
    ? `${data.action} sent to instance ${data.display_name ?? data.instance_id}.`
    : `${data.action} not sent: instance ${data.display_name ?? data.instance_id} is already ${data.previous_state}.`
  const fields = mdFields([
    ['Before', data.previous_state],
    ['Now', data.lifecycle_state],
    ['Next', data.next_step],
  ])
  return { data, markdown: `${head}\n\n${fields}` }
})
