// Reads infra/routes.json, the route and auth specification shared by the local edge and the Terraform.
import { readFileSync } from 'node:fs'

export interface RouteSpec {
  path: string
  function: string
  group?: string
  methods: string[]
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
  scopePrefix: string
  routes: RouteSpec[]
}

export function loadRoutes(path = new URL('./routes.json', import.meta.url)): RoutesSpec {
  return JSON.parse(readFileSync(path, 'utf8')) as RoutesSpec
}

export const groupsOf = (spec: RoutesSpec) => spec.routes.flatMap((r) => (r.group ? [r.group] : []))

/** ANY_OF scopes a route admits: the global scopes, plus the group's own (every group's, for the router). */
export function allowedScopes(spec: RoutesSpec, route: RouteSpec): string[] {
  const groups = route.group ? [route.group] : groupsOf(spec)
  const p = spec.scopePrefix
  return [`${p}.read`, `${p}.write`, ...groups.flatMap((g) => [`${p}.${g}.read`, `${p}.${g}.write`])]
}
