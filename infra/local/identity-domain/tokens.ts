// Identity-domain access tokens: minted with the claims IDCS puts in them, verified for our own use.
import { randomBytes } from 'node:crypto'
import { type JWTPayload, jwtVerify, SignJWT } from 'jose'
import type { SeedUser } from '../seed.ts'
import type { Client } from './clients.ts'
import { type DomainContext, nowSeconds } from './context.ts'
import {
  applicationOcid,
  DOMAIN_ID,
  DOMAIN_NAME,
  HOME_REGION,
  IDCS_REGION_NAME,
  IDCS_TENANT,
  TENANCY_ID,
  TENANCY_NAME,
  TOKEN_ISSUER,
} from './domain.ts'
import { SIGNING_KEY_ID } from './keys.ts'

/** IDCS `gtp`: how the token was obtained. */
export type GrantTypeClaim = 'cc' | 'ro' | 'azc' | 'rt'

export interface AccessTokenRequest {
  client: Client
  /** Absent for a client's own token (client credentials). */
  user?: SeedUser
  scopes: string[]
  grant: GrantTypeClaim
  /** Another resource application's audience (client credentials for it); the MCP audience when absent. */
  audience?: string
}

export interface AccessTokenClaims extends JWTPayload {
  sub: string
  sub_type: 'user' | 'client'
  client_id: string
  client_guid?: string
  scope: string
  jti: string
  exp: number
  iat: number
  tok_type: string
  user_ocid?: string
}

export async function mintAccessToken(
  ctx: DomainContext,
  request: AccessTokenRequest,
): Promise<{ token: string; expiresIn: number; claims: Record<string, unknown> }> {
  const { client, user } = request
  const iat = nowSeconds()
  const expiresIn = ctx.accessTokenTtlSeconds
  // Claim names, types and order follow the decoded IDCS tokens in fixtures/idcs-access-token-claims.json.
  const common = {
    client_ocid: applicationOcid(client.guid),
    'user.tenant.name': IDCS_TENANT,
    sub_mappingattr: 'userName',
    iss: TOKEN_ISSUER,
    domain_home: HOME_REGION,
    ca_ocid: TENANCY_ID,
    client_id: client.clientId,
    domain_id: DOMAIN_ID,
    client_tenantname: IDCS_TENANT,
    region_name: IDCS_REGION_NAME,
    exp: iat + expiresIn,
    iat,
    client_guid: client.guid,
    client_name: client.clientName,
    tenant: IDCS_TENANT,
    jti: randomBytes(16).toString('hex'),
    gtp: request.grant,
    primTenant: false,
    tok_type: 'AT',
    // IDCS puts the resource's primary audience in an array, beside its own URLs.
    aud: [request.audience ?? ctx.audience],
    ca_name: TENANCY_NAME,
    domain: DOMAIN_NAME,
    clientAppRoles: ['Authenticated Client'],
    tenant_iss: ctx.url,
  }
  const claims: Record<string, unknown> = user
    ? {
        // IDCS's default time zone for new users.
        user_tz: 'America/Chicago',
        sub: user.userName,
        user_locale: 'en',
        idp_name: 'UserNamePassword',
        idp_guid: 'UserNamePassword',
        amr: ['USERNAME_PASSWORD'],
        user_tenantname: IDCS_TENANT,
        sub_type: 'user',
        scope: request.scopes.join(' '),
        user_ocid: user.ocid,
        user_lang: 'en',
        userAppRoles: ['Authenticated'],
        idp_type: 'LOCAL',
        user_displayname: user.displayName,
        opc: false,
        user_id: user.idcsId,
        ...common,
      }
    : {
        sub: client.clientId,
        user_isAdmin: false,
        sub_type: 'client',
        scope: request.scopes.join(' '),
        ...common,
      }
  const token = await new SignJWT(claims)
    .setProtectedHeader(ctx.signingKey.header)
    .sign(ctx.signingKey.privateKey)
  return { token, expiresIn, claims }
}

/** Verifies one of this domain's own access tokens: signature, key id, issuer, expiry, token type. */
export async function verifyAccessToken(ctx: DomainContext, token: string): Promise<AccessTokenClaims> {
  const { payload, protectedHeader } = await jwtVerify(token, ctx.signingKey.publicKey, {
    issuer: TOKEN_ISSUER,
    algorithms: ['RS256'],
    requiredClaims: ['sub', 'exp', 'iat', 'jti'],
  })
  if (protectedHeader.kid !== SIGNING_KEY_ID) throw new Error('unexpected key id')
  if (payload.tok_type !== 'AT') throw new Error('not an access token')
  if (payload.sub_type !== 'user' && payload.sub_type !== 'client') throw new Error('unexpected sub_type')
  return payload as AccessTokenClaims
}
