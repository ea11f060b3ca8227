// The validated token claims the gateway forwards to functions as headers (API Gateway header transformations).
import routes from '../../infra/routes.json' with { type: 'json' }
import { boolSetting } from './config.ts'

/**
 * claim → header, from infra/routes.json — the one specification the Terraform and the local edge also read to
 * set them from `${request.auth[claim]}` — so the functions cannot drift from what the gateway forwards.
 */
export const CLAIM_HEADERS: Readonly<
  Record<'sub' | 'client_id' | 'scope' | 'jti' | 'user_displayname' | 'tenant', string>
> = routes.authentication.claimHeaders

/**
 * One spelling per header name: servers differ on case, and the FDK folds `_` into `-`, so `X_Mcp_Claim_Sub`
 * reaches a function as `X-Mcp-Claim-Sub`. Anything that matches a claim header this way is a claim header.
 */
export const normalizeHeaderName = (name: string) => name.toLowerCase().replace(/_/g, '-')

const CLAIM_NAMES = new Set(Object.values(CLAIM_HEADERS).map(normalizeHeaderName))

export const isClaimHeader = (name: string) => CLAIM_NAMES.has(normalizeHeaderName(name))

/**
 * Headers as the FDK hands them over (one name, every value). A claim header that arrived more than once was
 * also sent by someone other than the gateway, under another spelling: then no claim header is kept at all.
 */
export function withoutConflictingClaims(headers: Record<string, string[]>): Record<string, string[]> {
  const counts = new Map<string, number>()
  for (const [name, values] of Object.entries(headers)) {
    if (!isClaimHeader(name)) continue
    const key = normalizeHeaderName(name)
    counts.set(key, (counts.get(key) ?? 0) + values.length)
  }
  if (![...counts.values()].some((n) => n > 1)) return headers
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !isClaimHeader(name)))
}

/**
 * The caller the gateway vouches for, or undefined. Claim headers are believed only when the deployment says
 * so (MCP_TRUST_CLAIM_HEADERS): anyone who reaches a function some other way could have written them.
 */
export function claimsFromHeaders(headers: Headers, env: NodeJS.ProcessEnv): CallerClaims | undefined {
  if (!boolSetting('MCP_TRUST_CLAIM_HEADERS', env)) return undefined
  const sub = headers.get(CLAIM_HEADERS.sub)
  if (!sub) return undefined
  const claims: Record<string, string> = { sub }
  for (const [claim, header] of Object.entries(CLAIM_HEADERS)) {
    const value = headers.get(header)
    if (value) claims[claim] = value
  }
  return claims as unknown as CallerClaims
}

/** Claims a tool may show; everything else in a token stays inside the auth layer. */
export interface CallerClaims {
  sub: string
  sub_type?: string
  client_id?: string
  client_name?: string
  user_displayname?: string
  user_ocid?: string
  uid?: string
  aud?: string | string[]
  iss?: string
  jti?: string
  exp?: number
  iat?: number
  scope?: string
  tenant?: string
  domain?: string
}

const SHOWN: (keyof CallerClaims)[] = [
  'sub',
  'sub_type',
  'client_id',
  'client_name',
  'user_displayname',
  'user_ocid',
  'aud',
  'iss',
  'jti',
  'exp',
  'iat',
  'scope',
  'tenant',
  'domain',
]

export function pickClaims(payload: Record<string, unknown>): CallerClaims {
  const out: Record<string, unknown> = {}
  for (const key of SHOWN) if (payload[key] !== undefined) out[key] = payload[key]
  if (payload.user_id !== undefined) out.uid = payload.user_id
  return out as unknown as CallerClaims
}
