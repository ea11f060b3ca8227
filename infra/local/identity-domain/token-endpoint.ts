// POST /oauth2/v1/token: authenticates the client, checks it may use the grant, dispatches, counts.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Client } from './clients.ts'
import type { DomainContext } from './context.ts'
import { OAuthError } from './errors.ts'
import { authorizationCodeGrant } from './grants/authorization-code.ts'
import { clientCredentialsGrant } from './grants/client-credentials.ts'
import type { GrantResult } from './grants/issue.ts'
import { passwordGrant } from './grants/password.ts'
import { refreshTokenGrant } from './grants/refresh-token.ts'
import { TOKEN_EXCHANGE, tokenExchangeGrant } from './grants/token-exchange.ts'
import { NO_STORE, readForm, sendInjectedError, sendJson, sendOAuthError } from './http.ts'
import { PATHS } from './metadata.ts'

type Grant = (ctx: DomainContext, client: Client, form: Map<string, string>) => Promise<GrantResult>

/** grant_type → handler and the short name used in metrics and logs. */
const GRANTS: Record<string, { name: string; handle: Grant }> = {
  client_credentials: { name: 'client_credentials', handle: clientCredentialsGrant },
  password: { name: 'password', handle: passwordGrant },
  authorization_code: { name: 'authorization_code', handle: authorizationCodeGrant },
  refresh_token: { name: 'refresh_token', handle: refreshTokenGrant },
  [TOKEN_EXCHANGE]: { name: 'token_exchange', handle: tokenExchangeGrant },
}

export const GRANT_TYPES = Object.keys(GRANTS)

export async function handleToken(
  ctx: DomainContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let grantName = 'unknown'
  try {
    const form = await readForm(req)
    const grantType = form.get('grant_type')
    if (!grantType) throw new OAuthError('invalid_request', 'grant_type is required')
    const grant = Object.hasOwn(GRANTS, grantType) ? GRANTS[grantType] : undefined
    if (grant) grantName = grant.name
    const facts = { method: req.method ?? 'POST', path: PATHS.token, operation: grantName }
    if (await ctx.faults.intercept(req, res, facts, sendInjectedError)) {
      ctx.log(`token fault grant=${grantName}`)
      return
    }
    const client = ctx.clients.authenticate(req, form)
    if (!grant) throw new OAuthError('unsupported_grant_type', 'Unsupported grant_type')
    // Each client is allowed only the grants it was created with (as an IDCS application is).
    if (!client.grantTypes.includes(grantType)) {
      throw new OAuthError('unauthorized_client', 'The client is not allowed this grant type')
    }
    const result = await grant.handle(ctx, client, form)
    ctx.metrics.inc('identity_domain_tokens_issued_total', grant.name)
    ctx.log(`token issued grant=${grant.name} sub=${result.subject}`)
    sendJson(res, 200, result.body, NO_STORE)
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error
    ctx.metrics.inc('identity_domain_token_errors_total', error.code)
    ctx.log(`token refused grant=${grantName} error=${error.code}`)
    sendOAuthError(res, error)
  }
}
