// password (RFC 6749 §4.3): a seeded user's name and password; the dev client only.

import type { SeedUser } from '../../seed.ts'
import { type Client, sameSecret } from '../clients.ts'
import type { DomainContext } from '../context.ts'
import { findUser } from '../domain.ts'
import { OAuthError } from '../errors.ts'
import { grantScopes, requestedScopes } from '../scopes.ts'
import { accessTokenResponse, type GrantResult } from './issue.ts'

/** The seeded user these credentials belong to, if any; shared with the sign-in page. */
export function checkPassword(ctx: DomainContext, userName: string, password: string): SeedUser | undefined {
  const user = findUser(userName)
  const expected = user ? ctx.store.state.passwords[user.userName] : undefined
  // Compare even for an unknown user so timing does not tell which user names exist.
  const matches = sameSecret(password, expected ?? '\0')
  return user && expected !== undefined && matches ? user : undefined
}

export function passwordGrant(
  ctx: DomainContext,
  client: Client,
  form: Map<string, string>,
): Promise<GrantResult> {
  const userName = form.get('username')
  const password = form.get('password')
  if (!userName || !password) throw new OAuthError('invalid_request', 'username and password are required')
  const user = checkPassword(ctx, userName, password)
  if (!user) throw new OAuthError('invalid_grant', 'Invalid user credentials')
  const scopes = grantScopes(
    requestedScopes(form.get('scope'), ctx.audience),
    user.scopes,
    user.scopes,
    client.scopes,
  )
  return accessTokenResponse(ctx, { client, user, scopes, grant: 'ro' })
}
