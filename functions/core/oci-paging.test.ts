// ociListPage with a stand-in list call: upstream pages, the budget cut, and OCI errors mapped through ociCall.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { testCaller } from '../../test/support/tool-harness.ts'
import { McpFunctionsError } from './errors.ts'
import { type OciPageParams, ociListPage } from './oci-paging.ts'
import type { ToolContext } from './tool-runner.ts'

const ctx = (env: NodeJS.ProcessEnv = {}): ToolContext => ({
  caller: testCaller(),
  callId: 'unit',
  functionName: 'core',
  env,
  opcRequestIds: [],
})

/** `total` numbered items in upstream pages of `pageSize`; the token is the next start index. */
function fakeList(total: number, pageSize: number) {
  const calls: OciPageParams[] = []
  const list = async (params: OciPageParams) => {
    calls.push(params)
    const start = params.page === undefined ? 0 : Number(params.page)
    const size = Math.min(pageSize, params.limit, total - start)
    const items = Array.from({ length: size }, (_, i) => ({ n: start + i }))
    const next = start + size < total ? String(start + size) : undefined
    return { items, opcNextPage: next, opcRequestId: `req-${calls.length}` }
  }
  return { list, calls }
}

describe('ociListPage', () => {
  it('reads upstream pages until the limit, maps items and records request ids', async () => {
    const c = ctx()
    const { list, calls } = fakeList(25, 10)
    const page = await ociListPage(c, { limit: 15 }, 'Listing things', list, (i) => ({ id: `t${i.n}` }))
    assert.deepEqual(
      page.items.map((i) => i.id),
      Array.from({ length: 15 }, (_, i) => `t${i}`),
    )
    assert.equal(page.truncated_by_budget, false)
    assert.ok(page.next_cursor)
    assert.deepEqual(calls, [
      { limit: 15, page: undefined },
      { limit: 5, page: '10' },
    ])
    assert.deepEqual(c.opcRequestIds, ['req-1', 'req-2'])

    const rest = await ociListPage(
      c,
      { cursor: page.next_cursor, limit: 50 },
      'Listing things',
      list,
      (i) => i.n,
    )
    assert.deepEqual(
      rest.items,
      Array.from({ length: 10 }, (_, i) => 15 + i),
    )
    assert.equal(rest.next_cursor, undefined)
  })

  it('cuts the page at MCP_RESPONSE_BUDGET_BYTES and says so', async () => {
    const { list } = fakeList(100, 100)
    const page = await ociListPage(
      ctx({ MCP_RESPONSE_BUDGET_BYTES: '100' }),
      { limit: 100 },
      'Listing things',
      list,
      (i) => ({ n: i.n, pad: 'x'.repeat(20) }),
    )
    assert.ok(page.items.length > 0 && page.items.length < 100)
    assert.equal(page.truncated_by_budget, true)
    assert.ok(page.next_cursor)
  })

  it('maps an OCI failure to a coded error and keeps its request id', async () => {
    const c = ctx()
    const failure = Object.assign(new Error('Not authorized or not found'), {
      statusCode: 404,
      serviceCode: 'NotAuthorizedOrNotFound',
      opcRequestId: 'req-failed',
    })
    await assert.rejects(
      ociListPage(
        c,
        { limit: 10 },
        'Listing things in c1',
        async () => {
          throw failure
        },
        (i: unknown) => i,
      ),
      (error: unknown) => {
        assert.ok(error instanceof McpFunctionsError)
        assert.equal(error.code, 'ERR_OCI_NOT_FOUND')
        assert.equal(error.details?.opcRequestId, 'req-failed')
        return true
      },
    )
    assert.deepEqual(c.opcRequestIds, ['req-failed'])
  })
})
