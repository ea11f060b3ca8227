// Destructive tools over HTTP: a 2026-07-28 client that can be asked confirms first; older clients run as before.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { testIssuer } from '../../test/support/jwks.ts'
import { sampleImplementation } from '../../test/support/sample-group.ts'
import { setAuditSink } from './audit.ts'
import { groupApp } from './group-app.ts'
import { type HttpCall, handleMcpHttp } from './http.ts'

let issuer: Awaited<ReturnType<typeof testIssuer>>
const tokens: Record<string, string> = {}
before(async () => {
  issuer = await testIssuer()
  for (const sub of ['alice', 'bob'])
    tokens[sub] = await issuer.sign({ sub, scope: 'oci-mcp.sample.read oci-mcp.sample.write' })
})
after(() => issuer.close())

/** Audit lines of the test: [tool, outcome, errorCode]; an `ok` line means the tool ran. */
let audited: string[][] = []
beforeEach(() => {
  audited = []
  setAuditSink((line) => {
    const r = JSON.parse(line)
    audited.push([r.tool, r.outcome, r.errorCode ?? ''])
  })
})
const ran = () => audited.filter(([, outcome]) => outcome === 'ok').length

const app = groupApp(sampleImplementation)
const V = '2026-07-28'
const TOOL = 'sample_write_thing'
const ASKS = { elicitation: { form: {} } }

interface Call {
  args?: Record<string, unknown>
  capabilities?: Record<string, unknown>
  retry?: Record<string, unknown>
  sub?: string
  version?: string
}

interface InputRequest {
  method: string
  params: {
    mode: string
    message: string
    requestedSchema: { properties: Record<string, { type: string }>; required: string[] }
  }
}

interface Reply {
  result?: {
    resultType?: string
    isError?: boolean
    structuredContent?: unknown
    content?: { text: string }[]
    inputRequests?: Record<string, InputRequest>
    requestState?: string
  }
  error?: { code: number; data?: Record<string, unknown> }
}

async function callTool({ args = {}, capabilities = ASKS, retry = {}, sub = 'alice', version = V }: Call) {
  const modern = version === V
  const params = { name: TOOL, arguments: args, ...retry }
  const body = {
    jsonrpc: '2.0',
    id: 3,
    method: 'tools/call',
    params: modern
      ? {
          ...params,
          _meta: {
            'io.modelcontextprotocol/protocolVersion': V,
            'io.modelcontextprotocol/clientInfo': { name: 't', version: '1' },
            'io.modelcontextprotocol/clientCapabilities': capabilities,
          },
        }
      : params,
  }
  const call: HttpCall = {
    method: 'POST',
    url: '/mcp/sample',
    headers: new Headers({
      'content-type': 'application/json',
      authorization: `Bearer ${tokens[sub]}`,
      'mcp-protocol-version': version,
      ...(modern ? { 'mcp-method': 'tools/call', 'mcp-name': TOOL } : {}),
    }),
    body: new TextEncoder().encode(JSON.stringify(body)),
    callId: 'confirm-1',
  }
  const reply = await handleMcpHttp(app, call, { ...issuer.env, MCP_ENABLE_MUTATIONS: 'true' })
  assert.equal(reply.status, 200, reply.body)
  return JSON.parse(reply.body) as Reply
}

const accept = (confirm = true) => ({ confirm: { action: 'accept', content: { confirm } } })
const codeOf = (result: Reply['result']) => /^Error (ERR_[A-Z_]+)/.exec(result?.content?.[0]?.text ?? '')?.[1]

async function ask(args: Record<string, unknown> = {}) {
  const first = await callTool({ args })
  assert.equal(first.result?.resultType, 'input_required')
  return first.result as Required<NonNullable<Reply['result']>>
}

describe('confirmation of a destructive tool (2026-07-28, elicitation declared)', () => {
  it('the first round asks, naming the tool and its arguments, and runs nothing', async () => {
    const first = await ask({ fail: false })
    const request = first.inputRequests.confirm
    assert.equal(request.method, 'elicitation/create')
    assert.equal(request.params.mode, 'form')
    assert.match(request.params.message, new RegExp(TOOL))
    assert.match(request.params.message, /fail=false/)
    assert.equal(request.params.requestedSchema.properties.confirm.type, 'boolean')
    assert.deepEqual(request.params.requestedSchema.required, ['confirm'])
    assert.equal(typeof first.requestState, 'string')
    assert.equal(ran(), 0)
  })

  it('the confirming round runs the tool once', async () => {
    const { requestState } = await ask()
    const second = await callTool({ retry: { inputResponses: accept(), requestState } })
    assert.equal(second.result?.resultType, 'complete')
    assert.equal(second.result?.isError, undefined)
    assert.deepEqual(second.result?.structuredContent, { written: true })
    assert.deepEqual(audited, [[TOOL, 'ok', '']])
  })

  it('a decline, a cancel or an unticked box runs nothing and says so', async () => {
    for (const answer of [
      { confirm: { action: 'decline' } },
      { confirm: { action: 'cancel' } },
      accept(false),
    ]) {
      const { requestState } = await ask()
      const r = await callTool({ retry: { inputResponses: answer, requestState } })
      assert.equal(r.result?.isError, true)
      assert.equal(codeOf(r.result), 'ERR_CONFIRMATION_DECLINED')
    }
    assert.equal(ran(), 0)
    assert.deepEqual(
      audited.map(([, outcome, code]) => [outcome, code]),
      Array(3).fill(['denied', 'ERR_CONFIRMATION_DECLINED']),
    )
  })

  it('refuses a tampered state, another caller’s, other arguments’ or no answer: -32602 with the reason', async () => {
    const { requestState } = await ask({ fail: false })
    const [prefix, body, sig] = requestState.split('.')
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
    const longer = Buffer.from(JSON.stringify({ ...payload, exp: payload.exp + 86_400_000 })).toString(
      'base64url',
    )
    const cases: [Call, string][] = [
      [
        {
          args: { fail: false },
          retry: { inputResponses: accept(), requestState: `${prefix}.${longer}.${sig}` },
        },
        'signature',
      ],
      [{ args: { fail: false }, retry: { inputResponses: accept(), requestState }, sub: 'bob' }, 'caller'],
      [{ args: { fail: true }, retry: { inputResponses: accept(), requestState } }, 'arguments'],
      [{ args: { fail: false }, retry: { requestState } }, 'missing_response'],
    ]
    for (const [call, reason] of cases) {
      const r = await callTool(call)
      assert.equal(r.error?.code, -32602, reason)
      assert.deepEqual(r.error?.data, { code: 'ERR_CONFIRMATION_INVALID', reason })
    }
    assert.equal(ran(), 0)
  })

  it('answers without state are not a confirmation: the call is asked again', async () => {
    const r = await callTool({ retry: { inputResponses: accept() } })
    assert.equal(r.result?.resultType, 'input_required')
    assert.equal(ran(), 0)
  })
})

describe('clients that cannot be asked keep today’s behaviour', () => {
  it('2026-07-28 without elicitation, or with URL elicitation only: runs at once', async () => {
    for (const capabilities of [{}, { elicitation: { url: {} } }]) {
      const r = await callTool({ capabilities })
      assert.deepEqual(r.result?.structuredContent, { written: true })
    }
    assert.equal(ran(), 2)
  })

  it('2025-11-25: runs at once, and stray retry fields are ignored', async () => {
    const r = await callTool({ version: '2025-11-25', retry: { requestState: 'x' } })
    assert.deepEqual(r.result?.structuredContent, { written: true })
    assert.equal(ran(), 1)
  })

  it('a bare elicitation capability means form mode: it is asked', async () => {
    const r = await callTool({ capabilities: { elicitation: {} } })
    assert.equal(r.result?.resultType, 'input_required')
  })
})
