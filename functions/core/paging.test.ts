// Cursor paging over upstream pages, with the response-size budget.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { collectPage, decodeCursor, encodeCursor } from './paging.ts'

const upstream = (total: number, pageSize: number) => {
  const calls: (string | null)[] = []
  const fetchPage = async (token: string | null) => {
    calls.push(token)
    const start = token === null ? 0 : Number(token)
    const items = Array.from({ length: Math.min(pageSize, total - start) }, (_, i) => ({ n: start + i }))
    const next = start + pageSize < total ? String(start + pageSize) : null
    return { items, next }
  }
  return { fetchPage, calls }
}

async function drain(total: number, pageSize: number, limit: number, budgetBytes: number) {
  const { fetchPage } = upstream(total, pageSize)
  const seen: number[] = []
  let cursor: string | undefined
  let pages = 0
  do {
    const page = await collectPage<{ n: number }>({ cursor, limit, budgetBytes, fetchPage })
    seen.push(...page.items.map((i) => i.n))
    cursor = page.next_cursor
    pages += 1
  } while (cursor && pages < 10_000)
  return { seen, pages }
}

describe('collectPage', () => {
  it('walks every item exactly once whatever the limits', async () => {
    for (const [total, pageSize, limit, budget] of [
      [95, 10, 7, 1e6],
      [95, 10, 30, 1e6],
      [95, 10, 1000, 60],
      [0, 10, 5, 1e6],
      [10, 10, 10, 1e6],
    ]) {
      const { seen } = await drain(total, pageSize, limit, budget)
      assert.deepEqual(
        seen,
        Array.from({ length: total }, (_, i) => i),
        `total=${total} page=${pageSize} limit=${limit}`,
      )
    }
  })

  it('cuts a page at the budget and says so', async () => {
    const { fetchPage } = upstream(50, 50)
    const page = await collectPage({ limit: 50, budgetBytes: 40, fetchPage })
    assert.equal(page.truncated_by_budget, true)
    assert.ok(page.items.length >= 1 && page.items.length < 50)
    assert.deepEqual(decodeCursor(page.next_cursor), { t: null, s: page.items.length })
  })

  it('rejects a cursor it did not issue with ERR_INPUT_CURSOR', () => {
    for (const bad of ['garbage', 'c1.!!!', `c1.${Buffer.from('{"t":5,"s":-1}').toString('base64url')}`]) {
      assert.throws(() => decodeCursor(bad), { code: 'ERR_INPUT_CURSOR' })
    }
    assert.deepEqual(decodeCursor(encodeCursor({ t: 'abc', s: 3 })), { t: 'abc', s: 3 })
  })
})
