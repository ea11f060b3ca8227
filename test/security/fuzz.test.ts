// Property-based fuzzing of the edge and of two functions over their Fn sockets: whatever a client sends, the
// answer is a sane status with a JSON (or empty) body, never a 5xx, a hang or a dead process.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import { catalog as objectstorageCatalog } from '../../functions/objectstorage/catalog.ts'
import { loadRoutes } from '../../infra/routes.ts'
import { edgeRequest, jsonRpcBody, jsonRpcMessage } from '../support/arbitraries.ts'
import { gatewayHeaders } from '../support/fn-gateway.ts'
import { checkProperty } from '../support/fuzz.ts'
import { rawRequest, withLimit } from '../support/raw-http.ts'
import { testStack } from '../support/stack.ts'

/** Generous: a loaded 2-core machine is slow, but no single request may take a minute. */
const LIMIT_MS = 60_000
const EMPTY_STATUSES = new Set([202, 204, 304])

let env: Awaited<ReturnType<typeof testStack>>
let token: string
before(async () => {
  env = await testStack()
  token = await env.clientToken()
})
after(() => env?.close())

const routes = loadRoutes()
const protectedPaths = routes.routes.filter((r) => !r.anonymous).map((r) => r.path)
// The facade's browser pages answer in HTML by design; its JSON endpoints and every MCP route are fuzzed.
const fuzzedPaths = [...protectedPaths, routes.metadataPath, '/oauth/token', '/oauth/register', '/']

const toolNames = objectstorageCatalog.tools
  .map((t) => t.name)
  .concat(['identity_whoami', 'compute_list_instances'])
const fieldNames = [
  ...new Set(objectstorageCatalog.tools.flatMap((t) => Object.keys(t.input.shape))),
  'compartment_id',
]
const uris = [
  'oci://namespace',
  'oci://buckets/platform-config/objects/README.md',
  'oci://buckets/app-logs/objects',
]
const knownValues = [
  'platform-config',
  'README.md',
  'env/',
  'fuzz/object.txt',
  'examplens',
  'json',
  'markdown',
]
const message = jsonRpcMessage(toolNames, fieldNames, uris, knownValues)

const restarts = () =>
  Object.fromEntries(env.stack.functions.names.map((n) => [n, env.stack.functions.restartsOf(n)]))

/** The body is empty or JSON; a JSON-RPC reply is a result or an error with an integer code. */
function assertAnswer(status: number, body: Buffer, what: string): unknown {
  if (body.length === 0) return undefined
  let parsed: unknown
  assert.doesNotThrow(() => {
    parsed = JSON.parse(body.toString('utf8'))
  }, `${what}: ${status} body is not JSON`)
  for (const reply of Array.isArray(parsed) ? parsed : [parsed]) {
    if (reply && typeof reply === 'object' && (reply as { jsonrpc?: unknown }).jsonrpc === '2.0') {
      const r = reply as { result?: unknown; error?: { code?: unknown } }
      assert.ok(
        'result' in r || Number.isInteger(r.error?.code),
        `${what}: a JSON-RPC reply without result or code`,
      )
    }
  }
  return parsed
}

describe('fuzzing the edge', () => {
  it('answers any method, path, header set and body with a sane status and a JSON or empty body', async () => {
    const before = restarts()
    let reachedFunction = 0
    await checkProperty(
      fc.asyncProperty(edgeRequest(fuzzedPaths, token, jsonRpcBody(message)), async (req) => {
        const reply = await rawRequest(env.info.edgeUrl, req, LIMIT_MS)
        const what = `${req.method} ${req.path}`
        assert.ok(reply.status >= 200 && reply.status < 500, `${what} answered ${reply.status}`)
        const path = req.path.split('?')[0]
        if (!req.authorized && protectedPaths.includes(path) && req.method !== 'OPTIONS') {
          // Refused before any function runs; a malformed request may be a 400, never a success.
          assert.ok(reply.status >= 400, `${what} without a valid token answered ${reply.status}`)
          if (reply.status === 401) assert.match(String(reply.headers['www-authenticate']), /^Bearer /)
        }
        if (reply.status === 200 && req.authorized && protectedPaths.includes(path)) reachedFunction += 1
        if (req.method === 'HEAD' || EMPTY_STATUSES.has(reply.status)) assert.equal(reply.body.length, 0)
        else assertAnswer(reply.status, reply.body, what)
      }),
      200,
    )
    assert.deepEqual(restarts(), before, 'no function process died')
    // A fuzz run that never got past the edge would prove nothing about the functions behind it.
    assert.ok(reachedFunction >= 10, `only ${reachedFunction} requests reached a function`)
  })
})

for (const [fn, path] of [
  ['router', '/mcp'],
  ['objectstorage', '/mcp/objectstorage'],
] as const) {
  describe(`fuzzing the ${fn} function over its Fn socket`, () => {
    const call = (body: Buffer, extra: Record<string, string> = {}) =>
      withLimit(
        env.stack.functions.call(
          fn,
          gatewayHeaders(path, {
            Authorization: `Bearer ${token}`,
            Accept: 'application/json, text/event-stream',
            ...extra,
          }),
          body,
        ),
        LIMIT_MS,
        `${fn} call`,
      )

    it('answers arbitrary JSON-RPC with a JSON-RPC answer or a tool error, never a 5xx or a crash', async () => {
      const before = restarts()
      let toolResults = 0
      const versions = fc.oneof(
        { weight: 4, arbitrary: fc.constant(undefined) },
        fc.constantFrom('2025-11-25', '2025-03-26', '2026-07-28', 'garbage'),
      )
      await checkProperty(
        fc.asyncProperty(jsonRpcBody(message), versions, async (body, version) => {
          const reply = await call(body, version ? { 'Mcp-Protocol-Version': version } : {})
          assert.equal(reply.status, 200, 'the Fn call itself succeeds')
          const status = Number(reply.headers['fn-http-status'] ?? 200)
          assert.ok(status >= 200 && status < 500, `${fn} answered ${status}`)
          if (status === 202) assert.equal(reply.body.length, 0)
          else {
            const parsed = assertAnswer(status, reply.body, fn)
            assert.notEqual(parsed, undefined, `${fn}: an empty body with ${status}`)
            const result = (parsed as { result?: { content?: unknown } }).result
            if (result && Array.isArray(result.content)) toolResults += 1
          }
        }),
        150,
      )
      assert.deepEqual(restarts(), before, `${fn} never crashed`)
      // Valid and invalid tool calls alike must have reached the tool layer, not all stopped at parsing.
      assert.ok(toolResults >= 10, `only ${toolResults} tool results`)
    })

    it('still answers a valid call afterwards', async () => {
      const reply = await call(
        Buffer.from(
          JSON.stringify({
            jsonrpc: '2.0',
            id: 'after-fuzz',
            method: 'tools/call',
            params: { name: 'objectstorage_get_namespace', arguments: {} },
          }),
        ),
      )
      assert.equal(reply.headers['fn-http-status'], '200')
      const body = JSON.parse(reply.body.toString())
      assert.equal(body.id, 'after-fuzz')
      assert.notEqual(body.result.isError, true, JSON.stringify(body.result))
      assert.equal(body.result.structuredContent.namespace, 'examplens')
    })
  })
}
