// The facade's calls to the identity domain's token endpoint, as its one confidential application
// (client_secret_basic), and the authorize URL it sends the browser to.
import type { FacadeConfig } from './config.ts'
import { OAuthError } from './errors.ts'

export interface DomainTokens {
  access_token: string
  expires_in?: number
  refresh_token?: string
  scope?: string
  token_type?: string
}

/** IDCS resource scopes are requested fully qualified: `<primary audience><scope>` (RFC 8707 resource → aud). */
export const qualifiedScopes = (config: FacadeConfig, scopes: string[]) =>
  scopes.map((s) => `${config.audience}${s}`).join(' ')

export function domainAuthorizeUrl(
  config: FacadeConfig,
  scopes: string[],
  state: string,
  challenge: string,
): string {
  const url = new URL('/oauth2/v1/authorize', config.domainUrl)
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: `${config.issuer}/oauth/callback`,
    scope: qualifiedScopes(config, scopes),
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString()
  return url.href
}

export async function domainToken(config: FacadeConfig, form: Record<string, string>): Promise<DomainTokens> {
  const basic = Buffer.from(
    `${encodeURIComponent(config.clientId)}:${encodeURIComponent(config.clientSecret)}`,
  ).toString('base64')
  let res: Response
  try {
    res = await fetch(new URL('/oauth2/v1/token', config.domainUrl), {
      method: 'POST',
      headers: {
        Authorization: `Basic ${basic}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      },
      body: new URLSearchParams(form),
      signal: AbortSignal.timeout(15_000),
    })
  } catch {
    throw new OAuthError('temporarily_unavailable', 'The identity domain could not be reached')
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>
  if (res.status === 200 && typeof body.access_token === 'string') return body as unknown as DomainTokens
  // The domain's error code only: its description may echo request values.
  console.error(
    `identity domain token request refused: status ${res.status} error=${String(body.error ?? '-')}`,
  )
  if (res.status === 400 && body.error === 'invalid_grant')
    throw new OAuthError('invalid_grant', 'The identity domain refused the grant')
  if (res.status === 400 && body.error === 'invalid_scope')
    throw new OAuthError('invalid_scope', 'The identity domain refused the scopes')
  throw new OAuthError('server_error', 'The identity domain refused the facade’s request')
}
