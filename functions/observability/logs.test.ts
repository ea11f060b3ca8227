// Log search with the observability tools against the OCI emulator's seeded logs.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { logGroupId, logId } from '../../infra/local/oci-emulator/seed-logs.ts'
import { compartmentId } from '../../infra/local/seed.ts'
import { useEmulator } from '../../test/support/emulator.ts'
import { errorCode, ok } from '../../test/support/results.ts'
import * as specs from './catalog.ts'
import { implementation } from './implementation.ts'

const { tools: obs } = useEmulator(implementation)

const PROD = compartmentId('platformprod')
const APP_LOGS = logGroupId('prodapplogs')
const SYSLOG = logId('batchworker1syslog')
type Row = Record<string, unknown>

describe('search_logs', () => {
  test('batch-worker-1’s errors: the OOM killer, as time/level/message, with the query that ran', async () => {
    const r = await obs().call('observability_search_logs', {
      compartment_id: PROD,
      log_group_id: APP_LOGS,
      log_id: SYSLOG,
      filter: "where data.level = 'ERROR'",
      last: '2h',
    })
    const data = ok(r, specs.searchLogs)
    assert.equal(
      data.query,
      `search "${PROD}/${APP_LOGS}/${SYSLOG}" | where data.level = 'ERROR' | sort by datetime desc`,
    )
    const results = data.results as Row[]
    assert.ok(results.length > 0)
    assert.ok(results.every((e) => e.level === 'ERROR' && e.log_id === SYSLOG))
    assert.ok(results.some((e) => /Out of memory: Killed process/.test(e.message as string)))
    const times = results.map((e) => e.time as string)
    assert.deepEqual(times, [...times].sort().reverse())
    const text = r.content[0].text
    assert.ok(text.includes(`search "${PROD}/${APP_LOGS}/${SYSLOG}"`), 'the query run is shown')
    assert.match(text, /^- `[0-9T:.-]+Z` \*\*ERROR\*\* kernel: Out of memory/m)
  })

  test('a full query runs as given; json repeats structuredContent', async () => {
    const query = `search "${PROD}/${APP_LOGS}/${SYSLOG}" | sort by datetime desc`
    const r = await obs().call('observability_search_logs', { query, last: '30m', response_format: 'json' })
    const data = ok(r, specs.searchLogs)
    assert.equal(data.query, query)
    assert.deepEqual(JSON.parse(r.content[0].text), data)
  })

  test('pages through a busy log with a cursor, without duplicates', async () => {
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    const args = { compartment_id: PROD, log_group_id: APP_LOGS, log_id: SYSLOG, last: '6h', limit: 10 }
    do {
      const data = ok(await obs().call('observability_search_logs', { ...args, cursor }), specs.searchLogs)
      const results = data.results as Row[]
      assert.ok(results.length <= 10)
      seen.push(...results.map((e) => `${e.id}|${e.time}`))
      cursor = data.next_cursor as string | undefined
      pages += 1
    } while (cursor && pages < 100)
    assert.ok(pages >= 3, `${pages} pages`)
    assert.equal(new Set(seen).size, seen.length)
  })

  test('bounds and contradictions are input errors', async () => {
    const cases: Record<string, unknown>[] = [
      { last: '15d' },
      { start: '2026-01-02T00:00:00Z', end: '2026-01-01T00:00:00Z' },
      { query: `search "${PROD}"`, compartment_id: PROD },
      { query: "where data.level = 'ERROR'" },
      { compartment_id: PROD, log_id: SYSLOG },
      { filter: 'search "elsewhere"' },
      { log_group_id: 'not-a-group' },
      { limit: 5000 },
    ]
    for (const args of cases) {
      assert.equal(
        errorCode(await obs().call('observability_search_logs', args)),
        'ERR_INPUT_INVALID',
        JSON.stringify(args),
      )
    }
  })
})
