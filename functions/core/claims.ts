// The validated token claims the gateway forwards to functions as headers (API Gateway header transformations).

/** claim → header; the Terraform and the local edge both set these from `${request.auth[claim]}`. */
export const CLAIM_HEADERS = {
  sub: 'X-Mcp-Claim-Sub',
  client_id: 'X-Mcp-Claim-Client-Id',
  scope: 'X-Mcp-Claim-Scope',
  jti: 'X-Mcp-Claim-Jti',
  user_displayname: 'X-Mcp-Claim-User-Displayname',
  tenant: 'X-Mcp-Claim-Tenant',
} as const

export type ForwardedClaim = keyof typeof CLAIM_HEADERS

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
