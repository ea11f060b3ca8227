// Reads infra/routes.json, the route and auth specification shared by the local edge and the Terraform.
import { readFileSync } from 'node:fs'

export interface RouteSpec {
  path: string
  function: string
  group?: string
  methods: string[]
  /** No token authentication (API Gateway ANONYMOUS): the OAuth facade's own endpoints. */
  anonymous?: boolean
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
