// client_credentials (RFC 6749 §4.4): a confidential client's own token, sub = client id.
import type { Client } from '../clients.ts'
import type { DomainContext } from '../context.ts'
import { OAuthError } from '../errors.ts'
import { BASE_SCOPES, grantScopes, requestedScopes } from '../scopes.ts'
import { accessTokenResponse, type GrantResult } from './issue.ts'

export function clientCredentialsGrant(
  ctx: DomainContext,
  client: Client,
  form: Map<string, string>,
): Promise<GrantResult> {
  const resource = resourceFor(ctx, form.get('scope'))
  if (resource) return accessTokenResponse(ctx, { client, ...resource, grant: 'cc' })
  const defaults = client.scopes === 'any' ? BASE_SCOPES : client.scopes
  const scopes = grantScopes(requestedScopes(form.get('scope'), ctx.audience), defaults, client.scopes)
  return accessTokenResponse(ctx, { client, scopes, grant: 'cc' })
}

/**
 * A request for another resource application's scopes (`<audience><scope>`, as IDCS takes them): the token's
 * audience becomes that application's, and only its own scopes are granted.
 */
function resourceFor(
  ctx: DomainContext,
  raw: string | undefined,
): { audience: string; scopes: string[] } | undefined {
  const requested = (raw ?? '').split(' ').filter(Boolean)
  const app = ctx.resources.find((r) =>
    requested.some((s) => s.startsWith(r.audience) && s.length > r.audience.length),
  )
  if (!app) return undefined
  const scopes = requested
    .filter((s) => s.startsWith(app.audience))
    .map((s) => s.slice(app.audience.length))
    .filter((s) => app.scopes.includes(s))
  if (scopes.length === 0)
    throw new OAuthError('invalid_scope', 'None of the requested scopes can be granted')
  return { audience: app.audience, scopes }
}
