// Who may see and call which tool: scopes from the token, and whether the deployment allows mutations.

import { audit } from './audit.ts'
import type { Caller } from './caller.ts'
import type { ToolSpec } from './catalog.ts'
import { boolSetting } from './config.ts'
import { AuthError, isMcpFunctionsError, McpFunctionsError } from './errors.ts'
import type { RequestContext } from './protocol.ts'
import { allows, requiredScope } from './scopes.ts'

export const mutationsEnabled = (env: NodeJS.ProcessEnv) => boolSetting('MCP_ENABLE_MUTATIONS', env)

export function toolVisible(spec: ToolSpec, group: string, caller: Caller, env: NodeJS.ProcessEnv): boolean {
  if (spec.access === 'write' && !mutationsEnabled(env)) return false
  return allows(caller.scopes, group, spec.access)
}

/** Throws AuthError (→ HTTP 403) for a missing scope, or a coded error (→ tool result) when mutations are off. */
export function assertToolAllowed(
  spec: ToolSpec,
  group: string,
  caller: Caller,
  env: NodeJS.ProcessEnv,
): void {
  if (!allows(caller.scopes, group, spec.access)) {
    const scope = requiredScope(group, spec.access)
    throw new AuthError('ERR_AUTH_INSUFFICIENT_SCOPE', `Tool ${spec.name} needs scope ${scope}`, scope)
  }
  if (spec.access === 'write' && !mutationsEnabled(env)) {
    throw new McpFunctionsError(
      'ERR_MUTATIONS_DISABLED',
      `${spec.name} changes resources, and this deployment does not allow changes`,
      {
        hint: 'Use read-only tools, or ask the operators to set MCP_ENABLE_MUTATIONS=true for this deployment (stdio: start it with --enable-mutations).',
      },
    )
  }
}

export const groupReadable = (group: string, caller: Caller) => allows(caller.scopes, group, 'read')

export function assertGroupReadable(group: string, caller: Caller): void {
  if (!groupReadable(group, caller)) {
    const scope = requiredScope(group, 'read')
    throw new AuthError(
      'ERR_AUTH_INSUFFICIENT_SCOPE',
      `Reading ${group} resources needs scope ${scope}`,
      scope,
    )
  }
}

/** assertToolAllowed, plus the audit line a refused call must leave (an allowed one is audited where it runs). */
export function checkToolCall(
  spec: ToolSpec,
  group: string,
  args: unknown,
  ctx: RequestContext,
  fn: string,
): void {
  try {
    assertToolAllowed(spec, group, ctx.caller, ctx.env)
  } catch (error) {
    audit({
      callId: ctx.callId,
      function: fn,
      tool: spec.name,
      trigger: 'mcp',
      principal: { sub: ctx.caller.claims.sub, client_id: ctx.caller.claims.client_id },
      args,
      outcome: 'denied',
      errorCode: isMcpFunctionsError(error) ? error.code : 'ERR_INTERNAL',
      durationMs: 0,
      opcRequestIds: [],
    })
    throw error
  }
}
