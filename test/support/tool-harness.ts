// Calls a group's tools in-process, as a given caller, for handler tests against the OCI emulator.
import type { Caller } from '../../functions/core/caller.ts'
import { type GroupImplementation, groupApp } from '../../functions/core/group-app.ts'
import type { RequestContext } from '../../functions/core/protocol.ts'
import { parseScopes } from '../../functions/core/scopes.ts'

export function testCaller(scope = 'oci-mcp.read oci-mcp.write', sub = 'alice@example.com'): Caller {
  return { claims: { sub, scope, client_id: 'test-client' }, scopes: parseScopes(scope) }
}

export function harness(impl: GroupImplementation, env: NodeJS.ProcessEnv, caller: Caller = testCaller()) {
  const app = groupApp(impl)
  let n = 0
  const ctx = (): RequestContext => ({ caller, callId: `test-${++n}`, headers: new Headers(), env })
  return {
    app,
    call: (name: string, args: Record<string, unknown> = {}) => app.callTool(name, args, ctx()),
    read: (uri: string) => app.readResource(uri, ctx()),
    list: () => app.listTools(ctx()),
  }
}
