// Attack tokens for security tests: re-signed with the stack's own identity-domain key (so only the claim under
// test is wrong), or broken in the ways attackers break JWTs (alg none, HS256 with the public key, a foreign key).
import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { SignJWT } from 'jose'

type Claims = Record<string, unknown>
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
export const decodeJwt = (jwt: string) => ({
  header: JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString()) as Claims,
  payload: JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as Claims,
})

/**
 * The identity domain's signing key, read from the stack's data directory (the file the domain persists). `auditLog`
 * lies in the stack's local directory, beside `data/`.
 */
export function tokenForge(info: { auditLog: string }) {
  const state = JSON.parse(
    readFileSync(join(dirname(info.auditLog), 'data', 'identity-domain', 'identity-domain.json'), 'utf8'),
  ) as { signingKey: { privateKeyPem: string } }
  const signingKey: KeyObject = createPrivateKey(state.signingKey.privateKeyPem)
  const publicPem = createPublicKey(signingKey).export({ type: 'spki', format: 'pem' }) as string
  const foreign = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey

  /** The same token's claims, edited, signed again by the real key with the real header: valid but for the edit. */
  const resign = (token: string, edit: (claims: Claims) => Claims) => {
    const { header, payload } = decodeJwt(token)
    return new SignJWT(edit({ ...payload })).setProtectedHeader(header as { alg: string }).sign(signingKey)
  }
  const now = () => Math.floor(Date.now() / 1000)
  return {
    resign,
    expired: (t: string) => resign(t, (c) => ({ ...c, iat: now() - 7200, exp: now() - 3600 })),
    notYetValid: (t: string) => resign(t, (c) => ({ ...c, nbf: now() + 3600 })),
    wrongIssuer: (t: string) => resign(t, (c) => ({ ...c, iss: 'https://identity.attacker.example/' })),
    wrongAudience: (t: string) => resign(t, (c) => ({ ...c, aud: ['some-other-resource'] })),
    /** The signature of the original over a payload that grants more. */
    tampered: (t: string, edit: (claims: Claims) => Claims) => {
      const [h, , s] = t.split('.')
      return `${h}.${b64(edit(decodeJwt(t).payload))}.${s}`
    },
    algNone: (t: string) => `${b64({ alg: 'none', typ: 'JWT' })}.${t.split('.')[1]}.`,
    /** The classic confusion: HMAC keyed with the RSA public key's PEM, which a careless verifier accepts. */
    hs256WithPublicKey: (t: string) => {
      const { header } = decodeJwt(t)
      const input = `${b64({ ...header, alg: 'HS256' })}.${t.split('.')[1]}`
      return `${input}.${createHmac('sha256', publicPem).update(input).digest('base64url')}`
    },
    /** Signed by a key the domain never published, under a kid it never used. */
    unknownKid: (t: string) =>
      new SignJWT(decodeJwt(t).payload)
        .setProtectedHeader({ alg: 'RS256', kid: 'ATTACKER_KEY' })
        .sign(foreign),
    /** Signed by a foreign key under the domain's real kid. */
    foreignKeyRealKid: (t: string) =>
      new SignJWT(decodeJwt(t).payload)
        .setProtectedHeader({ ...(decodeJwt(t).header as { alg: string }) })
        .sign(foreign),
  }
}
