// The successful token response every grant that yields an access token shares (RFC 6749 §5.1).
import type { DomainContext } from '../context.ts'
import { type AccessTokenRequest, mintAccessToken } from '../tokens.ts'

export interface GrantResult {
  body: Record<string, unknown>
  /** Who the token is for, for the log line; never a token or secret. */
  subject: string
}

export async function accessTokenResponse(
  ctx: DomainContext,
  request: AccessTokenRequest,
  refreshToken?: string,
): Promise<GrantResult> {
  const { token, expiresIn } = await mintAccessToken(ctx, request)
  const body: Record<string, unknown> = {
    access_token: token,
    token_type: 'Bearer',
    expires_in: expiresIn,
    scope: request.scopes.join(' '),
  }
  if (refreshToken) body.refresh_token = refreshToken
  return { body, subject: request.user?.userName ?? request.client.clientId }
}
