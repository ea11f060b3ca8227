// OCI security tokens — UPST (token exchange) and RPST (resource principal) — signed with the
// auth-service key that the OCI emulator trusts. Claims follow fixtures/upst-claims.json.

import type { KeyObject } from 'node:crypto'
import { randomUUID } from 'node:crypto'
import { SignJWT } from 'jose'
import { nowSeconds } from './context.ts'
import { SECURITY_TOKEN_ISSUER, TENANCY_ID } from './domain.ts'
import { jwkClaim, type SigningKey } from './keys.ts'

/** OCI caps a session token at one hour. */
export const MAX_SECURITY_TOKEN_SECONDS = 3600

/** `sess_exp` is an RFC 1123 date string, written with "UTC" as in the published decodes. */
const rfc1123 = (seconds: number) => new Date(seconds * 1000).toUTCString().replace(/GMT$/, 'UTC')

export interface UpstRequest {
  /** OCI user OCID: the UPST `sub`. */
  userOcid: string
  sessionPublicKey: KeyObject
  /** The subject token's `exp`: the UPST never outlives the identity it was exchanged from. */
  notAfter: number
}

export async function mintUpst(
  key: SigningKey,
  request: UpstRequest,
): Promise<{ token: string; exp: number }> {
  const iat = nowSeconds()
  const exp = Math.min(request.notAfter, iat + MAX_SECURITY_TOKEN_SECONDS)
  const claims = {
    sub: request.userOcid,
    iss: SECURITY_TOKEN_ISSUER,
    ptype: 'user',
    // The session may be refreshed until the subject token would have expired.
    sess_exp: rfc1123(request.notAfter),
    aud: 'oci',
    pstype: 'natv',
    ttype: 'login',
    exp,
    iat,
    jti: randomUUID(),
    tenant: TENANCY_ID,
    // The one published UPST decode names the session key after the tenancy.
    jwk: jwkClaim(request.sessionPublicKey, TENANCY_ID),
  }
  const token = await new SignJWT(claims).setProtectedHeader(key.header).sign(key.privateKey)
  return { token, exp }
}

export interface RpstRequest {
  functionId: string
  compartmentId: string
  sessionPublicKey: KeyObject
  ttlSeconds: number
}

/** What the Functions platform hands a function as OCI_RESOURCE_PRINCIPAL_RPST (RPST v2.2). */
export async function mintRpst(key: SigningKey, request: RpstRequest): Promise<string> {
  const iat = nowSeconds()
  const claims = {
    aud: 'oci',
    jti: randomUUID(),
    iat,
    nbf: iat,
    sub: request.functionId,
    exp: iat + request.ttlSeconds,
    ptype: 'resource',
    iss: SECURITY_TOKEN_ISSUER,
    ttype: 'res_prin',
    res_type: 'fnfunc',
    res_tenant: TENANCY_ID,
    tenant: TENANCY_ID,
    res_compartment: request.compartmentId,
    res_id: request.functionId,
    res_tag: '',
    res_pbk: request.sessionPublicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    jwk: jwkClaim(request.sessionPublicKey, request.functionId),
  }
  return new SignJWT(claims).setProtectedHeader(key.header).sign(key.privateKey)
}
