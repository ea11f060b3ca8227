// Runs the tools an event is bound to, under the function's own identity, and stores results where configured.
import { mutationsEnabled } from '../core/access.ts'
import { McpFunctionsError } from '../core/errors.ts'
import { type Implemented, runTool, type ToolContext } from '../core/tool-runner.ts'
import { IMPLEMENTATIONS } from '../implementations.ts'
import { GROUP_CATALOGS } from '../router/groups.ts'
import { type Binding, matches, parseBindings, render } from './bindings.ts'
import { cloudEventSchema } from './cloudevent.ts'

export interface BindingOutcome {
  binding: string
  tool: string
  outcome: 'ok' | 'tool_error' | 'invalid_event'
  message?: string
  resultObject?: string
}

export interface EventReply {
  eventID?: string
  eventType?: string
  matched: number
  outcomes: BindingOutcome[]
  error?: string
}

const toolGroups = new Map(
  GROUP_CATALOGS.flatMap((c) => c.tools.map((t) => [t.name, { group: c.group, access: t.access }])),
)

export function loadBindings(env: NodeJS.ProcessEnv): Binding[] {
  return parseBindings(env.MCP_EVENT_BINDINGS ?? '{"bindings":[]}', toolGroups, mutationsEnabled(env))
}

async function implementationOf(tool: string): Promise<Implemented> {
  const group = toolGroups.get(tool)?.group as string
  const impl = await IMPLEMENTATIONS[group]()
  return impl.tools.find((t) => t.spec.name === tool) as Implemented
}

const textOf = (r: { content: { text: string }[] }) => r.content.map((c) => c.text).join('\n')

export async function handleEvent(
  body: Buffer,
  bindings: Binding[],
  env: NodeJS.ProcessEnv,
  callId: string,
): Promise<EventReply> {
  let parsed: unknown
  try {
    parsed = JSON.parse(body.toString('utf8'))
  } catch {
    return { matched: 0, outcomes: [], error: 'The event body is not JSON' }
  }
  const checked = cloudEventSchema.safeParse(parsed)
  if (!checked.success) {
    const why = checked.error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`).join('; ')
    return { matched: 0, outcomes: [], error: `Not a CloudEvents 0.1 envelope: ${why}` }
  }
  const event = checked.data
  const reply: EventReply = { eventID: event.eventID, eventType: event.eventType, matched: 0, outcomes: [] }
  for (const binding of bindings.filter((b) => matches(b, event))) {
    reply.matched += 1
    const ctx: ToolContext = {
      caller: { claims: { sub: `event:${binding.name}`, client_id: 'oci-events' }, scopes: new Set() },
      callId: `${callId}:${binding.name}`,
      functionName: 'events',
      env,
      opcRequestIds: [],
      trigger: 'event',
    }
    let args: Record<string, unknown>
    try {
      args = Object.fromEntries(Object.entries(binding.arguments).map(([k, v]) => [k, render(v, event)]))
    } catch (error) {
      const message = error instanceof McpFunctionsError ? error.message : 'bad template'
      reply.outcomes.push({ binding: binding.name, tool: binding.tool, outcome: 'invalid_event', message })
      continue
    }
    const result = await runTool(await implementationOf(binding.tool), args, ctx)
    const outcome: BindingOutcome = {
      binding: binding.name,
      tool: binding.tool,
      outcome: result.isError ? 'tool_error' : 'ok',
    }
    if (result.isError) outcome.message = textOf(result)
    else if (binding.result)
      outcome.resultObject = await storeResult(binding, event, args, result.structuredContent, ctx)
    reply.outcomes.push(outcome)
  }
  return reply
}

async function storeResult(
  binding: Binding,
  event: { eventID: string; eventType: string; eventTime: string; source: string },
  args: Record<string, unknown>,
  structured: unknown,
  ctx: ToolContext,
): Promise<string | undefined> {
  const target = binding.result as NonNullable<Binding['result']>
  const name = String(render(target.object, event))
  const record = {
    event: {
      eventID: event.eventID,
      eventType: event.eventType,
      eventTime: event.eventTime,
      source: event.source,
    },
    binding: binding.name,
    tool: binding.tool,
    arguments: args,
    result: structured,
    recordedAt: new Date().toISOString(),
  }
  // Writing the result is the deployment's own configured action, not an agent's: no mutation switch applies.
  const put = await runTool(
    await implementationOf('objectstorage_put_object'),
    {
      bucket: target.bucket,
      name,
      content: JSON.stringify(record, null, 2),
      content_type: 'application/json',
      ...(target.namespace ? { namespace: render(target.namespace, event) } : {}),
    },
    { ...ctx, opcRequestIds: [] },
  )
  if (put.isError) throw new McpFunctionsError('ERR_OCI_SERVICE', `Storing the result failed: ${textOf(put)}`)
  return `${target.bucket}/${name}`
}
