// Verifies OCI request signatures (draft-cavage HTTP signatures, rsa-sha256) exactly as the SDK produces them.
import { createHash, type KeyObject, verify } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { AuthFailure } from './errors.ts'
import { headerValue } from './http.ts'

export interface SignatureParams {
  keyId: string
  algorithm: string
  /** Lower-cased; the SDK writes `Content-Type`/`Content-Length` capitalised in this list. */
  headers: string[]
  signature: string
}

export interface SignedRequest {
  method: string
  /** Path and query exactly as received: the signature covers the bytes the client sent. */
  target: string
  headers: IncomingHttpHeaders
  body: Buffer
  /** False for Object Storage PutObject, whose body the SDK leaves out of the signature. */
  bodySigned: boolean
}

const PARAM = /\s*([a-zA-Z]+)="([^"]*)"\s*(?:,|$)/y
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH'])

export function parseAuthorization(header: string | undefined): SignatureParams {
  if (!header) throw new AuthFailure('missing_authorization')
  const match = /^Signature\s+(.*)$/i.exec(header.trim())
  if (!match) throw new AuthFailure('malformed_authorization', 'not a Signature scheme')
  const params: Record<string, string> = {}
  const text = match[1]
  PARAM.lastIndex = 0
  while (PARAM.lastIndex < text.length) {
    const m = PARAM.exec(text)
    if (!m) throw new AuthFailure('malformed_authorization', 'unparsable parameters')
    params[m[1]] = m[2]
  }
  if (params.version !== undefined && params.version !== '1') {
    throw new AuthFailure('malformed_authorization', `version ${params.version}`)
  }
  if (!params.keyId || !params.signature || !params.headers) {
    throw new AuthFailure('malformed_authorization', 'keyId, headers and signature are required')
  }
  if ((params.algorithm ?? '').toLowerCase() !== 'rsa-sha256') throw new AuthFailure('unsupported_algorithm')
  return {
    keyId: params.keyId,
    algorithm: 'rsa-sha256',
    headers: params.headers.toLowerCase().split(/\s+/).filter(Boolean),
    signature: params.signature,
  }
}

/** The headers OCI insists are covered, whatever the client chose to list. */
export function checkRequiredHeaders(signed: readonly string[], request: SignedRequest): void {
  const required = ['(request-target)', 'host']
  if (BODY_METHODS.has(request.method.toUpperCase()) && request.bodySigned) {
    required.push('content-length', 'content-type', 'x-content-sha256')
  }
  const missing = required.filter((h) => !signed.includes(h))
  if (!signed.includes('date') && !signed.includes('x-date')) missing.push('date')
  if (missing.length > 0) throw new AuthFailure('missing_signed_header', missing.join(' '))
}

/**
 * The request targets the client may have signed for the one it sent, the sent one first. The OCI
 * TypeScript SDK signs `url.parse(uri).path` (non-ASCII left raw; ' { } | \ ^ ` escaped) but sends the
 * URL as fetch serializes it (non-ASCII percent-encoded; | { } raw in a query, ' raw in a path). The
 * alternative differs from the sent target only in how characters are escaped, so both name the same
 * resource once decoded: accepting it authorizes nothing the client did not sign. A dot segment that
 * fetch removed (`/o/.`) is another matter: that request is for a different resource, and is refused.
 */
export function signedTargetCandidates(target: string): string[] {
  const legacy = legacyEscape(decodeNonAscii(target))
  return legacy === target ? [target] : [target, legacy]
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Percent-escapes of bytes ≥ 0x80 back to the characters they encode, where they are valid UTF-8. */
function decodeNonAscii(target: string): string {
  return target.replace(/(?:%[89A-Fa-f][0-9A-Fa-f])+/g, (run) => {
    const bytes = Buffer.from(run.replaceAll('%', ''), 'hex')
    try {
      return utf8.decode(bytes)
    } catch {
      return run
    }
  })
}

/** The characters Node's legacy URL parser escapes in a path and query (its `autoEscape` list). */
function legacyEscape(target: string): string {
  return target.replace(
    /[{}|\\^`'<>" \t\r\n]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  )
}

export function buildSigningString(signed: readonly string[], request: SignedRequest): string {
  return signed
    .map((name) => {
      if (name === '(request-target)')
        return `(request-target): ${request.method.toLowerCase()} ${request.target}`
      const value = request.headers[name]
      if (value === undefined || value === '')
        throw new AuthFailure('missing_signed_header', `${name} not sent`)
      return `${name}: ${Array.isArray(value) ? value.join(', ') : value}`
    })
    .join('\n')
}

/** x-date wins when signed: browsers cannot set Date, which is why OCI accepts x-date at all. */
export function checkDate(
  signed: readonly string[],
  headers: IncomingHttpHeaders,
  skewSeconds: number,
  now: number,
) {
  const name = signed.includes('x-date') ? 'x-date' : 'date'
  const value = headers[name]
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN
  if (Number.isNaN(time)) throw new AuthFailure('invalid_date')
  if (Math.abs(now - time) > skewSeconds * 1000) throw new AuthFailure('clock_skew')
}

/** A signed x-content-sha256 only protects the body if it is checked against the body that arrived. */
export function checkBodyDigest(signed: readonly string[], request: SignedRequest): void {
  if (signed.includes('x-content-sha256')) {
    const digest = createHash('sha256').update(request.body).digest('base64')
    if (request.headers['x-content-sha256'] !== digest) throw new AuthFailure('body_digest_mismatch')
  }
  if (
    signed.includes('content-length') &&
    Number(request.headers['content-length']) !== request.body.length
  ) {
    throw new AuthFailure('body_digest_mismatch', 'content-length')
  }
}

export function verifySignatureBytes(
  signingString: string,
  signature: string,
  publicKey: KeyObject,
): boolean {
  try {
    return verify('sha256', Buffer.from(signingString), publicKey, Buffer.from(signature, 'base64'))
  } catch {
    return false
  }
}

/**
 * Checks everything that does not need the key first (cheap, and a malformed request never costs a
 * JWKS fetch), then resolves the key and checks the signature itself. Throws AuthFailure.
 */
export async function verifyRequest<P>(
  request: SignedRequest,
  resolveKey: (keyId: string) => Promise<{ publicKey: KeyObject; principal: P }>,
  options: { clockSkewSeconds: number; now?: number },
): Promise<P> {
  const params = parseAuthorization(headerValue(request.headers, 'authorization'))
  checkRequiredHeaders(params.headers, request)
  checkDate(params.headers, request.headers, options.clockSkewSeconds, options.now ?? Date.now())
  // Built once before the key is resolved: a missing signed header fails without a JWKS fetch.
  buildSigningString(params.headers, request)
  checkBodyDigest(params.headers, request)
  const { publicKey, principal } = await resolveKey(params.keyId)
  for (const target of signedTargetCandidates(request.target)) {
    const signingString = buildSigningString(params.headers, { ...request, target })
    if (verifySignatureBytes(signingString, params.signature, publicKey)) return principal
  }
  throw new AuthFailure('bad_signature')
}
