// Which scope names exist, how IDCS-style prefixed scopes are read, and how a grant narrows them.
import { OAuthError } from './errors.ts'

/** The project's scopes: global `oci-mcp.read|write` and per group `oci-mcp.<group>.read|write`. */
export const BASE_SCOPES = ['oci-mcp.read', 'oci-mcp.write']
const PROJECT_SCOPE = /^oci-mcp\.(?:[a-z][a-z0-9-]*\.)?(?:read|write)$/

export const isProjectScope = (scope: string) => PROJECT_SCOPE.test(scope)

/** What a client or user may hold: a fixed list, or every project scope. */
export type ScopePolicy = readonly string[] | 'any'

export const allows = (policy: ScopePolicy, scope: string) =>
  isProjectScope(scope) && (policy === 'any' || policy.includes(scope))

/**
 * Reads a `scope` parameter. IDCS resource scopes are requested as `<primary audience><scope>`
 * (e.g. `oci-mcp-functionsoci-mcp.read`) and appear in the token without the prefix, so the prefix
 * is stripped. `undefined` means the parameter was absent.
 */
export function requestedScopes(raw: string | undefined, audience: string): string[] | undefined {
  if (raw === undefined) return undefined
  const scopes = raw.split(' ').filter(Boolean)
  if (scopes.length === 0) return undefined
  const unprefixed = scopes.map((s) =>
    s.startsWith(audience) && s.length > audience.length ? s.slice(audience.length) : s,
  )
  return [...new Set(unprefixed)]
}

/**
 * The scopes a token gets: the requested ones every policy allows (unknown or disallowed ones are
 * dropped, as IDCS does), or all the first policy's scopes the others allow when none were requested.
 * Nothing left is `invalid_scope`.
 */
export function grantScopes(
  requested: string[] | undefined,
  defaults: readonly string[],
  ...policies: ScopePolicy[]
) {
  const candidates = requested ?? defaults
  const granted = candidates.filter((s) => policies.every((p) => allows(p, s)))
  if (granted.length === 0) {
    throw new OAuthError(
      'invalid_scope',
      requested ? 'None of the requested scopes can be granted' : 'No scope can be granted',
    )
  }
  return granted
}
