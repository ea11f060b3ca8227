// Calls a group's tools in-process, as a given caller, for handler tests against the OCI emulator.
import type { Caller } from '../../functions/core/caller.ts'
import { type GroupImplementation, groupApp } from '../../functions/core/group-app.ts'
import { JsonRpcError } from '../../functions/core/jsonrpc.ts'
import { answer, type RequestContext } from '../../functions/core/protocol.ts'
import { parseScopes } from '../../functions/core/scopes.ts'
import type { CallToolResult } from '../../functions/core/tool-runner.ts'

export function testCaller(scope = 'oci-mcp.read oci-mcp.write', sub = 'alice@example.com'): Caller {
  return { claims: { sub, scope, client_id: 'test-client' }, scopes: parseScopes(scope) }
}

export function harness(impl: GroupImplementation, env: NodeJS.ProcessEnv, caller: Caller = testCaller()) {
  const app = groupApp(impl)
  let n = 0
  const ctx = (deadline?: Date): RequestContext => ({
    caller,
    callId: `test-${++n}`,
    headers: new Headers(),
    env,
    deadline,
  })
  return {
    app,
    /** tools/call as a client makes it: through the protocol layer, which also turns coded failures into results. */
    call: async (
      name: string,
      args: Record<string, unknown> = {},
      options: { deadline?: Date } = {},
    ): Promise<CallToolResult> => {
      const reply = await answer(
        app,
        { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } },
        ctx(options.deadline),
      )
      if (reply.error) throw new JsonRpcError(reply.error.code, reply.error.message)
      return reply.result as CallToolResult
    },
    read: (uri: string) => app.readResource(uri, ctx()),
    list: () => app.listTools(ctx()),
  }
}
