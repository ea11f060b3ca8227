// Unit tests of signature verification against requests signed by the OCI SDK's own signer.
import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { describe, it } from 'node:test'
import * as common from 'oci-common'
import { AuthFailure, type AuthFailureReason } from './errors.ts'
import { parseAuthorization, type SignedRequest, verifyRequest } from './signature.ts'

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
const signer = new common.DefaultRequestSigner(
  new common.SimpleAuthenticationDetailsProvider(
    'ocid1.tenancy.oc1..t',
    'ocid1.user.oc1..u',
    'aa:bb',
    pem,
    null,
  ),
)

/** Signs like the SDK does and returns what the server would see. */
async function signed(
  method: common.Method,
  url: string,
  body?: string,
  options: { forceExcludeBody?: boolean; headers?: Record<string, string> } = {},
): Promise<SignedRequest> {
  const headers = new Headers(options.headers)
  await signer.signHttpRequest({ method, uri: url, headers, body }, options.forceExcludeBody)
  const received: IncomingHttpHeaders = {}
  headers.forEach((v, k) => {
    received[k] = v
  })
  const u = new URL(url)
  return {
    method,
    target: u.pathname + u.search,
    headers: received,
    body: Buffer.from(body ?? ''),
    bodySigned: !options.forceExcludeBody,
  }
}

const resolveTo = (key: typeof publicKey) => async (keyId: string) => ({ publicKey: key, principal: keyId })
const verify = (req: SignedRequest, key = publicKey, now?: number) =>
  verifyRequest(req, resolveTo(key), { clockSkewSeconds: 300, now })

async function failsWith(promise: Promise<unknown>, reason: AuthFailureReason) {
  await assert.rejects(promise, (e: unknown) => e instanceof AuthFailure && e.reason === reason)
}

describe('verifyRequest', () => {
  it('accepts SDK-signed GET and POST requests and returns the resolved principal', async () => {
    const get = await signed('GET', 'http://127.0.0.1:8082/n/ns/b/bucket/o?prefix=logs/a+b&limit=10')
    assert.equal(await verify(get), 'ocid1.tenancy.oc1..t/ocid1.user.oc1..u/aa:bb')
    const post = await signed('POST', 'http://127.0.0.1:8082/n/ns/b', '{"name":"b","compartmentId":"c"}', {
      headers: { 'content-type': 'application/json' },
    })
    assert.match(String(post.headers.authorization), /headers="x-date \(request-target\) host Content-Type/)
    assert.equal(await verify(post), 'ocid1.tenancy.oc1..t/ocid1.user.oc1..u/aa:bb')
  })

  it('accepts a PutObject whose body is not signed', async () => {
    const put = await signed('PUT', 'http://127.0.0.1:8082/n/ns/b/bucket/o/x', 'data', {
      forceExcludeBody: true,
    })
    assert.ok(await verify(put))
  })

  it('refuses a POST that leaves the body headers out of the signature', async () => {
    const post = await signed('POST', 'http://127.0.0.1:8082/n/ns/b', '{}', { forceExcludeBody: true })
    await failsWith(verify({ ...post, bodySigned: true }), 'missing_signed_header')
  })

  it('refuses a body that differs from the signed digest', async () => {
    const post = await signed('POST', 'http://127.0.0.1:8082/n/ns/b', '{"name":"a"}')
    await failsWith(verify({ ...post, body: Buffer.from('{"name":"b"}') }), 'body_digest_mismatch')
  })

  it('refuses a changed path or query, and a key that did not sign', async () => {
    const get = await signed('GET', 'http://127.0.0.1:8082/n/ns/b/bucket/o?limit=10')
    await failsWith(verify({ ...get, target: '/n/ns/b/bucket/o?limit=11' }), 'bad_signature')
    await failsWith(verify({ ...get, method: 'DELETE' }), 'bad_signature')
    await failsWith(verify(get, other.publicKey), 'bad_signature')
  })

  it('accepts targets the SDK signed unescaped but fetch sent escaped (non-ASCII, quotes, |)', async () => {
    for (const url of [
      'http://127.0.0.1:8082/n/ns/b/bucket/o?prefix=héllo/日本&limit=10',
      "http://127.0.0.1:8082/n/ns/b/bucket/o/it's?x=1",
      'http://127.0.0.1:8082/n/ns/b/bucket/o?prefix=a|b{c}^`',
      'http://127.0.0.1:8082/n/ns/b/bucket/o?prefix=100%',
    ]) {
      const get = await signed('GET', url)
      assert.ok(await verify(get), url)
    }
  })

  it('refuses a target that differs in more than escaping', async () => {
    const get = await signed('GET', 'http://127.0.0.1:8082/n/ns/b/bucket/o?prefix=héllo')
    assert.equal(get.target, '/n/ns/b/bucket/o?prefix=h%C3%A9llo')
    await failsWith(verify({ ...get, target: '/n/ns/b/bucket/o?prefix=h%C3%A9llp' }), 'bad_signature')
    await failsWith(verify({ ...get, target: '/n/ns/b/bucket/o?prefix=hello' }), 'bad_signature')
  })

  it('refuses a signature over a dot segment that fetch removed: that is another resource', async () => {
    // The SDK signs /o/. but sends /o/ (ListObjects): accepting it would let GetObject('.') list a bucket.
    const get = await signed('GET', 'http://127.0.0.1:8082/n/ns/b/bucket/o/.')
    assert.equal(get.target, '/n/ns/b/bucket/o/')
    await failsWith(verify(get), 'bad_signature')
  })

  it('refuses dates outside the allowed skew, in both directions', async () => {
    const get = await signed('GET', 'http://127.0.0.1:8082/n')
    const sent = Date.parse(String(get.headers['x-date']))
    assert.ok(await verify(get, publicKey, sent + 299_000))
    await failsWith(verify(get, publicKey, sent + 301_000), 'clock_skew')
    await failsWith(verify(get, publicKey, sent - 301_000), 'clock_skew')
  })

  it('refuses requests without a usable Authorization header', async () => {
    const get = await signed('GET', 'http://127.0.0.1:8082/n')
    const without = { ...get, headers: { ...get.headers, authorization: undefined } }
    await failsWith(verify(without), 'missing_authorization')
    const basic = { ...get, headers: { ...get.headers, authorization: 'Basic dXNlcjpwYXNz' } }
    await failsWith(verify(basic), 'malformed_authorization')
    const noHost = String(get.headers.authorization).replace('(request-target) host', '(request-target)')
    await failsWith(
      verify({ ...get, headers: { ...get.headers, authorization: noHost } }),
      'missing_signed_header',
    )
  })
})

describe('parseAuthorization', () => {
  it('lower-cases the header list and insists on rsa-sha256', () => {
    const p = parseAuthorization(
      'Signature version="1",keyId="a/b/c",algorithm="rsa-sha256",headers="Date (request-target) Host",signature="c2ln"',
    )
    assert.deepEqual(p.headers, ['date', '(request-target)', 'host'])
    assert.throws(
      () => parseAuthorization('Signature keyId="a",algorithm="hmac-sha256",headers="date",signature="x"'),
      (e: unknown) => e instanceof AuthFailure && e.reason === 'unsupported_algorithm',
    )
    assert.throws(
      () =>
        parseAuthorization(
          'Signature version="2",keyId="a",algorithm="rsa-sha256",headers="date",signature="x"',
        ),
      (e: unknown) => e instanceof AuthFailure && e.reason === 'malformed_authorization',
    )
  })
})
