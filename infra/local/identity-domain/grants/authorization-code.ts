// authorization_code with PKCE S256 (RFC 6749 §4.1, RFC 7636): single-use codes bound to the
// client, redirect URI and code challenge, kept in memory for a short time.
import { createHash, randomBytes } from 'node:crypto'
import type { Client } from '../clients.ts'
import type { DomainContext } from '../context.ts'
import { findUser } from '../domain.ts'
import { OAuthError } from '../errors.ts'
import { accessTokenResponse, type GrantResult } from './issue.ts'

/** Long enough for a browser round trip, short enough that a leaked code is soon worthless. */
const CODE_TTL_MS = 120_000
/** A replayed code is recognised this long after its first use. */
const SPENT_TTL_MS = 10 * 60_000
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/

export interface PendingCode {
  clientId: string
  redirectUri: string
  codeChallenge: string
  scopes: string[]
  userName: string
  expiresAt: number
}

type Taken =
  | { kind: 'valid'; code: PendingCode }
  | { kind: 'replayed'; familyId?: string }
  | { kind: 'unknown' }

export class AuthorizationCodes {
  private readonly pending = new Map<string, PendingCode>()
  private readonly spent = new Map<string, { familyId?: string; expiresAt: number }>()

  issue(code: Omit<PendingCode, 'expiresAt'>): string {
    this.prune()
    const value = randomBytes(32).toString('base64url')
    this.pending.set(value, { ...code, expiresAt: Date.now() + CODE_TTL_MS })
    return value
  }

  /** Removes the code on its first presentation, whatever happens next: a code is never tried twice. */
  take(value: string): Taken {
    this.prune()
    const code = this.pending.get(value)
    if (code) {
      this.pending.delete(value)
      this.spent.set(value, { expiresAt: Date.now() + SPENT_TTL_MS })
      return { kind: 'valid', code }
    }
    const spent = this.spent.get(value)
    return spent ? { kind: 'replayed', familyId: spent.familyId } : { kind: 'unknown' }
  }

  /** Remembers which refresh-token family a code produced, so a replay can revoke it. */
  bindFamily(value: string, familyId: string): void {
    const spent = this.spent.get(value)
    if (spent) spent.familyId = familyId
  }

  private prune(): void {
    const now = Date.now()
    for (const [k, v] of this.pending) if (v.expiresAt <= now) this.pending.delete(k)
    for (const [k, v] of this.spent) if (v.expiresAt <= now) this.spent.delete(k)
  }
}

export const s256 = (verifier: string) => createHash('sha256').update(verifier, 'ascii').digest('base64url')

export async function authorizationCodeGrant(
  ctx: DomainContext,
  client: Client,
  form: Map<string, string>,
): Promise<GrantResult> {
  const value = form.get('code')
  const verifier = form.get('code_verifier')
  if (!value) throw new OAuthError('invalid_request', 'code is required')
  if (!verifier) throw new OAuthError('invalid_request', 'code_verifier is required')
  const taken = ctx.codes.take(value)
  if (taken.kind === 'replayed') {
    // RFC 6749 §4.1.2: a code used twice revokes what it was exchanged for.
    if (taken.familyId) await ctx.refreshTokens.revokeFamily(taken.familyId)
    throw new OAuthError('invalid_grant', 'Authorization code has already been used')
  }
  if (taken.kind === 'unknown') throw new OAuthError('invalid_grant', 'Invalid authorization code')
  const code = taken.code
  if (code.expiresAt <= Date.now()) throw new OAuthError('invalid_grant', 'Authorization code has expired')
  if (code.clientId !== client.clientId)
    throw new OAuthError('invalid_grant', 'Code was issued to another client')
  if (form.get('redirect_uri') !== code.redirectUri)
    throw new OAuthError('invalid_grant', 'redirect_uri does not match')
  if (!VERIFIER.test(verifier) || s256(verifier) !== code.codeChallenge) {
    throw new OAuthError('invalid_grant', 'PKCE verification failed')
  }
  const user = findUser(code.userName)
  if (!user) throw new OAuthError('invalid_grant', 'User no longer exists')
  let refreshToken: string | undefined
  if (client.grantTypes.includes('refresh_token')) {
    const issued = await ctx.refreshTokens.issue({
      clientId: client.clientId,
      userName: user.userName,
      scopes: code.scopes,
    })
    refreshToken = issued.token
    ctx.codes.bindFamily(value, issued.familyId)
  }
  return accessTokenResponse(ctx, { client, user, scopes: code.scopes, grant: 'azc' }, refreshToken)
}
