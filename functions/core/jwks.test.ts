// The JWKS cache: keys with real identity-domain key_ops still verify; fetches are shared and bounded.
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose'
import { remoteJwks } from './jwks.ts'

let url = ''
let served = 0
let keys: Record<string, unknown>[] = []
const server = createServer((_req, res) => {
  served += 1
  res.writeHead(200, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify({ keys }))
})
before(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin/v1/SigningCert/jwk`
})
after(() => new Promise<void>((r) => server.close(() => r())))

async function signer(kid: string) {
  const { publicKey, privateKey } = await generateKeyPair('RS256')
  // As the fixture shows a real identity domain publishing them: key_ops WebCrypto does not accept for verify.
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', key_ops: ['sig', 'encrypt'] }
  const sign = () =>
    new SignJWT({ sub: 'a' })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setExpirationTime('5m')
      .sign(privateKey)
  return { jwk, sign }
}

describe('remoteJwks', () => {
  it('verifies with keys whose key_ops WebCrypto would refuse, fetching once for concurrent calls', async () => {
    const a = await signer('A')
    keys = [a.jwk]
    served = 0
    const jwks = remoteJwks(url)
    const token = await a.sign()
    await Promise.all(Array.from({ length: 20 }, () => jwtVerify(token, jwks.getKey)))
    assert.equal(served, 1, 'one fetch for 20 concurrent verifications')
  })

  it('picks up a rotated key after the cooldown, not before', async () => {
    const a = await signer('A')
    const b = await signer('B')
    keys = [a.jwk]
    const jwks = remoteJwks(url, { cooldownMs: 0 })
    await jwtVerify(await a.sign(), jwks.getKey)
    keys = [a.jwk, b.jwk]
    await jwtVerify(await b.sign(), jwks.getKey)
    assert.equal(jwks.fetches(), 2)
    const strict = remoteJwks(url, { cooldownMs: 60_000 })
    keys = [a.jwk]
    await jwtVerify(await a.sign(), strict.getKey)
    keys = [a.jwk, b.jwk]
    await assert.rejects(
      jwtVerify(await b.sign(), strict.getKey),
      'an unknown kid within the cooldown is refused',
    )
    assert.equal(strict.fetches(), 1)
  })
})
