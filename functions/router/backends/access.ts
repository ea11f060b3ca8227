// Who may see and call a backend's tool: the rules of our own tools (core/access.ts) applied to its annotations.
import { mutationsEnabled } from '../../core/access.ts'
import type { Caller } from '../../core/caller.ts'
import type { Access } from '../../core/catalog.ts'
import { AuthError, McpFunctionsError } from '../../core/errors.ts'
import { globalScope } from '../../core/scopes.ts'
import type { BackendTool } from './client.ts'
import type { BackendDeclaration } from './declaration.ts'

/**
 * Our catalogs mark a tool read-only exactly when it changes nothing (readOnlyHint === (access === 'read')). A
 * backend's tool is trusted as a read only when it says so and does not also claim to be destructive; anything
 * else — no annotations, readOnlyHint false, a contradiction — counts as a write.
 */
export const backendToolAccess = (tool: BackendTool): Access =>
  tool.annotations?.readOnlyHint === true && tool.annotations?.destructiveHint !== true ? 'read' : 'write'

/** Scopes that let a caller see and call a backend's tools: its own list, else the global read and write. */
export const backendScopes = (b: BackendDeclaration) =>
  b.scopes ?? [globalScope('read'), globalScope('write')]

/**
 * Scopes of which a caller needs one more to call a backend's write tools: its own list, else the global write
 * scope. `scopes` still decides whether the backend is reachable at all, so a narrow backend stays narrow.
 */
export const backendWriteScopes = (b: BackendDeclaration) => b.write_scopes ?? [globalScope('write')]

const anyOf = (scopes: readonly string[], caller: Caller) => scopes.some((s) => caller.scopes.has(s))

/** Whether the caller may use the backend at all (its read tools, the gateway tools about it). */
export const backendVisible = (b: BackendDeclaration, caller: Caller) => anyOf(backendScopes(b), caller)

/** The scope a caller lacks for this access to the backend's tools, if any. */
function missingScope(b: BackendDeclaration, access: Access, caller: Caller): string | undefined {
  if (!backendVisible(b, caller)) return backendScopes(b)[0]
  if (access === 'write' && !anyOf(backendWriteScopes(b), caller)) return backendWriteScopes(b)[0]
  return undefined
}

/** Listed to this caller: the scope for the tool's access, and for a write, a deployment that allows changes. */
export function backendToolVisible(
  b: BackendDeclaration,
  tool: BackendTool,
  caller: Caller,
  env: NodeJS.ProcessEnv,
): boolean {
  const access = backendToolAccess(tool)
  if (access === 'write' && !mutationsEnabled(env)) return false
  return missingScope(b, access, caller) === undefined
}

/** Throws AuthError (→ 403) for a missing scope, then ERR_MUTATIONS_DISABLED (→ a tool result), as for ours. */
export function assertBackendToolAllowed(
  b: BackendDeclaration,
  tool: BackendTool,
  name: string,
  caller: Caller,
  env: NodeJS.ProcessEnv,
): void {
  const access = backendToolAccess(tool)
  const scope = missingScope(b, access, caller)
  if (scope) throw new AuthError('ERR_AUTH_INSUFFICIENT_SCOPE', `Tool ${name} needs scope ${scope}`, scope)
  if (access === 'write' && !mutationsEnabled(env))
    throw new McpFunctionsError(
      'ERR_MUTATIONS_DISABLED',
      `${name} is not marked read-only by its server, and this deployment does not allow changes`,
      {
        hint: 'Use read-only tools, or ask the operators to set MCP_ENABLE_MUTATIONS=true for this deployment.',
      },
    )
}
