// Who is calling: the bearer token (kept private) and its validated claims, from the gateway's request or the router's envelope.
import { type CallerClaims, CLAIM_HEADERS, pickClaims } from './claims.ts'
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
 * that reached the function around the gateway gains nothing; off, the gateway's claim headers are trusted.
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
  const sub = headers.get(CLAIM_HEADERS.sub)
  if (!sub)
    throw new AuthError('ERR_AUTH_MISSING_TOKEN', 'No validated identity was forwarded by the gateway')
  const claims: CallerClaims = { sub }
  for (const [claim, header] of Object.entries(CLAIM_HEADERS)) {
    const value = headers.get(header)
    if (value) (claims as unknown as Record<string, string>)[claim] = value
  }
  return { claims, scopes: parseScopes(claims.scope), token }
}
