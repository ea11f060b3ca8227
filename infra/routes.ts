// Reads infra/routes.json, the route and auth specification shared by the local edge and the Terraform.
import { readFileSync } from 'node:fs'

export interface RouteSpec {
  path: string
  function: string
  group?: string
  methods: string[]
  /** No token authentication (API Gateway ANONYMOUS): the OAuth facade's own endpoints. */
  anonymous?: boolean
  /** Dynamic routing on a request header: matching requests skip this route's function (the router). */
  zeroHop?: ZeroHopSpec
}

export interface ZeroHopSpec {
  /** The request header whose first value selects the back end. */
  selector: string
  /** The key every group gets, `{group}` replaced by its name. */
  groupKey: string
  /** Further keys, each sending to a group's function. */
  keys?: { expression: string; group: string }[]
}

/** One dynamic-routing rule: a WILDCARD key and the function it selects. */
export interface ZeroHopKey {
  name: string
  expression: string
  function: string
}

export interface RoutesSpec {
  authentication: {
    type: 'TOKEN_AUTHENTICATION'
    tokenHeader: string
    tokenAuthScheme: string
    issuers: string[]
    jwksPath: string
    maxClockSkewInSeconds: number
    claimHeaders: Record<string, string>
  }
  metadataPath: string
  /** The authorization-server facade: the protected-resource metadata names it instead of the identity domain. */
  authorizationServer?: { function: string; metadataPath: string }
  scopePrefix: string
  routes: RouteSpec[]
  /** External MCP servers behind the router, validated by functions/router/backends/declaration.ts. */
  backends?: unknown[]
  /** The router's REST routes (OpenAPI document, a tool per operation), apart so `routes` stays one per MCP endpoint. */
  restRoutes?: RouteSpec[]
}

export function loadRoutes(path = new URL('./routes.json', import.meta.url)): RoutesSpec {
  return JSON.parse(readFileSync(path, 'utf8')) as RoutesSpec
}

/** Whether a request path fits a route path; `{name}` stands for one segment, as in API Gateway route paths. */
export function routeMatches(pattern: string, path: string): boolean {
  if (!pattern.includes('{')) return pattern === path
  const source = pattern
    .split('/')
    .map((part) =>
      /^\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/')
  return new RegExp(`^${source}$`).test(path)
}

/** The routes that carry MCP traffic (token-authenticated), as opposed to the facade's anonymous ones. */
export const mcpRoutes = (spec: RoutesSpec) => spec.routes.filter((r) => !r.anonymous)

export const groupsOf = (spec: RoutesSpec) => spec.routes.flatMap((r) => (r.group ? [r.group] : []))

/** ANY_OF scopes a route admits: the global scopes, plus the group's own (every group's, for the router). */
export function allowedScopes(spec: RoutesSpec, route: RouteSpec): string[] {
  const groups = route.group ? [route.group] : groupsOf(spec)
  const p = spec.scopePrefix
  return [`${p}.read`, `${p}.write`, ...groups.flatMap((g) => [`${p}.${g}.read`, `${p}.${g}.write`])]
}

/** The dynamic-routing keys of a route: each group's, then the extra ones, as the Terraform builds them too. */
export function zeroHopKeys(spec: RoutesSpec, route: RouteSpec): ZeroHopKey[] {
  const z = route.zeroHop
  if (!z) return []
  const functionOf = new Map(spec.routes.flatMap((r) => (r.group ? [[r.group, r.function] as const] : [])))
  const groups = spec.routes.flatMap((r) => (r.group ? [r.group] : []))
  return [
    ...groups.map((g) => ({
      name: g,
      expression: z.groupKey.replace('{group}', g),
      function: functionOf.get(g) as string,
    })),
    ...(z.keys ?? []).map((k, i) => ({
      name: `${k.group}-${i + 1}`,
      expression: k.expression,
      function: functionOf.get(k.group) as string,
    })),
  ]
}

/**
 * API Gateway's WILDCARD match: one `*` (zero or more characters) or `+` (one or more) at the start or the end of
 * the expression, the rest literal and case-sensitive; an expression without one matches only itself.
 */
export function wildcardMatches(expression: string, value: string): boolean {
  const last = expression.at(-1)
  if (last === '*' || last === '+') {
    const prefix = expression.slice(0, -1)
    return value.startsWith(prefix) && value.length >= prefix.length + (last === '+' ? 1 : 0)
  }
  const first = expression[0]
  if (first === '*' || first === '+') {
    const suffix = expression.slice(1)
    return value.endsWith(suffix) && value.length >= suffix.length + (first === '+' ? 1 : 0)
  }
  return expression === value
}
