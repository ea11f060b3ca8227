// Verifies identity-domain access tokens with the domain's JWKS (fetched lazily, cached for warm calls).
import { errors as joseErrors, jwtVerify } from 'jose'
import { setting } from './config.ts'
import { AuthError, McpFunctionsError } from './errors.ts'
import { type RemoteJwks, remoteJwks } from './jwks.ts'

let cached: { url: string; jwks: RemoteJwks } | undefined

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
  try {
    const { payload } = await jwtVerify(token, jwksFor(options.jwksUrl).getKey, {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: ['RS256'],
      clockTolerance: options.clockToleranceSeconds ?? 60,
      requiredClaims: ['sub', 'exp'],
    })
    return payload as Record<string, unknown>
  } catch (error) {
    // Only the reason's code is kept: jose messages can quote claim values.
    const reason = error instanceof joseErrors.JOSEError ? error.code : 'ERR_JWKS_UNAVAILABLE'
    throw new AuthError('ERR_AUTH_INVALID_TOKEN', `The access token was not accepted (${reason})`)
  }
}
