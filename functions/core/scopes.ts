// Scope names and the one rule that decides whether a token's scopes allow a tool.
import routes from '../../infra/routes.json' with { type: 'json' }
import type { Access } from './catalog.ts'

/** From infra/routes.json, whose route scopes the gateway checks. */
export const SCOPE_PREFIX = routes.scopePrefix

export const groupScope = (group: string, access: Access) => `${SCOPE_PREFIX}.${group}.${access}`
export const globalScope = (access: Access) => `${SCOPE_PREFIX}.${access}`

export const parseScopes = (scope: unknown): Set<string> =>
  new Set(typeof scope === 'string' ? scope.split(' ').filter(Boolean) : [])

/** A read tool accepts read or write scopes (write implies read); a write tool needs a write scope. */
export function allows(scopes: Set<string>, group: string, access: Access): boolean {
  const accepted: Access[] = access === 'read' ? ['read', 'write'] : ['write']
  return accepted.some((a) => scopes.has(globalScope(a)) || scopes.has(groupScope(group, a)))
}

/** The narrowest scope to name in a 403 `insufficient_scope`. */
export const requiredScope = (group: string, access: Access) => groupScope(group, access)
