// Rule checkers for the Terraform module. Each returns the violations it finds (empty: the rule holds), so the
// tests can run it on the real module and on a deliberately bad snippet.
import {
  block,
  type Json,
  keys,
  literals,
  moduleStrings,
  squash,
  strings,
  type TfModule,
} from './hcl-module.ts'
import type { Yaml } from './yaml-subset.ts'

const REF_PATTERNS = {
  variable: /(?<![\w.])var\.([A-Za-z_][\w-]*)/g,
  local: /(?<![\w.])local\.([A-Za-z_][\w-]*)/g,
  data: /(?<![\w.])data\.([a-z][a-z0-9_]*)\.([A-Za-z_][\w-]*)/g,
  resource: /(?<![\w.])(oci_[a-z0-9_]+)\.([A-Za-z_][\w-]*)/g,
  module: /(?<![\w.])module\.[A-Za-z_]/g,
}

/** References to variables, locals, resources or data sources the module does not declare; any module.*. */
export function unresolvedReferences(mod: TfModule): string[] {
  const out = new Set<string>()
  for (const { value, file } of moduleStrings(mod)) {
    if (!value.includes('${')) continue
    const text = value.replaceAll('$${', '') // an escaped "$${" is literal text, not an expression
    for (const m of text.matchAll(REF_PATTERNS.variable)) {
      if (!mod.variables.has(m[1])) out.add(`${file}: var.${m[1]} has no variable block`)
    }
    for (const m of text.matchAll(REF_PATTERNS.local)) {
      if (!mod.locals.has(m[1])) out.add(`${file}: local.${m[1]} is not defined`)
    }
    for (const m of text.matchAll(REF_PATTERNS.data)) {
      if (!mod.data.has(`${m[1]}.${m[2]}`)) out.add(`${file}: data.${m[1]}.${m[2]} is not declared`)
    }
    for (const m of text.matchAll(REF_PATTERNS.resource)) {
      if (!mod.resources.has(`${m[1]}.${m[2]}`)) out.add(`${file}: ${m[1]}.${m[2]} is not declared`)
    }
    if (REF_PATTERNS.module.test(text)) out.add(`${file}: module references are not allowed`)
    REF_PATTERNS.module.lastIndex = 0
  }
  return [...out]
}

/** The older JWT_AUTHENTICATION type is documented as no longer recommended: it must not appear at all. */
export function jwtAuthenticationUses(mod: TfModule): string[] {
  return mod.files
    .filter((f) => f.text.includes('JWT_AUTHENTICATION'))
    .map((f) => `${f.name}: JWT_AUTHENTICATION`)
}

/**
 * Places 0.0.0.0/0 may appear: the gateway security list's HTTPS ingress, any egress rule, any route rule.
 * Everything else (another port, another security list's ingress, a subnet, a NSG…) is a violation.
 */
export function openCidrViolations(mod: TfModule): string[] {
  const out: string[] = []
  for (const [address, body] of mod.resources) {
    const type = address.split('.')[0]
    for (const { value, path } of strings(body)) {
      if (!value.includes('0.0.0.0/0')) continue
      const where = `${address}.${path.join('.')}`
      const ruleKind = path[0]
      if (type === 'oci_core_route_table' && ruleKind === 'route_rules') continue
      if (type === 'oci_core_security_list' && ruleKind === 'egress_security_rules') continue
      if (address === 'oci_core_security_list.gateway' && ruleKind === 'ingress_security_rules') {
        const rule = (body.ingress_security_rules as Json[])[path[1] as number] as Record<string, Json>
        const tcp = block(rule.tcp_options)
        if (rule.protocol === '6' && tcp.min === 443 && tcp.max === 443) continue
      }
      out.push(`${where}: 0.0.0.0/0 outside the allowed places`)
    }
  }
  return out
}

/** Tenancy-wide statements allowed, each with its reason in iam.tf (%s: the function's dynamic group). */
export const TENANCY_STATEMENTS = [
  'Allow dynamic-group id %s to inspect compartments in tenancy',
  'Allow dynamic-group id %s to inspect tenancies in tenancy',
  'Allow dynamic-group id %s to read usage-report in tenancy',
  'Allow dynamic-group id %s to inspect users in tenancy',
  'Allow dynamic-group id %s to inspect groups in tenancy',
  'Allow dynamic-group id %s to inspect policies in tenancy',
]

/** A policy statement: "Allow <subject> to …" (a description starting with "Allow" is not one). */
const STATEMENT = /^allow (any-user|any-group|dynamic-group|group|service|resource) /i
const COMPARTMENT_SCOPED = /^allow .+? to (inspect|read|use|manage) [a-z-]+ in compartment id \S+/i

/** Policy statements (literal or templated, anywhere in the module) that are neither compartment-scoped nor allowed. */
export function policyScopeViolations(mod: TfModule): string[] {
  const out: string[] = []
  for (const s of policyStatements(mod)) {
    if (COMPARTMENT_SCOPED.test(s) || TENANCY_STATEMENTS.includes(s)) continue
    out.push(`not scoped to a compartment: ${s}`)
  }
  return out
}

export function policyStatements(mod: TfModule): string[] {
  const out: string[] = []
  for (const { value } of moduleStrings(mod))
    for (const t of literals(value)) if (STATEMENT.test(t)) out.push(t)
  return out
}

/** Every variable has a non-empty description and a type. */
export function variableDocViolations(mod: TfModule): string[] {
  const out: string[] = []
  for (const [name, body] of mod.variables) {
    if (typeof body.description !== 'string' || body.description.trim() === '')
      out.push(`${name}: no description`)
    if (body.type === undefined) out.push(`${name}: no type`)
  }
  return out
}

/** Configuration keys: object keys that look like environment variables, and KEY = inside expressions. */
export function configKeys(mod: TfModule): Set<string> {
  const out = new Set<string>()
  for (const f of mod.files) for (const k of configKeysOf(f.json)) out.add(k)
  return out
}

function configKeysOf(value: Json | undefined): Set<string> {
  const out = new Set<string>()
  const env = /^[A-Z][A-Z0-9_]*$/
  for (const k of keys(value)) if (env.test(k)) out.add(k)
  for (const { value: text } of strings(value)) {
    for (const m of text.matchAll(/[{,\s]"?([A-Z][A-Z0-9_]+)"?\s*=(?![=>])/g)) out.add(m[1])
  }
  return out
}

/** Each local by name, and every other top-level block of each file as one unit. */
function* units(mod: TfModule): Generator<{ where: string; value: Json }> {
  for (const f of mod.files) {
    for (const [kind, value] of Object.entries(f.json)) {
      if (kind !== 'locals') yield { where: `${f.name} ${kind}`, value }
      else
        for (const b of value as Record<string, Json>[])
          for (const [name, v] of Object.entries(b)) yield { where: `local.${name}`, value: v }
    }
  }
}

/** Configuration keys starting with `prefix` written anywhere but in `local.<holder>`. */
export function settingsOutside(mod: TfModule, prefix: string, holder: string): string[] {
  const out: string[] = []
  for (const { where, value } of units(mod)) {
    if (where === `local.${holder}`) continue
    for (const k of configKeysOf(value))
      if (k.startsWith(prefix)) out.push(`${where}: ${k} outside local.${holder}`)
  }
  return out
}

/**
 * Uses of `local.<name>` other than in one of the `guarded` forms (HCL text, whitespace collapsed): how a value
 * meant for some functions only is kept from the others.
 */
export function unguardedUses(mod: TfModule, name: string, guarded: readonly string[]): string[] {
  const ref = new RegExp(`(?<![\\w.])local\\.${name}(?![\\w-])`)
  const out: string[] = []
  for (const { value, path, file } of moduleStrings(mod)) {
    let text = squash(value)
    for (const g of guarded) text = text.replaceAll(g, ' ')
    if (ref.test(text)) out.push(`${file} ${path.join('.')}: local.${name} used without its guard`)
  }
  return out
}

/** A Vault secret's only grant: its bundles, read, in its compartment, for the one secret its OCID names. */
const ONE_SECRET =
  /^Allow dynamic-group id %s to read secret-bundles in compartment id \$\{local\.\w+\} where target\.secret\.id = '\$\{var\.\w+\}'$/

/**
 * The same, one statement per secret of a set (`for id in …`): the compartment read from that secret's own data
 * source, the target that same id.
 */
const EACH_SECRET =
  /^Allow dynamic-group id %s to read secret-bundles in compartment id \$\{data\.oci_vault_secret\.\w+\[(\w+)\]\.compartment_id\} where target\.secret\.id = '\$\{\1\}'$/

/** Policy statements about secrets (any verb, any secret resource type) that are not ONE_SECRET or EACH_SECRET. */
export function secretGrantViolations(mod: TfModule): string[] {
  return policyStatements(mod)
    .filter(
      (s) =>
        /\bto \w+ (secret[\w-]*|all-resources)\b/i.test(s) && !ONE_SECRET.test(s) && !EACH_SECRET.test(s),
    )
    .map((s) => `not one secret's bundles: ${s}`)
}

export function configKeyViolations(mod: TfModule, allowed: ReadonlySet<string>): string[] {
  return [...configKeys(mod)].filter((k) => !allowed.has(k)).map((k) => `${k} is not a known setting`)
}

interface RouteBlock {
  origin: string
  route: Record<string, Json>
  forEach?: string
}

/** Every routes block of every API deployment, static or dynamic (with the for_each it iterates). */
export function deploymentRoutes(mod: TfModule): RouteBlock[] {
  const out: RouteBlock[] = []
  for (const [address, body] of mod.resources) {
    if (!address.startsWith('oci_apigateway_deployment.')) continue
    const spec = block(body.specification)
    for (const [i, r] of ((spec.routes ?? []) as Record<string, Json>[]).entries()) {
      out.push({ origin: `${address} routes[${i}]`, route: r })
    }
    const dynamic = ((spec.dynamic ?? {}) as Record<string, Json>).routes ?? []
    for (const [i, d] of (dynamic as Record<string, Json>[]).entries()) {
      out.push({
        origin: `${address} dynamic routes[${i}]`,
        route: block(d.content),
        forEach: d.for_each as string,
      })
    }
  }
  return out
}

/**
 * Authentication: TOKEN_AUTHENTICATION on every deployment. Routes: ANONYMOUS only for a stock-response
 * metadata route (its path is the metadata path, or it iterates `metadataIterable`); every other route ANY_OF
 * with scopes.
 */
export function routeAuthViolations(
  mod: TfModule,
  metadataPath: string,
  metadataIterable: string,
  /** The OAuth facade's anonymous routes: iterating exactly this, to a function back end. */
  facadeIterable?: string,
): string[] {
  const out: string[] = []
  for (const [address, body] of mod.resources) {
    if (!address.startsWith('oci_apigateway_deployment.')) continue
    const auth = block(block(block(body.specification).request_policies).authentication)
    if (auth.type !== 'TOKEN_AUTHENTICATION')
      out.push(`${address}: authentication is not TOKEN_AUTHENTICATION`)
  }
  for (const { origin, route, forEach } of deploymentRoutes(mod)) {
    const authorization = block(block(route.request_policies).authorization)
    const backend = block(route.backend)
    if (authorization.type === 'ANONYMOUS') {
      if (
        facadeIterable !== undefined &&
        forEach === facadeIterable &&
        backend.type === 'ORACLE_FUNCTIONS_BACKEND'
      )
        continue
      const metadata =
        forEach === undefined
          ? route.path === metadataPath || String(route.path).startsWith(`${metadataPath}/`)
          : forEach === metadataIterable
      if (backend.type !== 'STOCK_RESPONSE_BACKEND' || !metadata) {
        out.push(`${origin}: anonymous, but not the stock-response metadata document`)
      }
    } else if (authorization.type !== 'ANY_OF' || !authorization.allowed_scope) {
      out.push(
        `${origin}: not authorized by ANY_OF scopes (authorization ${authorization.type ?? 'missing'})`,
      )
    }
  }
  return out
}

/** Literal route paths (from routes.json, or anything under /mcp) written into the module, alone or in a URL. */
export function hardCodedRoutePaths(mod: TfModule, paths: readonly string[]): string[] {
  const out: string[] = []
  const isRoutePath = (token: string) => {
    const path = token.replace(/^https?:\/\/[^/]+/, '')
    return [...paths, '/mcp'].some((p) => path === p || path.startsWith(`${p}/`))
  }
  for (const { value, file } of moduleStrings(mod)) {
    for (const t of literals(value)) {
      const tokens = t.replace(/\$\{[^}]*\}/g, ' ').split(/[\s"'=,()[\]{}]+/)
      if (tokens.some(isRoutePath)) out.push(`${file}: route path written literally: ${t}`)
    }
  }
  return out
}

/** Resource Manager types that fit each Terraform type. */
const SCHEMA_TYPES: Record<string, (t: string) => boolean> = {
  string: (t) => t === 'string' || t === 'enum' || t.startsWith('oci:'),
  number: (t) => t === 'number' || t === 'integer',
  bool: (t) => t === 'boolean',
  'list(string)': (t) => t === 'array',
}

/**
 * schema.yaml against the variables: each variable is described there once, sits in exactly one group, has a
 * title, is required exactly when it has no default, and has a type that fits (complex types carry none).
 */
export function schemaViolations(mod: TfModule, schema: Yaml): string[] {
  const out: string[] = []
  const root = (schema ?? {}) as Record<string, Yaml>
  const described = (root.variables ?? {}) as Record<string, Record<string, Yaml>>
  const grouped = ((root.variableGroups ?? []) as Record<string, Yaml>[]).flatMap(
    (g) => (g.variables ?? []) as string[],
  )
  for (const [name, body] of mod.variables) {
    const entry = described[name]
    const groups = grouped.filter((v) => v === name).length
    if (groups !== 1) out.push(`${name}: in ${groups} variable groups, not 1`)
    if (!entry) {
      out.push(`${name}: missing from schema variables`)
      continue
    }
    if (typeof entry.title !== 'string' || entry.title === '') out.push(`${name}: no title`)
    if (entry.required !== !('default' in body))
      out.push(`${name}: required should be ${!('default' in body)}`)
    const tfType = String(body.type).replace(/^\$\{(.*)\}$/s, '$1')
    const fits = SCHEMA_TYPES[tfType]
    if (fits ? !fits(String(entry.type)) : entry.type !== undefined) {
      out.push(`${name}: schema type ${entry.type} does not fit ${tfType}`)
    }
  }
  for (const name of [...Object.keys(described), ...grouped]) {
    if (!mod.variables.has(name)) out.push(`${name}: in schema.yaml but not a variable`)
  }
  return [...new Set(out)]
}
