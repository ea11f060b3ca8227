// Who is calling: the bearer token (kept private) and its validated claims, from the gateway's request or the router's envelope.
import { type CallerClaims, claimsFromHeaders, pickClaims } from './claims.ts'
import { boolSetting, setting } from './config.ts'
import { AuthError } from './errors.ts'
import { introspectToken } from './introspect.ts'
import { parseScopes } from './scopes.ts'
import { verifyAccessToken, verifyOptionsFromEnv } from './token-verify.ts'

export interface Caller {
  claims: CallerClaims
  scopes: Set<string>
  /** The raw bearer token, for the token-exchange signer only; never logged or returned. */
  readonly token?: string
}

export function bearerToken(authorization: string | null | undefined): string | undefined {
  if (!authorization) return undefined
  const m = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization.trim())
  return m?.[1]
}

/**
 * Establishes the caller. With MCP_VERIFY_TOKEN on (the default) the token is verified again here, so a call
 * that reached the function around the gateway gains nothing; off, only claim headers the deployment trusts
 * (MCP_TRUST_CLAIM_HEADERS) make a caller.
 */
export async function authenticate(headers: Headers, env: NodeJS.ProcessEnv = process.env): Promise<Caller> {
  const token = bearerToken(headers.get('authorization'))
  if (boolSetting('MCP_VERIFY_TOKEN', env)) {
    if (!token) throw new AuthError('ERR_AUTH_MISSING_TOKEN', 'A bearer token is required')
    const payload =
      setting('MCP_TOKEN_VALIDATION', env) === 'introspection'
        ? await introspectToken(token, env)
        : await verifyAccessToken(token, verifyOptionsFromEnv(env))
    return { claims: pickClaims(payload), scopes: parseScopes(payload.scope), token }
  }
  const claims = claimsFromHeaders(headers, env)
  if (!claims)
    throw new AuthError('ERR_AUTH_MISSING_TOKEN', 'No validated identity was forwarded by the gateway')
  return { claims, scopes: parseScopes(claims.scope), token }
}
