// The validated token claims the gateway forwards to functions as headers (API Gateway header transformations).
import routes from '../../infra/routes.json' with { type: 'json' }

/**
 * claim → header, from infra/routes.json — the one specification the Terraform and the local edge also read to
 * set them from `${request.auth[claim]}` — so the functions cannot drift from what the gateway forwards.
 */
export const CLAIM_HEADERS: Readonly<
  Record<'sub' | 'client_id' | 'scope' | 'jti' | 'user_displayname' | 'tenant', string>
> = routes.authentication.claimHeaders

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
