// refresh_token (RFC 6749 §6) with rotation: each use returns a new refresh token, and a replayed
// old one revokes its whole family (OAuth 2.1 §4.3.1). Persisted, so a restart keeps logins.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { Client } from '../clients.ts'
import type { DomainContext } from '../context.ts'
import { findUser } from '../domain.ts'
import { OAuthError } from '../errors.ts'
import { grantScopes, requestedScopes } from '../scopes.ts'
import type { Store, StoredRefreshToken } from '../store.ts'
import { accessTokenResponse, type GrantResult } from './issue.ts'

/** IDCS's default refresh token lifetime: one week. */
const REFRESH_TTL_MS = 7 * 24 * 3600_000

const hash = (token: string) => createHash('sha256').update(token).digest('hex')

export class RefreshTokens {
  constructor(private readonly store: Store) {}

  private get records(): Record<string, StoredRefreshToken> {
    return this.store.state.refreshTokens
  }

  async issue(grant: {
    clientId: string
    userName?: string
    scopes: string[]
    familyId?: string
    /** The refresh token this one rotates out; retired in the same write. */
    replaces?: string
  }): Promise<{ token: string; familyId: string }> {
    this.prune()
    const { replaces, ...rest } = grant
    const retired = replaces === undefined ? undefined : this.records[hash(replaces)]
    if (retired) retired.rotated = true
    const token = randomBytes(32).toString('base64url')
    const familyId = grant.familyId ?? randomUUID()
    this.records[hash(token)] = { ...rest, familyId, expiresAt: Date.now() + REFRESH_TTL_MS, rotated: false }
    await this.store.save()
    return { token, familyId }
  }

  /**
   * The grant of a usable refresh token; every failure is `invalid_grant`, and a replayed one revokes
   * its family. Synchronous, so that two concurrent uses cannot both pass before one is rotated.
   */
  lookup(token: string, clientId: string): StoredRefreshToken {
    const record = this.records[hash(token)]
    if (!record || record.expiresAt <= Date.now())
      throw new OAuthError('invalid_grant', 'Invalid refresh token')
    if (record.rotated) {
      // The revocation is in memory at once; a failed write is retried by the next save.
      this.revokeFamily(record.familyId).catch(() => {})
      throw new OAuthError('invalid_grant', 'Refresh token has already been used')
    }
    if (record.clientId !== clientId)
      throw new OAuthError('invalid_grant', 'Refresh token was issued to another client')
    return record
  }

  revokeFamily(familyId: string): Promise<void> {
    for (const [key, record] of Object.entries(this.records))
      if (record.familyId === familyId) delete this.records[key]
    return this.store.save()
  }

  private prune(): void {
    const now = Date.now()
    for (const [key, record] of Object.entries(this.records))
      if (record.expiresAt <= now) delete this.records[key]
  }
}

export async function refreshTokenGrant(
  ctx: DomainContext,
  client: Client,
  form: Map<string, string>,
): Promise<GrantResult> {
  const token = form.get('refresh_token')
  if (!token) throw new OAuthError('invalid_request', 'refresh_token is required')
  const record = ctx.refreshTokens.lookup(token, client.clientId)
  // RFC 6749 §6: a refresh may narrow the scope, never widen it; the new refresh token keeps the original.
  const scopes = grantScopes(
    requestedScopes(form.get('scope'), ctx.audience),
    record.scopes,
    record.scopes,
    client.scopes,
  )
  const user = record.userName === undefined ? undefined : findUser(record.userName)
  if (record.userName !== undefined && !user) throw new OAuthError('invalid_grant', 'User no longer exists')
  const next = await ctx.refreshTokens.issue({
    clientId: record.clientId,
    userName: record.userName,
    scopes: record.scopes,
    familyId: record.familyId,
    replaces: token,
  })
  return accessTokenResponse(ctx, { client, user, scopes, grant: 'rt' }, next.token)
}
