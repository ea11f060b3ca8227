// Injected faults, observed through the real ObjectStorageClient and fetch: statuses, resets, slow and silent answers.
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import * as common from 'oci-common'
import * as objectstorage from 'oci-objectstorage'
import { NAMESPACE } from '../seed.ts'
import {
  ociError,
  operatorProvider,
  sdkConfiguration,
  startTestEmulator,
  type TestEmulator,
} from './testing.ts'

let emulator: TestEmulator
const ns = NAMESPACE
const bucketName = 'app-logs'
const objectName = 'logs/2026/11/0001.json'

/** A client whose every call is abandoned after `deadlineMs`, as a deadline-aware caller does. */
function client(deadlineMs?: number) {
  const c = new objectstorage.ObjectStorageClient(
    { authenticationDetailsProvider: operatorProvider(emulator) },
    {
      ...sdkConfiguration(),
      ...(deadlineMs ? { httpOptions: { signal: AbortSignal.timeout(deadlineMs) } } : {}),
    },
  )
  c.endpoint = emulator.url
  return c
}

const getObject = (c = client()) => c.getObject({ namespaceName: ns, bucketName, objectName })
const headObject = (c = client()) => c.headObject({ namespaceName: ns, bucketName, objectName })

/**
 * The network-level failure a call ended with: not an OciError, as there was no answer to parse. The SDK
 * rethrows it as a plain `{ code, message }` (dropping the fetch error's cause); fetch as a TypeError.
 */
async function transportError(
  call: Promise<unknown>,
): Promise<{ code?: unknown; cause?: { code?: string } }> {
  try {
    await call
  } catch (error) {
    assert.ok(!(error instanceof common.OciError), `expected no answer, got ${String(error)}`)
    return error as { code?: unknown }
  }
  throw new Error('expected the call to fail')
}

before(async () => {
  emulator = await startTestEmulator()
})
after(() => emulator.dispose())
afterEach(() => emulator.faults.clear())

describe('status faults', () => {
  it('answers 429 TooManyRequests with retry-after, once, then serves normally', async () => {
    const fault = emulator.faults.add({
      operation: 'GetObject',
      fault: { kind: 'status', status: 429, retryAfterSeconds: 7 },
    })
    const err = await ociError(getObject())
    assert.equal(err.statusCode, 429)
    assert.equal(err.serviceCode, 'TooManyRequests')
    assert.ok(err.opcRequestId, 'opc-request-id is sent, as on every emulator error')
    assert.equal(fault.hits(), 1)
    assert.ok((await getObject()).contentLength)
    assert.equal(fault.hits(), 1, 'times defaults to 1')
  })

  it('sends the retry-after header and an OCI error body on the wire', async () => {
    emulator.faults.add({ path: '^/n$', fault: { kind: 'status', status: 429 } })
    // Faults come before authentication: an unsigned request sees them too.
    const res = await fetch(`${emulator.url}/n`)
    assert.equal(res.status, 429)
    assert.equal(res.headers.get('retry-after'), '1', '429 carries retry-after even when not given')
    assert.ok(res.headers.get('opc-request-id'))
    assert.deepEqual(Object.keys(await res.json()).sort(), ['code', 'message'])
  })

  it('answers 500 and 503 in order, for as many requests as told', async () => {
    emulator.faults.set([
      { method: 'GET', operation: 'GetObject', times: 2, fault: { kind: 'status', status: 500 } },
      { method: 'GET', operation: 'GetObject', fault: { kind: 'status', status: 503, retryAfterSeconds: 2 } },
    ])
    const codes = []
    for (let i = 0; i < 3; i++) {
      const err = await ociError(getObject())
      codes.push([err.statusCode, err.serviceCode])
    }
    assert.deepEqual(codes, [
      [500, 'InternalServerError'],
      [500, 'InternalServerError'],
      [503, 'ServiceUnavailable'],
    ])
    assert.ok(await getObject())
    assert.deepEqual(
      emulator.faults.list().map((f) => f.hits),
      [2, 1],
    )
  })

  it("matches method, path and operation together; 'always' never runs out", async () => {
    const fault = emulator.faults.add({
      method: 'HEAD',
      path: '^/n/[^/]+/b/app-logs/o/',
      times: 'always',
      fault: { kind: 'status', status: 503 },
    })
    assert.ok(await getObject(), 'GET is another method')
    for (let i = 0; i < 3; i++) assert.equal((await ociError(headObject())).statusCode, 503)
    const other = client().headObject({ namespaceName: ns, bucketName: 'events-inbox', objectName: 'x' })
    assert.equal((await ociError(other)).statusCode, 404, 'another bucket is another path')
    assert.equal(fault.hits(), 3)
  })
})

describe('connection faults', () => {
  it('resets the connection without an answer', async () => {
    const fault = emulator.faults.add({ operation: 'GetObject', times: 2, fault: { kind: 'reset' } })
    await transportError(getObject())
    assert.equal(fault.hits(), 1)
    // fetch keeps the cause the SDK drops: the socket went away before any answer.
    const url = `${emulator.url}/n/${ns}/b/${bucketName}/o/${encodeURIComponent(objectName)}`
    const code = (await transportError(fetch(url))).cause?.code
    assert.ok(code === 'ECONNRESET' || code === 'UND_ERR_SOCKET', String(code))
    assert.equal(fault.hits(), 2)
    assert.ok(await getObject(), 'the next request is served')
  })

  it('answers normally after the delay of a slow fault', async () => {
    emulator.faults.add({ operation: 'GetObject', fault: { kind: 'slow', delayMs: 300 } })
    const started = performance.now()
    const res = await getObject()
    assert.ok(performance.now() - started >= 300, 'not before the delay')
    assert.ok(res.contentLength && res.contentLength > 0)
  })

  it('lets a caller with a deadline give up on a slow or silent answer', async () => {
    for (const fault of [{ kind: 'slow', delayMs: 600_000 } as const, { kind: 'hang' } as const]) {
      const handle = emulator.faults.add({ operation: 'GetObject', fault })
      const err = await transportError(getObject(client(200)))
      assert.equal(err.code, DOMException.TIMEOUT_ERR, `${fault.kind}: the caller's own deadline ended it`)
      assert.equal(handle.hits(), 1)
    }
    assert.ok(await getObject(), 'the emulator still serves')
  })
})

describe('closing with requests held open', () => {
  it('destroys hanging and slow requests, so close() and the callers end', async () => {
    const held = await startTestEmulator()
    try {
      const hang = held.faults.add({ operation: 'GetObject', fault: { kind: 'hang' } })
      const slow = held.faults.add({ operation: 'HeadObject', fault: { kind: 'slow', delayMs: 600_000 } })
      const c = new objectstorage.ObjectStorageClient(
        { authenticationDetailsProvider: operatorProvider(held) },
        sdkConfiguration(),
      )
      c.endpoint = held.url
      const calls = [
        transportError(c.getObject({ namespaceName: ns, bucketName, objectName })),
        transportError(c.headObject({ namespaceName: ns, bucketName, objectName })),
      ]
      // Both requests must be held when the emulator closes, or this would test nothing.
      await Promise.all([hang.whenHit(), slow.whenHit()])
      await held.close()
      for (const err of await Promise.all(calls)) assert.ok(err)
    } finally {
      await held.dispose().catch(() => {})
    }
  })
})

describe('the HTTP operator endpoint', () => {
  it('is absent unless the emulator is started with it', async () => {
    const res = await fetch(`${emulator.url}/_emulator/faults`, { method: 'PUT', body: '{"faults":[]}' })
    assert.equal(res.status, 404)
    assert.equal((await res.json()).code, 'NotFound')
  })

  it('replaces, appends, reports and clears the plan when enabled', async () => {
    const remote = await startTestEmulator({ faultEndpoint: true })
    const endpoint = `${remote.url}/_emulator/faults`
    const send = (method: string, body?: unknown) =>
      fetch(endpoint, { method, body: body === undefined ? undefined : JSON.stringify(body) })
    try {
      for (const bad of [
        { faults: [{ fault: { kind: 'status', status: 404 } }] },
        { faults: [{ path: '(', fault: { kind: 'reset' } }] },
        { faults: [{ fault: { kind: 'hang' }, extra: 1 }] },
        [],
      ]) {
        const res = await send('PUT', bad)
        assert.equal(res.status, 400, JSON.stringify(bad))
        assert.equal((await res.json()).code, 'InvalidParameter')
      }
      const put = await send('PUT', {
        faults: [{ method: 'get', operation: 'GetObject', fault: { kind: 'status', status: 503 } }],
      })
      assert.equal(put.status, 200)
      const posted = await send('POST', {
        operation: 'HeadObject',
        times: 'always',
        fault: { kind: 'reset' },
      })
      assert.equal(posted.status, 201)
      const c = new objectstorage.ObjectStorageClient(
        { authenticationDetailsProvider: operatorProvider(remote) },
        sdkConfiguration(),
      )
      c.endpoint = remote.url
      assert.equal(
        (await ociError(c.getObject({ namespaceName: ns, bucketName, objectName }))).statusCode,
        503,
      )
      await transportError(c.headObject({ namespaceName: ns, bucketName, objectName }))
      const report = await (await send('GET')).json()
      assert.deepEqual(
        report.faults.map((f: { method?: string; hits: number }) => [f.method, f.hits]),
        [
          ['GET', 1],
          [undefined, 1],
        ],
      )
      assert.equal((await send('DELETE')).status, 204)
      assert.deepEqual(await (await send('GET')).json(), { faults: [] })
      assert.ok(await c.getObject({ namespaceName: ns, bucketName, objectName }))
    } finally {
      await remote.dispose()
    }
  })
})
