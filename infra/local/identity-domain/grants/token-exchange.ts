// Token exchange (RFC 8693 as IDCS implements it): one of this domain's access tokens plus a session
// public key → a UPST for the caller's OCI user. The response is exactly {"token": "<UPST>"}.

import { operator } from '../../seed.ts'
import type { Client } from '../clients.ts'
import type { DomainContext } from '../context.ts'
import { findUser } from '../domain.ts'
import { OAuthError } from '../errors.ts'
import { parseSessionPublicKey } from '../keys.ts'
import { mintUpst } from '../security-tokens.ts'
import { type AccessTokenClaims, verifyAccessToken } from '../tokens.ts'
import type { GrantResult } from './issue.ts'

export const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange'
export const UPST_TOKEN_TYPE = 'urn:oci:token-type:oci-upst'

/** The outcome label of identity_domain_token_exchanges_total, one per way an exchange ends. */
export type ExchangeOutcome =
  | 'issued'
  | 'invalid_request'
  | 'invalid_public_key'
  | 'invalid_subject_token'
  | 'unknown_subject'

class ExchangeRefused extends OAuthError {
  constructor(
    readonly outcome: ExchangeOutcome,
    description: string,
  ) {
    // RFC 8693 §2.2.2: an unacceptable subject token is invalid_request, not invalid_grant.
    super('invalid_request', description)
  }
}

export async function tokenExchangeGrant(
  ctx: DomainContext,
  client: Client,
  form: Map<string, string>,
): Promise<GrantResult> {
  try {
    const result = await exchange(ctx, client, form)
    ctx.metrics.inc('identity_domain_token_exchanges_total', 'issued')
    return result
  } catch (error) {
    ctx.metrics.inc(
      'identity_domain_token_exchanges_total',
      error instanceof ExchangeRefused ? error.outcome : 'invalid_request',
    )
    throw error
  }
}

async function exchange(ctx: DomainContext, client: Client, form: Map<string, string>): Promise<GrantResult> {
  if (form.get('requested_token_type') !== UPST_TOKEN_TYPE) {
    throw new ExchangeRefused('invalid_request', `requested_token_type must be ${UPST_TOKEN_TYPE}`)
  }
  // IDCS names subject token types briefly (jwt, saml, spnego, aws-credential); only jwt is emulated.
  if (form.get('subject_token_type') !== 'jwt')
    throw new ExchangeRefused('invalid_request', 'subject_token_type must be jwt')
  const subjectToken = form.get('subject_token')
  const publicKey = form.get('public_key')
  if (!subjectToken) throw new ExchangeRefused('invalid_request', 'subject_token is required')
  if (!publicKey) throw new ExchangeRefused('invalid_request', 'public_key is required')
  let sessionPublicKey: ReturnType<typeof parseSessionPublicKey>
  try {
    sessionPublicKey = parseSessionPublicKey(publicKey)
  } catch (error) {
    throw new ExchangeRefused('invalid_public_key', (error as Error).message)
  }
  let claims: AccessTokenClaims
  try {
    claims = await verifyAccessToken(ctx, subjectToken)
  } catch {
    throw new ExchangeRefused('invalid_subject_token', 'subject_token is invalid or expired')
  }
  const userOcid = principalOf(claims)
  const { token } = await mintUpst(ctx.securityTokenKey, { userOcid, sessionPublicKey, notAfter: claims.exp })
  return { body: { token }, subject: `${claims.sub} upst_sub=${userOcid} via=${client.clientId}` }
}

/**
 * The OCI user the UPST speaks for. A user token maps to that user's OCI OCID. A client's own token
 * (client credentials) maps to the identity propagation trust's impersonated service user — here the
 * seed's `operator`, the same user the local stack's API key belongs to.
 */
function principalOf(claims: AccessTokenClaims): string {
  if (claims.sub_type === 'client') return operator.ocid
  const user = findUser(claims.sub)
  if (!user) throw new ExchangeRefused('unknown_subject', 'subject_token names no user of this domain')
  return user.ocid
}
