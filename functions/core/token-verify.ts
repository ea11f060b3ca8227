// Verifies identity-domain access tokens with the domain's JWKS (fetched lazily, cached for warm calls).
import { errors as joseErrors, jwtVerify } from 'jose'
import { setting } from './config.ts'
import { AuthError, McpFunctionsError } from './errors.ts'
import { type RemoteJwks, remoteJwks } from './jwks.ts'

let cached: { url: string; jwks: RemoteJwks } | undefined

/**
 * Tokens already verified, by options and exact token text: an agent sends one token for many calls, and an RS256
 * check through WebCrypto costs several warm tools/calls (npm run bench). Reused until the token's exp, at most
 * VERIFIED_TTL_MS — so a key withdrawn from the JWKS stops being honoured for seen tokens within that time.
 */
const verified = new Map<string, { payload: Record<string, unknown>; until: number }>()
const VERIFIED_MAX = 1000
const VERIFIED_TTL_MS = 5 * 60_000

function jwksFor(url: string): RemoteJwks {
  if (cached?.url !== url) cached = { url, jwks: remoteJwks(url) }
  return cached.jwks
}

export interface VerifyOptions {
  jwksUrl: string
  issuer: string
  audience: string
  clockToleranceSeconds?: number
}

export function verifyOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): VerifyOptions {
  const jwksUrl = setting('MCP_JWKS_URL', env)
  const audience = setting('MCP_TOKEN_AUDIENCE', env)
  if (!jwksUrl || !audience) {
    throw new McpFunctionsError(
      'ERR_CONFIG_INVALID',
      'MCP_JWKS_URL and MCP_TOKEN_AUDIENCE are needed to verify tokens',
    )
  }
  return { jwksUrl, audience, issuer: setting('MCP_TOKEN_ISSUER', env) as string }
}

export async function verifyAccessToken(
  token: string,
  options: VerifyOptions,
): Promise<Record<string, unknown>> {
  const key = `${options.jwksUrl} ${options.issuer} ${options.audience} ${token}`
  const now = Date.now()
  const hit = verified.get(key)
  if (hit && hit.until > now) return hit.payload
  try {
    const { payload } = await jwtVerify(token, jwksFor(options.jwksUrl).getKey, {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: ['RS256'],
      clockTolerance: options.clockToleranceSeconds ?? 60,
      requiredClaims: ['sub', 'exp'],
    })
    const until = Math.min(typeof payload.exp === 'number' ? payload.exp * 1000 : now, now + VERIFIED_TTL_MS)
    if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value as string)
    verified.set(key, { payload: payload as Record<string, unknown>, until })
    return payload as Record<string, unknown>
  } catch (error) {
    // Only the reason's code is kept: jose messages can quote claim values.
    const reason = error instanceof joseErrors.JOSEError ? error.code : 'ERR_JWKS_UNAVAILABLE'
    throw new AuthError('ERR_AUTH_INVALID_TOKEN', `The access token was not accepted (${reason})`)
  }
}
