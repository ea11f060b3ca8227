// Runs one tool: validates the input, calls the handler, writes the result in the requested format, audits it.
import type { z } from 'zod'
import { assertArgumentBounds } from './argument-bounds.ts'
import { audit } from './audit.ts'
import type { Caller } from './caller.ts'
import type { ToolSpec } from './catalog.ts'
import { callDeadline, deadlinePassed } from './deadline.ts'
import { isMcpFunctionsError, type McpFunctionsError } from './errors.ts'

export interface ToolContext {
  caller: Caller
  callId: string
  functionName: string
  deadline?: Date
  env: NodeJS.ProcessEnv
  /** opc-request-ids of the OCI requests made for this call, for the audit line and error results. */
  opcRequestIds: string[]
  trigger?: 'mcp' | 'event'
}

export interface ToolOutput<O> {
  data: O
  markdown: string
}

export interface Implemented<S extends ToolSpec = ToolSpec> {
  spec: S
  run: (input: z.output<S['input']>, ctx: ToolContext) => Promise<ToolOutput<z.input<S['output']>>>
}

export const implement = <S extends ToolSpec>(spec: S, run: Implemented<S>['run']): Implemented<S> => ({
  spec,
  run,
})

export interface CallToolResult {
  content: { type: 'text'; text: string }[]
  structuredContent?: Record<string, unknown>
  isError?: boolean
  [key: string]: unknown
}

export function errorResult(error: McpFunctionsError, callId: string): CallToolResult {
  const lines = [`Error ${error.code}: ${error.message}`]
  if (error.hint) lines.push(`What to do: ${error.hint}`)
  const requestId = error.details?.opcRequestId
  if (typeof requestId === 'string') lines.push(`opc-request-id: ${requestId}`)
  lines.push(`call id: ${callId}`)
  return { content: [{ type: 'text', text: lines.join('\n') }], isError: true }
}

function inputErrorResult(issues: z.core.$ZodIssue[], callId: string): CallToolResult {
  const list = issues
    .map((i) => `- ${i.path.length ? i.path.join('.') : '(arguments)'}: ${i.message}`)
    .join('\n')
  const text = `Error ERR_INPUT_INVALID: the arguments do not match the tool's input schema.\n${list}\nWhat to do: correct these fields and call again.\ncall id: ${callId}`
  return { content: [{ type: 'text', text }], isError: true }
}

export async function runTool(tool: Implemented, args: unknown, ctx: ToolContext): Promise<CallToolResult> {
  const started = performance.now()
  let outcome: 'ok' | 'tool_error' = 'tool_error'
  let errorCode: string | undefined = 'ERR_INTERNAL'
  // Audited whatever happens: a refusal, a failure, a crash, or a result that cannot be serialized.
  try {
    try {
      assertArgumentBounds(args)
    } catch (error) {
      errorCode = (error as McpFunctionsError).code
      return errorResult(error as McpFunctionsError, ctx.callId)
    }
    // A call whose deadline has passed is answered, not run: its caller has stopped waiting.
    if (callDeadline(ctx) <= Date.now()) {
      const error = deadlinePassed(ctx, `Calling ${tool.spec.name}`)
      errorCode = error.code
      return errorResult(error, ctx.callId)
    }
    const parsed = tool.spec.input.safeParse(args ?? {})
    if (!parsed.success) {
      errorCode = 'ERR_INPUT_INVALID'
      return inputErrorResult(parsed.error.issues, ctx.callId)
    }
    const out = await tool.run(parsed.data, ctx)
    const format = (parsed.data as { response_format?: string }).response_format
    const text = format === 'json' ? JSON.stringify(out.data, null, 2) : out.markdown
    outcome = 'ok'
    errorCode = undefined
    return { content: [{ type: 'text', text }], structuredContent: out.data as Record<string, unknown> }
  } catch (error) {
    if (isMcpFunctionsError(error)) {
      errorCode = error.code
      return errorResult(error, ctx.callId)
    }
    // An unexpected failure: the stack goes to the function's log, the model gets a plain message.
    console.error(`tool ${tool.spec.name} failed unexpectedly (call ${ctx.callId}):`, error)
    const text = `Error ERR_INTERNAL: the tool failed unexpectedly. Retrying may help; report call id ${ctx.callId} if it persists.`
    return { content: [{ type: 'text', text }], isError: true }
  } finally {
    audit({
      callId: ctx.callId,
      function: ctx.functionName,
      tool: tool.spec.name,
      trigger: ctx.trigger ?? 'mcp',
      principal: { sub: ctx.caller.claims.sub, client_id: ctx.caller.claims.client_id },
      args,
      outcome,
      errorCode,
      durationMs: Math.round(performance.now() - started),
      opcRequestIds: ctx.opcRequestIds,
    })
  }
}
