// OCI requests under injected faults: retried within the call's deadline when safe, answered before it always.
import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { describe, test } from 'node:test'
import { compartmentId } from '../../infra/local/seed.ts'
import { useEmulator } from '../../test/support/emulator.ts'
import { errorCode, ok } from '../../test/support/results.ts'
import * as specs from '../objectstorage/catalog.ts'
import { implementation } from '../objectstorage/implementation.ts'
import { retryAfterMs } from './oci-transport.ts'

const { tools: os, emulator } = useEmulator(implementation)
const sandbox = compartmentId('sandbox')
const listBuckets = { compartment_id: sandbox }
const put = (name: string) => ({ bucket: 'events-inbox', name, content: 'hello' })

/** A call's text, for the facts an agent is told (attempts, the request id). */
const text = (r: { content: { text: string }[] }) => r.content[0].text

/** Runs fn and says how long it took; the deadline tests compare that with the budget they set. */
async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now()
  const value = await fn()
  return { value, ms: performance.now() - started }
}

describe('ociCall under faults', () => {
  test('a read that meets 503 twice is retried and answers', async () => {
    const rule = emulator().faults.add({
      operation: 'ListBuckets',
      times: 2,
      fault: { kind: 'status', status: 503 },
    })
    ok(await os().call('objectstorage_list_buckets', listBuckets), specs.listBuckets)
    assert.equal(rule.hits(), 2)
  })

  test('a read throttled with retry-after waits for it and answers', async () => {
    const rule = emulator().faults.add({
      operation: 'ListBuckets',
      fault: { kind: 'status', status: 429, retryAfterSeconds: 1 },
    })
    const { value, ms } = await timed(() => os().call('objectstorage_list_buckets', listBuckets))
    ok(value, specs.listBuckets)
    assert.equal(rule.hits(), 1)
    assert.ok(ms >= 900, `answered after ${ms} ms, before the retry-after of 1 s`)
  })

  test('a read whose connection is reset is retried and answers', async () => {
    const rule = emulator().faults.add({ operation: 'ListBuckets', fault: { kind: 'reset' } })
    ok(await os().call('objectstorage_list_buckets', listBuckets), specs.listBuckets)
    assert.equal(rule.hits(), 1)
  })

  test('a read that keeps failing answers before its deadline, naming the OCI request id and the attempts', async () => {
    const faults = emulator().faults
    faults.add({ operation: 'ListBuckets', times: 'always', fault: { kind: 'status', status: 503 } })
    try {
      const deadline = new Date(Date.now() + 4000)
      const r = await os().call('objectstorage_list_buckets', listBuckets, { deadline })
      assert.equal(errorCode(r), 'ERR_OCI_SERVICE')
      assert.ok(Date.now() < deadline.getTime(), 'answered after the deadline')
      assert.match(text(r), /opc-request-id: \S+/)
      assert.match(text(r), /tried \d+ times/)
    } finally {
      faults.clear()
    }
  })

  test('an OCI endpoint that never answers is cut off at the deadline as ERR_OCI_TIMEOUT', async () => {
    const faults = emulator().faults
    const rule = faults.add({ operation: 'ListBuckets', times: 'always', fault: { kind: 'hang' } })
    try {
      const deadline = new Date(Date.now() + 3000)
      const r = await os().call('objectstorage_list_buckets', listBuckets, { deadline })
      assert.equal(errorCode(r), 'ERR_OCI_TIMEOUT')
      assert.ok(Date.now() < deadline.getTime(), 'answered after the deadline')
      assert.equal(rule.hits(), 1, 'a timed-out read is not sent again: its time is spent')
    } finally {
      faults.clear()
    }
  })

  test('without a platform deadline, MCP_OCI_CALL_TIMEOUT_MS bounds the call', async () => {
    const faults = emulator().faults
    faults.add({ operation: 'ListBuckets', times: 'always', fault: { kind: 'hang' } })
    try {
      const { value, ms } = await timed(() =>
        os({ MCP_OCI_CALL_TIMEOUT_MS: '2000' }).call('objectstorage_list_buckets', listBuckets),
      )
      assert.equal(errorCode(value), 'ERR_OCI_TIMEOUT')
      assert.ok(ms < 2000, `answered after ${ms} ms`)
    } finally {
      faults.clear()
    }
  })

  test('a write that meets 503 or a reset is not sent again, and says it may or may not have happened', async () => {
    const faults = emulator().faults
    const unavailable = faults.add({ operation: 'PutObject', fault: { kind: 'status', status: 503 } })
    assert.equal(
      errorCode(await os().call('objectstorage_put_object', put('faults/a.txt'))),
      'ERR_OCI_SERVICE',
    )
    assert.equal(unavailable.hits(), 1)
    const reset = faults.add({ operation: 'PutObject', fault: { kind: 'reset' } })
    assert.equal(
      errorCode(await os().call('objectstorage_put_object', put('faults/b.txt'))),
      'ERR_OCI_CONNECTION_RESET',
    )
    assert.equal(reset.hits(), 1)
  })

  test('a throttled write is sent again: OCI refuses a 429 before applying it', async () => {
    const rule = emulator().faults.add({
      operation: 'PutObject',
      fault: { kind: 'status', status: 429, retryAfterSeconds: 0 },
    })
    ok(await os().call('objectstorage_put_object', put('faults/c.txt')), specs.putObject)
    assert.equal(rule.hits(), 1)
  })

  test('a header value fetch refuses is the caller’s input error, tried once', async () => {
    const r = await os().call('objectstorage_put_object', {
      ...put('faults/d.txt'),
      content_type: 'text/plain; a=\u0001',
    })
    assert.equal(errorCode(r), 'ERR_INPUT_INVALID')
  })

  test('a call whose deadline has passed sends nothing to OCI', async () => {
    const rule = emulator().faults.add({ times: 'always', fault: { kind: 'status', status: 500 } })
    try {
      const r = await os().call('objectstorage_list_buckets', listBuckets, {
        deadline: new Date(Date.now() - 1),
      })
      assert.equal(errorCode(r), 'ERR_DEADLINE_EXCEEDED')
      assert.equal(rule.hits(), 0)
    } finally {
      rule.remove()
    }
  })

  test('an unreachable endpoint is ERR_OCI_UNREACHABLE with the system error, not [object Object]', async () => {
    // A port that was just free: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number }
        server.close(() => resolve(port))
      })
    })
    const r = await os({ OCI_ENDPOINT: `http://127.0.0.1:${port}`, MCP_OCI_CALL_TIMEOUT_MS: '3000' }).call(
      'objectstorage_list_buckets',
      listBuckets,
    )
    assert.equal(errorCode(r), 'ERR_OCI_UNREACHABLE')
    assert.match(text(r), /ECONNREFUSED/)
    assert.doesNotMatch(text(r), /\[object Object\]/)
  })
})

describe('retryAfterMs', () => {
  test('reads seconds and HTTP dates, and nothing else', () => {
    assert.equal(retryAfterMs('2'), 2000)
    assert.equal(retryAfterMs('0.5'), 500)
    assert.equal(retryAfterMs('Thu, 01 Jan 2026 00:00:10 GMT', Date.parse('2026-01-01T00:00:00Z')), 10_000)
    assert.equal(retryAfterMs('soon'), undefined)
    assert.equal(retryAfterMs(null), undefined)
  })
})
