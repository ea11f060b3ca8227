// POST /oauth/token: the client's code (its PKCE verified here) or refresh token, each honoured once,
// redeemed at the identity domain; the client gets the domain's own access token.
import type { HttpCall } from '../core/http.ts'
import { checkResource } from './authorize.ts'
import type { FacadeConfig } from './config.ts'
import { OAuthError } from './errors.ts'
import { type DomainTokens, domainToken } from './identity-domain.ts'
import { checkPkce, randomToken } from './seal.ts'
import { claimOnce } from './single-use.ts'

/** A refresh token outlives no identity-domain refresh token; the domain's own expiry still applies. */
const REFRESH_TTL = 7 * 24 * 3600

function formOf(call: HttpCall): URLSearchParams {
  const type = call.headers.get('content-type') ?? ''
  if (!/^application\/x-www-form-urlencoded(\s*;|$)/i.test(type))
    throw new OAuthError('invalid_request', 'The token request must be application/x-www-form-urlencoded')
  return new URLSearchParams(new TextDecoder().decode(call.body))
}

/** Public clients only: a client_id and no credentials (RFC 6749 §2.3 none). */
function clientIdOf(call: HttpCall, form: URLSearchParams): string {
  const basic = /^Basic\s+(\S+)$/i.exec(call.headers.get('authorization') ?? '')
  let id = form.get('client_id') ?? undefined
  if (basic) {
    const [user, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':')
    if (secret) throw new OAuthError('invalid_client', 'This server issues no client secrets')
    id ??= decodeURIComponent(user ?? '')
  }
  if (form.get('client_secret'))
    throw new OAuthError('invalid_client', 'This server issues no client secrets')
  if (!id) throw new OAuthError('invalid_client', 'client_id is required')
  return id
}

function reply(config: FacadeConfig, tokens: DomainTokens, grant: { cid: string; sc: string[]; rs: string }) {
  const refresh = tokens.refresh_token
    ? config.sealer.seal('refresh', { j: randomToken(18), ...grant, rt: tokens.refresh_token }, REFRESH_TTL)
    : undefined
  return {
    access_token: tokens.access_token,
    token_type: 'Bearer',
    expires_in: tokens.expires_in ?? 3600,
    scope: tokens.scope ?? grant.sc.join(' '),
    ...(refresh ? { refresh_token: refresh } : {}),
  }
}

export async function token(config: FacadeConfig, call: HttpCall): Promise<Record<string, unknown>> {
  const form = formOf(call)
  const clientId = clientIdOf(call, form)
  const grantType = form.get('grant_type')
  if (grantType === 'authorization_code') {
    const c = config.sealer.open('code', form.get('code') ?? '')
    if (!c || c.cid !== clientId) throw new OAuthError('invalid_grant', 'The code is invalid or expired')
    if (form.get('redirect_uri') !== c.ru)
      throw new OAuthError('invalid_grant', 'redirect_uri does not match')
    checkPkce(form.get('code_verifier') ?? undefined, String(c.cc))
    if (form.has('resource') && checkResource(config, form.get('resource')!) !== c.rs)
      throw new OAuthError('invalid_target', 'resource differs from the authorization request')
    if (!(await claimOnce(config, 'code', String(c.j))))
      throw new OAuthError('invalid_grant', 'The code was already used')
    const tokens = await domainToken(config, {
      grant_type: 'authorization_code',
      code: String(c.dc),
      redirect_uri: `${config.issuer}/oauth/callback`,
      code_verifier: String(c.v),
    })
    return reply(config, tokens, { cid: clientId, sc: c.sc as string[], rs: String(c.rs) })
  }
  if (grantType === 'refresh_token') {
    const r = config.sealer.open('refresh', form.get('refresh_token') ?? '')
    if (!r || r.cid !== clientId)
      throw new OAuthError('invalid_grant', 'The refresh token is invalid or expired')
    if (form.has('resource') && checkResource(config, form.get('resource')!) !== r.rs)
      throw new OAuthError('invalid_target', 'resource differs from the original grant')
    if (!(await claimOnce(config, 'refresh', String(r.j))))
      throw new OAuthError('invalid_grant', 'The refresh token was already used')
    const tokens = await domainToken(config, { grant_type: 'refresh_token', refresh_token: String(r.rt) })
    return reply(config, tokens, { cid: clientId, sc: r.sc as string[], rs: String(r.rs) })
  }
  throw new OAuthError('unsupported_grant_type', 'grant_type must be authorization_code or refresh_token')
}
