// The integration group's own OIC token: client-credentials form, single flight, reuse until near expiry, failures.
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, mock, test } from 'node:test'
import { isMcpFunctionsError } from '../core/errors.ts'
import {
  dropOicToken,
  type OicConfig,
  oicAccessToken,
  oicConfigFromEnv,
  tokenRequestCount,
} from './oic-token.ts'

let url = ''
const received: { auth?: string; form: URLSearchParams }[] = []
let expiresIn = 3600
let issued = 0
const server = createServer((req, res) => {
  let body = ''
  req.on('data', (c) => {
    body += c
  })
  req.on('end', () => {
    const form = new URLSearchParams(body)
    received.push({ auth: req.headers.authorization, form })
    const [id, secret] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64')
      .toString()
      .split(':')
    if (secret !== 'right' || form.get('grant_type') !== 'client_credentials') {
      res.writeHead(401, { 'Content-Type': 'application/json' })
      return res.end('{"error":"invalid_client"}')
    }
    issued += 1
    // Answer a little later, so concurrent callers really overlap.
    setTimeout(() => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(
        JSON.stringify({ access_token: `tok-${id}-${issued}`, token_type: 'Bearer', expires_in: expiresIn }),
      )
    }, 20)
  })
})

before(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/v1/token`
})
after(() => new Promise<void>((r) => server.close(() => r())))

const config = (clientId: string, clientSecret = 'right'): OicConfig => ({
  instanceUrl: 'http://127.0.0.1:1',
  tokenUrl: url,
  clientId,
  clientSecret,
  scope: 'https://oic.example.com:443urn:opc:resource:consumer::all',
})

describe('oicAccessToken', () => {
  test('one client-credentials grant for 20 concurrent calls, then reused', async () => {
    received.length = 0
    const start = tokenRequestCount()
    const tokens = await Promise.all(Array.from({ length: 20 }, () => oicAccessToken(config('app-a'))))
    assert.equal(new Set(tokens).size, 1)
    assert.equal(tokenRequestCount() - start, 1)
    assert.equal(received.length, 1)
    const [{ auth, form }] = received
    assert.equal(auth, `Basic ${Buffer.from('app-a:right').toString('base64')}`)
    assert.equal(form.get('grant_type'), 'client_credentials')
    assert.equal(form.get('scope'), 'https://oic.example.com:443urn:opc:resource:consumer::all')
    assert.equal(await oicAccessToken(config('app-a')), tokens[0])
    assert.equal(tokenRequestCount() - start, 1)
  })

  test('renewed shortly before expiry, and after being dropped', async () => {
    mock.timers.enable({ apis: ['Date'], now: Date.now() })
    try {
      expiresIn = 300
      const first = await oicAccessToken(config('app-b'))
      mock.timers.tick(230_000)
      assert.equal(await oicAccessToken(config('app-b')), first, 'still well within its lifetime')
      mock.timers.tick(15_000)
      const second = await oicAccessToken(config('app-b'))
      assert.notEqual(second, first, 'within the last minute it is renewed')
      dropOicToken(config('app-b'), 'some-other-token')
      assert.equal(await oicAccessToken(config('app-b')), second, 'only the refused token is dropped')
      dropOicToken(config('app-b'), second)
      assert.notEqual(await oicAccessToken(config('app-b')), second)
    } finally {
      mock.timers.reset()
      expiresIn = 3600
    }
  })

  test('a refused client is a configuration error, and the failure is not cached', async () => {
    const start = tokenRequestCount()
    for (let i = 0; i < 2; i++) {
      await assert.rejects(oicAccessToken(config('app-c', 'wrong')), (e) => {
        assert.ok(isMcpFunctionsError(e))
        assert.equal(e.code, 'ERR_CONFIG_INVALID')
        assert.match(e.message, /401 \(invalid_client\)/)
        assert.doesNotMatch(e.message, /wrong/)
        return true
      })
    }
    assert.equal(tokenRequestCount() - start, 2)
  })

  test('an unreachable token endpoint is ERR_OIC_UNREACHABLE', async () => {
    await assert.rejects(
      oicAccessToken({ ...config('app-d'), tokenUrl: 'http://127.0.0.1:1/token' }),
      (e) => {
        assert.ok(isMcpFunctionsError(e))
        assert.equal(e.code, 'ERR_OIC_UNREACHABLE')
        return true
      },
    )
  })
})

describe('oicConfigFromEnv', () => {
  const env = {
    OIC_INSTANCE_URL: 'https://design.integration.us-ashburn-1.ocp.oraclecloud.com/',
    OIC_TOKEN_URL: 'https://idcs-x.identity.oraclecloud.com/oauth2/v1/token',
    OIC_CLIENT_ID: 'cid',
    OIC_CLIENT_SECRET: 's',
    OIC_INTEGRATION_INSTANCE: 'oic-prod',
  }

  test('reads the settings; trailing slashes go', async () => {
    const c = await oicConfigFromEnv(env)
    assert.equal(c.instanceUrl, 'https://design.integration.us-ashburn-1.ocp.oraclecloud.com')
    assert.equal(c.integrationInstance, 'oic-prod')
    assert.equal(c.scope, undefined)
  })

  test('missing settings and plain-http remote URLs are configuration errors', async () => {
    for (const broken of [
      { ...env, OIC_CLIENT_SECRET: '' },
      { ...env, OIC_INSTANCE_URL: undefined },
      { ...env, OIC_INSTANCE_URL: 'http://oic.example.com' },
      { ...env, OIC_TOKEN_URL: 'not a url' },
    ]) {
      await assert.rejects(
        oicConfigFromEnv(broken),
        (e) => isMcpFunctionsError(e) && e.code === 'ERR_CONFIG_INVALID',
      )
    }
  })
})
