// The whole stack under injected faults: an OCI endpoint that never answers is cut off at the call's deadline
// while other callers of the same function are served, and a failing token exchange is retried once, then worded.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { compartmentId } from '../../infra/local/seed.ts'
import { testStack } from '../support/stack.ts'

/** Short, so a call that hangs is cut off within the test; generous enough for a loaded machine's normal calls. */
const FN_TIMEOUT_MS = 8000

let env: Awaited<ReturnType<typeof testStack>>
before(async () => {
  env = await testStack({ fnTimeoutMs: FN_TIMEOUT_MS, faultEndpoints: true })
})
after(async () => {
  await env?.close()
})

type Result = { isError?: boolean; content: { text: string }[] }
const codeOf = (r: Result) => (r.isError ? /^Error (\w+)/.exec(r.content[0].text)?.[1] : undefined)

async function asUser(name: string, run: (c: Client) => Promise<void>) {
  const client = await env.connect(await env.userToken(name), '/mcp/objectstorage')
  try {
    await run(client)
  } finally {
    await client.close()
  }
}

describe('faults through the edge', () => {
  it('answers a call whose OCI request hangs before the deadline, while another call on the function is served', async () => {
    const faults = env.stack.emulator?.faults
    assert.ok(faults)
    faults.add({ operation: 'ListBuckets', times: 'always', fault: { kind: 'hang' } })
    try {
      await asUser('alice@example.com', async (client) => {
        const started = Date.now()
        const hanging = client.callTool({
          name: 'objectstorage_list_buckets',
          arguments: { compartment_id: compartmentId('sandbox') },
        }) as Promise<Result>
        // Meanwhile the same function answers another caller: the busy container does not hold every call.
        const other = (await client.callTool({
          name: 'objectstorage_get_namespace',
          arguments: {},
        })) as Result
        assert.equal(other.isError, undefined, other.content[0].text)
        const cut = await hanging
        assert.equal(codeOf(cut), 'ERR_OCI_TIMEOUT', cut.content[0].text)
        assert.ok(Date.now() - started < FN_TIMEOUT_MS + 2000, 'answered by the function, not cut off by Fn')
      })
    } finally {
      faults.clear()
    }
  })

  it('serves both fault plans over HTTP when asked (npm start -- --faults), for failures tried by hand', async () => {
    const emulatorUrl = env.stack.emulator?.url as string
    for (const base of [emulatorUrl, env.info.identityDomainUrl]) {
      const put = await fetch(`${base}/_emulator/faults`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          faults: [{ operation: 'NoSuchOperation', fault: { kind: 'status', status: 503 } }],
        }),
      })
      assert.equal(put.status, 200, base)
      const list = (await (await fetch(`${base}/_emulator/faults`)).json()) as { faults: unknown[] }
      assert.equal(list.faults.length, 1, base)
      assert.equal((await fetch(`${base}/_emulator/faults`, { method: 'DELETE' })).status, 204, base)
    }
  })

  it('retries a token exchange the identity domain refuses once with 503, and words one it keeps refusing', async () => {
    const faults = env.stack.identityDomain.faults
    const once = faults.add({ operation: 'token_exchange', fault: { kind: 'status', status: 503 } })
    // A user's first call exchanges their token: the 503 is retried, the call succeeds.
    await asUser('alice@example.com', async (client) => {
      const r = (await client.callTool({ name: 'objectstorage_get_namespace', arguments: {} })) as Result
      assert.equal(r.isError, undefined, r.content[0].text)
    })
    assert.equal(once.hits(), 1)
    faults.add({ operation: 'token_exchange', times: 'always', fault: { kind: 'status', status: 503 } })
    try {
      await asUser('bob@example.com', async (client) => {
        const r = (await client.callTool({ name: 'objectstorage_get_namespace', arguments: {} })) as Result
        assert.equal(codeOf(r), 'ERR_AUTH_EXCHANGE_FAILED', r.content[0].text)
      })
    } finally {
      faults.clear()
    }
  })
})
