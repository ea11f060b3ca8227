// client_credentials (RFC 6749 §4.4): a confidential client's own token, sub = client id.
import type { Client } from '../clients.ts'
import type { DomainContext } from '../context.ts'
import { BASE_SCOPES, grantScopes, requestedScopes } from '../scopes.ts'
import { accessTokenResponse, type GrantResult } from './issue.ts'

export function clientCredentialsGrant(
  ctx: DomainContext,
  client: Client,
  form: Map<string, string>,
): Promise<GrantResult> {
  const defaults = client.scopes === 'any' ? BASE_SCOPES : client.scopes
  const scopes = grantScopes(requestedScopes(form.get('scope'), ctx.audience), defaults, client.scopes)
  return accessTokenResponse(ctx, { client, scopes, grant: 'cc' })
}
