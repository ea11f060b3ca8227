// A tool call's deadline: the platform's Fn-Deadline, or a configured budget where there is none.
import { intSetting } from './config.ts'
import { McpFunctionsError } from './errors.ts'
import type { ToolContext } from './tool-runner.ts'

/** The instant a call must have answered by: its Fn-Deadline, or MCP_OCI_CALL_TIMEOUT_MS after it started. */
export function callDeadline(ctx: ToolContext): number {
  if (ctx.deadline) return ctx.deadline.getTime()
  ctx.deadline = new Date(Date.now() + intSetting('MCP_OCI_CALL_TIMEOUT_MS', ctx.env))
  return ctx.deadline.getTime()
}

/** Time kept back from the deadline to write the answer: a second, or a quarter of a short budget. */
export const reserveMs = (remaining: number) => Math.min(1000, Math.max(0, remaining) / 4)

export function deadlinePassed(ctx: ToolContext, what: string): McpFunctionsError {
  return new McpFunctionsError(
    'ERR_DEADLINE_EXCEEDED',
    `${what} was not started: the call's deadline (${new Date(callDeadline(ctx)).toISOString()}) had passed.`,
    {
      hint: 'Nothing was sent to OCI. Call again; if this repeats, the function is overloaded or its timeout too short.',
    },
  )
}
