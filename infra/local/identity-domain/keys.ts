// The two RSA signing keys (identity-domain SIGNING_KEY, OCI auth-service `asw`) and their JWKS.
import { createHash, createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto'
import { promisify } from 'node:util'
import type { JWTHeaderParameters } from 'jose'
import { selfSignedCertificate } from './certificate.ts'
import { OAuthError } from './errors.ts'

export const SIGNING_KEY_ID = 'SIGNING_KEY'
/** kid of OCI security tokens in oci-go-sdk test tokens and the UPST template; unconfirmed for production. */
export const SECURITY_TOKEN_KEY_ID = 'asw'

const generateRsa = promisify(generateKeyPair)

export interface StoredSigningKey {
  privateKeyPem: string
  /** Base64 DER of the self-signed certificate published as x5c. */
  certificate: string
}

export interface StoredSecurityTokenKey {
  privateKeyPem: string
}

export async function newRsaPrivateKeyPem(): Promise<string> {
  const { privateKey } = await generateRsa('rsa', { modulusLength: 2048 })
  return privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
}

export async function newSigningKey(commonName: string): Promise<StoredSigningKey> {
  const privateKeyPem = await newRsaPrivateKeyPem()
  const privateKey = createPrivateKey(privateKeyPem)
  const now = Date.now()
  const der = selfSignedCertificate({
    commonName,
    publicKey: createPublicKey(privateKey),
    privateKey,
    notBefore: new Date(now - 24 * 3600_000),
    notAfter: new Date(now + 10 * 365 * 24 * 3600_000),
  })
  return { privateKeyPem, certificate: der.toString('base64') }
}

export interface SigningKey {
  kid: string
  privateKey: KeyObject
  publicKey: KeyObject
  /** Protected header for tokens signed with this key. */
  header: JWTHeaderParameters
  jwk: Record<string, unknown>
}

/**
 * The identity domain's token signing key as IDCS publishes it: certificate thumbprints and chain,
 * `key_ops` and no `use`. IDCS's own key_ops values are unconfirmed (samples show ["sig","encrypt"]);
 * WebCrypto, and so jose's createRemoteJWKSet, only imports an RS256 public key whose key_ops is
 * exactly ["verify"], so that is what the local domain publishes.
 */
export function loadSigningKey(stored: StoredSigningKey): SigningKey {
  const privateKey = createPrivateKey(stored.privateKeyPem)
  const publicKey = createPublicKey(privateKey)
  const der = Buffer.from(stored.certificate, 'base64')
  const x5t = createHash('sha1').update(der).digest('base64url')
  const x5tS256 = createHash('sha256').update(der).digest('base64url')
  const { n, e } = publicKey.export({ format: 'jwk' })
  return {
    kid: SIGNING_KEY_ID,
    privateKey,
    publicKey,
    // Field order as in the published IDCS token header.
    header: { 'x5t#S256': x5tS256, x5t, kid: SIGNING_KEY_ID, alg: 'RS256' },
    jwk: {
      kty: 'RSA',
      'x5t#S256': x5tS256,
      e,
      x5t,
      kid: SIGNING_KEY_ID,
      x5c: [stored.certificate],
      key_ops: ['verify'],
      alg: 'RS256',
      n,
    },
  }
}

/** The OCI auth service's token key: a plain JWK with `use`, as OCI's own JWKS carry. */
export function loadSecurityTokenKey(stored: StoredSecurityTokenKey): SigningKey {
  const privateKey = createPrivateKey(stored.privateKeyPem)
  const publicKey = createPublicKey(privateKey)
  const { n, e } = publicKey.export({ format: 'jwk' })
  return {
    kid: SECURITY_TOKEN_KEY_ID,
    privateKey,
    publicKey,
    header: { kid: SECURITY_TOKEN_KEY_ID, alg: 'RS256' },
    jwk: { kty: 'RSA', n, e, kid: SECURITY_TOKEN_KEY_ID, alg: 'RS256', use: 'sig' },
  }
}

export const jwks = (key: SigningKey) => ({ keys: [key.jwk] })

/**
 * Parses a caller's session public key: base64 DER SubjectPublicKeyInfo (the token-exchange
 * `public_key` form) or PEM (what the Functions platform hands the local stack). RSA ≥ 2048 only,
 * since OCI request signing is rsa-sha256.
 */
export function parseSessionPublicKey(value: string): KeyObject {
  if (value.includes('PRIVATE KEY'))
    throw new OAuthError('invalid_request', 'public_key must be a public key')
  let key: KeyObject
  try {
    key = value.includes('-----BEGIN')
      ? createPublicKey(value)
      : createPublicKey({
          key: Buffer.from(value.replace(/\s+/g, ''), 'base64'),
          format: 'der',
          type: 'spki',
        })
  } catch {
    throw new OAuthError('invalid_request', 'public_key is not a base64 DER SubjectPublicKeyInfo')
  }
  if (key.asymmetricKeyType !== 'rsa')
    throw new OAuthError('invalid_request', 'public_key must be an RSA key')
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    throw new OAuthError('invalid_request', 'public_key must be at least 2048 bits')
  }
  return key
}

/** The `jwk` claim of an OCI security token: a JSON *string*, not an object (see upst-claims.json). */
export function jwkClaim(publicKey: KeyObject, kid: string): string {
  const { n, e } = publicKey.export({ format: 'jwk' })
  return JSON.stringify({ kid, n, e, kty: 'RSA', alg: 'RS256', use: 'sig' })
}
