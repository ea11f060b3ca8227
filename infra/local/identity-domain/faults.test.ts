// Injected token-endpoint faults (failing, slow, reset, silent exchanges), observed through fetch.
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import { devToken, passwordToken, rsaSessionKey, startTestDomain, type TestDomain } from './testing.ts'

let t: TestDomain
const session = rsaSessionKey()
const exchange = (subjectToken: string, signal?: AbortSignal) =>
  fetch(t.domain.tokenUrl, {
    method: 'POST',
    signal,
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`${t.domain.devClient.clientId}:${t.domain.devClient.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      requested_token_type: 'urn:oci:token-type:oci-upst',
      subject_token: subjectToken,
      subject_token_type: 'jwt',
      public_key: session.spkiBase64,
    }),
  })

/** What fetch threw: there was no answer. */
async function noAnswer(call: Promise<unknown>): Promise<{ name?: string; cause?: { code?: string } }> {
  try {
    await call
  } catch (error) {
    return error as { name?: string }
  }
  throw new Error('expected no answer')
}

before(async () => {
  t = await startTestDomain()
})
after(() => t.dispose())
afterEach(() => t.domain.faults.clear())

describe('token endpoint faults', () => {
  it('fails only the grant named as operation, with 500 and 503 in the OAuth error format', async () => {
    t.domain.faults.set([
      { operation: 'token_exchange', fault: { kind: 'status', status: 500 } },
      { operation: 'token_exchange', fault: { kind: 'status', status: 503, retryAfterSeconds: 3 } },
    ])
    // The password grant that yields the subject token is another operation on the same path.
    const subject = await passwordToken(t.domain, 'alice@example.com')
    const first = await exchange(subject)
    assert.equal(first.status, 500)
    assert.equal((await first.json()).error, 'server_error')
    const second = await exchange(subject)
    assert.equal(second.status, 503)
    assert.equal(second.headers.get('retry-after'), '3')
    assert.equal(second.headers.get('cache-control'), 'no-store')
    assert.equal((await second.json()).error, 'temporarily_unavailable')
    const third = await exchange(subject)
    assert.equal(third.status, 200)
    assert.equal(typeof (await third.json()).token, 'string')
    assert.deepEqual(
      t.domain.faults.list().map((f) => f.hits),
      [1, 1],
    )
  })

  it('resets the connection of a token exchange', async () => {
    const fault = t.domain.faults.add({ operation: 'token_exchange', fault: { kind: 'reset' } })
    const subject = await passwordToken(t.domain, 'alice@example.com')
    const err = await noAnswer(exchange(subject))
    const code = err.cause?.code
    assert.ok(code === 'ECONNRESET' || code === 'UND_ERR_SOCKET', String(code))
    assert.equal(fault.hits(), 1)
    assert.equal((await exchange(subject)).status, 200)
  })

  it('answers a slow exchange after its delay, and lets a caller with a deadline give up', async () => {
    const subject = await passwordToken(t.domain, 'alice@example.com')
    t.domain.faults.add({ operation: 'token_exchange', fault: { kind: 'slow', delayMs: 300 } })
    const started = performance.now()
    assert.equal((await exchange(subject)).status, 200)
    assert.ok(performance.now() - started >= 300, 'not before the delay')
    for (const fault of [{ kind: 'slow', delayMs: 600_000 } as const, { kind: 'hang' } as const]) {
      const handle = t.domain.faults.add({ operation: 'token_exchange', fault })
      const err = await noAnswer(exchange(subject, AbortSignal.timeout(200)))
      assert.equal(err.name, 'TimeoutError', fault.kind)
      assert.equal(handle.hits(), 1)
    }
  })

  it('matches other endpoints by path, with the operation left out', async () => {
    t.domain.faults.add({ method: 'GET', path: '/jwk$', fault: { kind: 'status', status: 503 } })
    assert.equal((await fetch(t.domain.jwksUrl)).status, 503)
    assert.equal((await fetch(t.domain.jwksUrl)).status, 200)
    const token = await devToken(t.domain, { grant_type: 'client_credentials' })
    assert.equal(token.status, 200, 'the token endpoint is another path')
  })
})

describe('closing with a token request held open', () => {
  it('destroys it, so close() and the caller end', async () => {
    const held = await startTestDomain()
    try {
      const fault = held.domain.faults.add({ operation: 'client_credentials', fault: { kind: 'hang' } })
      const call = noAnswer(devToken(held.domain, { grant_type: 'client_credentials' }))
      await fault.whenHit()
      await held.domain.close()
      assert.ok(await call)
    } finally {
      await held.dispose().catch(() => {})
    }
  })
})

describe('the HTTP operator endpoint', () => {
  it('is absent by default and, when enabled, sets and reports the plan', async () => {
    const off = await fetch(`${t.domain.url}/_emulator/faults`)
    assert.equal(off.status, 404)
    const on = await startTestDomain({ faultEndpoint: true })
    try {
      const endpoint = `${on.domain.url}/_emulator/faults`
      const bad = await fetch(endpoint, { method: 'PUT', body: JSON.stringify({ faults: [{ fault: {} }] }) })
      assert.equal(bad.status, 400)
      assert.equal((await bad.json()).code, 'InvalidParameter')
      const put = await fetch(endpoint, {
        method: 'PUT',
        body: JSON.stringify({
          faults: [{ operation: 'client_credentials', fault: { kind: 'status', status: 503 } }],
        }),
      })
      assert.equal(put.status, 200)
      assert.equal((await devToken(on.domain, { grant_type: 'client_credentials' })).status, 503)
      const report = await (await fetch(endpoint)).json()
      assert.equal(report.faults[0].hits, 1)
      assert.equal((await fetch(endpoint, { method: 'DELETE' })).status, 204)
      assert.equal((await devToken(on.domain, { grant_type: 'client_credentials' })).status, 200)
    } finally {
      await on.dispose()
    }
  })
})
