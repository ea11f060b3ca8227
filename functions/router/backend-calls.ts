// tools/call for a backend's tool: the caller's scopes and the mutations setting checked, the call forwarded with the backend's own
// credentials, and audited like ours.
import { assertArgumentBounds } from '../core/argument-bounds.ts'
import { audit } from '../core/audit.ts'
import { intSetting } from '../core/config.ts'
import { reserveMs } from '../core/deadline.ts'
import { isMcpFunctionsError } from '../core/errors.ts'
import { JsonRpcError } from '../core/jsonrpc.ts'
import type { RequestContext } from '../core/protocol.ts'
import type { CallToolResult } from '../core/tool-runner.ts'
import { assertBackendToolAllowed } from './backends/access.ts'
import { BackendRpcError } from './backends/client.ts'
import type { Gateway, GatewayTool } from './backends/gateway.ts'

export async function callBackend(
  gateway: Gateway,
  t: GatewayTool,
  args: unknown,
  ctx: RequestContext,
): Promise<CallToolResult> {
  const started = performance.now()
  let outcome: 'ok' | 'tool_error' | 'denied' = 'tool_error'
  let errorCode: string | undefined = 'ERR_INTERNAL'
  try {
    // A refused call never reaches the backend: a missing scope, or a write while mutations are off.
    outcome = 'denied'
    assertBackendToolAllowed(t.backend, t.tool, t.name, ctx.caller, ctx.env)
    outcome = 'tool_error'
    assertArgumentBounds(args)
    const deadline = ctx.deadline?.getTime() ?? Date.now() + intSetting('MCP_OCI_CALL_TIMEOUT_MS', ctx.env)
    const result = (await gateway.forward(
      t,
      (args ?? {}) as Record<string, unknown>,
      ctx.env,
      deadline - reserveMs(deadline - Date.now()),
    )) as CallToolResult
    outcome = result.isError ? 'tool_error' : 'ok'
    errorCode = result.isError ? 'ERR_BACKEND_TOOL_ERROR' : undefined
    return result
  } catch (error) {
    errorCode = isMcpFunctionsError(error) ? error.code : errorCode
    // The backend refused the request itself (unknown arguments, …): its JSON-RPC error is the answer.
    if (error instanceof BackendRpcError) throw new JsonRpcError(error.rpcCode, error.message, error.data)
    throw error
  } finally {
    audit({
      callId: ctx.callId,
      function: 'router',
      tool: t.name,
      trigger: 'mcp',
      principal: { sub: ctx.caller.claims.sub, client_id: ctx.caller.claims.client_id },
      args,
      outcome,
      errorCode,
      durationMs: Math.round(performance.now() - started),
      opcRequestIds: [],
    })
  }
}
