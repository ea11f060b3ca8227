// The token-exchange signer's cache: one exchange per token, shared by concurrent calls; failures are clear.
import assert from 'node:assert/strict'
import { createPublicKey } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { exchangeCount, sessionFor } from './token-exchange.ts'

let url = ''
let received: URLSearchParams[] = []
let failNext = false
const server = createServer((req, res) => {
  let body = ''
  req.on('data', (c) => {
    body += c
  })
  req.on('end', () => {
    const form = new URLSearchParams(body)
    received.push(form)
    if (failNext || req.headers.authorization !== `Basic ${Buffer.from('cid:secret').toString('base64')}`) {
      res.writeHead(400, { 'Content-Type': 'application/json' })
      return res.end('{"error":"invalid_grant"}')
    }
    const claims = {
      sub: 'ocid1.user.oc1..alice',
      tenant: 'ocid1.tenancy.oc1..t',
      exp: Math.floor(Date.now() / 1000) + 3600,
    }
    const upst = `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`
    setTimeout(() => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ token: upst }))
    }, 50)
  })
})

before(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/v1/token`
})
after(() => new Promise<void>((r) => server.close(() => r())))

const jwt = (claims: Record<string, unknown>) =>
  `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`
const config = () => ({ tokenUrl: url, clientId: 'cid', clientSecret: 'secret' })

describe('sessionFor', () => {
  it('makes one exchange for 50 concurrent calls with one token, with the form OCI expects', async () => {
    received = []
    const before = exchangeCount()
    const token = jwt({ jti: 'one', exp: Math.floor(Date.now() / 1000) + 3600 })
    const sessions = await Promise.all(Array.from({ length: 50 }, () => sessionFor(token, config())))
    assert.equal(exchangeCount() - before, 1)
    assert.equal(received.length, 1)
    assert.equal(new Set(sessions).size, 1)
    const form = received[0]
    assert.equal(form.get('grant_type'), 'urn:ietf:params:oauth:grant-type:token-exchange')
    assert.equal(form.get('requested_token_type'), 'urn:oci:token-type:oci-upst')
    assert.equal(form.get('subject_token_type'), 'jwt')
    assert.equal(form.get('subject_token'), token)
    const key = createPublicKey({
      key: Buffer.from(form.get('public_key') ?? '', 'base64'),
      format: 'der',
      type: 'spki',
    })
    assert.equal(key.asymmetricKeyDetails?.modulusLength, 2048)
    const session = sessions[0]
    assert.match(await session.provider.getKeyId(), /^ST\$e30\./)
    assert.equal(session.principal, 'ocid1.user.oc1..alice')
    assert.match(session.provider.getPrivateKey(), /BEGIN PRIVATE KEY/)
  })

  it('exchanges again for a different token, with a key of its own', async () => {
    const before = exchangeCount()
    received = []
    const a = await sessionFor(jwt({ jti: 'two', exp: Math.floor(Date.now() / 1000) + 3600 }), config())
    const b = await sessionFor(jwt({ jti: 'two-b', exp: Math.floor(Date.now() / 1000) + 3600 }), config())
    assert.equal(exchangeCount() - before, 2)
    assert.notEqual(received[0].get('public_key'), received[1].get('public_key'))
    assert.notEqual(a.provider.getPrivateKey(), b.provider.getPrivateKey())
  })

  it('never shares a session between two tokens that reuse a jti (keyed by the whole token, not the jti)', async () => {
    const before = exchangeCount()
    const exp = Math.floor(Date.now() / 1000) + 3600
    const alice = await sessionFor(jwt({ jti: 'same', sub: 'alice', exp }), config())
    const mallory = await sessionFor(jwt({ jti: 'same', sub: 'mallory', exp }), config())
    assert.equal(exchangeCount() - before, 2)
    assert.notEqual(alice, mallory)
    assert.notEqual(alice.provider.getPrivateKey(), mallory.provider.getPrivateKey())
    assert.equal(received.at(-1)?.get('subject_token'), jwt({ jti: 'same', sub: 'mallory', exp }))
  })

  it('fails clearly, and does not cache the failure', async () => {
    failNext = true
    const token = jwt({ jti: 'three', exp: Math.floor(Date.now() / 1000) + 3600 })
    await assert.rejects(sessionFor(token, config()), { code: 'ERR_AUTH_EXCHANGE_FAILED' })
    failNext = false
    const session = await sessionFor(token, config())
    assert.equal(session.principal, 'ocid1.user.oc1..alice')
  })

  it('fails clearly when the identity domain cannot be reached', async () => {
    const token = jwt({ jti: 'four', exp: Math.floor(Date.now() / 1000) + 3600 })
    await assert.rejects(sessionFor(token, { ...config(), tokenUrl: 'http://127.0.0.1:1/oauth2/v1/token' }), {
      code: 'ERR_AUTH_EXCHANGE_FAILED',
    })
  })
})
