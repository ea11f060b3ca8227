// Self-contained, tamper-proof and confidential values (client ids, consent requests, state, codes, refresh
// tokens): AES-256-GCM with the purpose as associated data, so a value made for one purpose fails as another.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto'
import { OAuthError } from './errors.ts'

export type Purpose = 'client' | 'consent' | 'idcs-state' | 'code' | 'refresh'

export interface Sealer {
  seal(purpose: Purpose, payload: Record<string, unknown>, ttlSeconds?: number): string
  /** The payload, or `undefined` when the value is forged, for another purpose, or expired. */
  open(purpose: Purpose, value: string): Record<string, unknown> | undefined
}

const nowSeconds = () => Math.floor(Date.now() / 1000)

export function sealer(secret: string): Sealer {
  if (secret.length < 32) throw new TypeError('the sealing key must be at least 32 characters')
  const key = Buffer.from(hkdfSync('sha256', secret, 'oci-mcp-oauth', 'seal v1', 32))
  return {
    seal(purpose, payload, ttlSeconds) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      cipher.setAAD(Buffer.from(purpose))
      const body = { ...payload, ...(ttlSeconds ? { exp: nowSeconds() + ttlSeconds } : {}) }
      const ct = Buffer.concat([cipher.update(JSON.stringify(body), 'utf8'), cipher.final()])
      return Buffer.concat([iv, ct, cipher.getAuthTag()]).toString('base64url')
    },
    open(purpose, value) {
      if (typeof value !== 'string' || value.length > 8192 || !/^[A-Za-z0-9_-]+$/.test(value))
        return undefined
      const raw = Buffer.from(value, 'base64url')
      if (raw.length < 12 + 16 + 2) return undefined
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12))
        decipher.setAAD(Buffer.from(purpose))
        decipher.setAuthTag(raw.subarray(raw.length - 16))
        const text = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()])
        const payload = JSON.parse(text.toString('utf8')) as Record<string, unknown>
        if (typeof payload.exp === 'number' && payload.exp <= nowSeconds()) return undefined
        return payload
      } catch {
        return undefined
      }
    },
  }
}

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url')
export const s256 = (verifier: string) => createHash('sha256').update(verifier, 'ascii').digest('base64url')
export const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url')

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/

/** RFC 7636 §4.6: the verifier's S256 must equal the challenge the client sent to /authorize. */
export function checkPkce(verifier: string | undefined, challenge: string): void {
  if (!verifier || !VERIFIER.test(verifier))
    throw new OAuthError('invalid_request', 'code_verifier is malformed')
  if (s256(verifier) !== challenge) throw new OAuthError('invalid_grant', 'code_verifier does not match')
}
