// Logging Search through the real LogSearchClient: scopes, where filters, like, sorting, paging, errors.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import * as loggingsearch from 'oci-loggingsearch'
import { compartmentId, instanceId, TENANCY_ID } from '../seed.ts'
import { logGroupId } from './seed-logs.ts'
import { autonomousDatabaseId } from './seed-telemetry.ts'
import { parseLogQuery } from './services/logging-search.ts'
import {
  ociError,
  operatorProvider,
  sdkConfiguration,
  startTestEmulator,
  type TestEmulator,
} from './testing.ts'

let emulator: TestEmulator
let client: loggingsearch.LogSearchClient
const prod = compartmentId('platformprod')
const HOUR = 3_600_000

before(async () => {
  emulator = await startTestEmulator()
  client = new loggingsearch.LogSearchClient(
    { authenticationDetailsProvider: operatorProvider(emulator) },
    sdkConfiguration(),
  )
  client.endpoint = emulator.url
})
after(() => emulator.dispose())

const search = (
  searchQuery: string,
  hours = 3,
  extra: { limit?: number; page?: string; isReturnFieldInfo?: boolean } = {},
) => {
  const timeEnd = new Date()
  return client.searchLogs({
    limit: extra.limit,
    page: extra.page,
    searchLogsDetails: {
      timeStart: new Date(timeEnd.getTime() - hours * HOUR),
      timeEnd,
      searchQuery,
      isReturnFieldInfo: extra.isReturnFieldInfo,
    },
  })
}

type Content = {
  type: string
  source: string
  time: string
  data: Record<string, unknown>
  oracle: Record<string, string>
}
const contents = (r: loggingsearch.responses.SearchLogsResponse) =>
  (r.searchResponse.results ?? []).map((x) => (x.data as { logContent: Content }).logContent)

describe('SearchLogs', () => {
  it('returns entries shaped like the published response', async () => {
    const r = await search(`search "${prod}/prod-app-logs" | sort by datetime desc`, 1, {
      limit: 5,
      isReturnFieldInfo: true,
    })
    const results = r.searchResponse.results ?? []
    assert.equal(results.length, 5)
    assert.equal(r.searchResponse.summary.resultCount, 5)
    const first = results[0].data as {
      datetime: number
      logContent: Content & { id: string; specversion: string }
    }
    assert.equal(typeof first.datetime, 'number')
    assert.equal(first.logContent.specversion, '1.0')
    assert.match(first.logContent.id, /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-A[0-9A-F]{3}-[0-9A-F]{12}$/)
    assert.equal(first.logContent.oracle.compartmentid, prod)
    assert.equal(first.logContent.oracle.loggroupid, logGroupId('prodapplogs'))
    assert.equal(first.logContent.oracle.tenantid, TENANCY_ID)
    assert.match(first.logContent.oracle.ingestedtime, /\.\d{9}Z$/)
    assert.equal(new Date(first.logContent.time).getTime(), first.datetime)
    const times = results.map((x) => (x.data as { datetime: number }).datetime)
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
      'newest first',
    )
    const fields = r.searchResponse.fields?.map((f) => f.fieldName) ?? []
    assert.ok(fields.includes('datetime') && fields.includes('logContent.data.message'))
    assert.equal(r.searchResponse.summary.fieldCount, fields.length)
    assert.ok(r.opcNextPage, 'more entries than the limit')
  })

  it("finds batch-worker-1's OOM killer lines with where and like", async () => {
    const r = await search(
      `search "${prod}/prod-app-logs" | where data.level = 'ERROR' and data.message like '%Out of memory%' | sort by datetime desc`,
      3,
      { limit: 100 },
    )
    const entries = contents(r)
    assert.ok(entries.length >= 20 && entries.length <= 26, `${entries.length} OOM kills in two hours`)
    for (const e of entries) {
      assert.equal(e.source, 'batch-worker-1')
      assert.equal(e.data.resourceId, instanceId('batch1'))
      assert.match(String(e.data.message), /Killed process \d+ \(java\)/)
      assert.ok(new Date(e.time).getTime() > Date.now() - 2 * HOUR - 60_000, 'only during the saturation')
    }
    const earlier = await search(
      `search "${prod}/prod-app-logs" | data.message like '%out of memory%'`,
      3,
    ).then((x) => contents(x).filter((e) => new Date(e.time).getTime() < Date.now() - 2 * HOUR - 60_000))
    assert.equal(earlier.length, 0, 'like ignores case; nothing before the saturation')
  })

  it("finds orders-atp's failed logons by resource and type", async () => {
    const orders = autonomousDatabaseId('ordersatp')
    const r = await search(
      `search "${prod}" | where type = 'com.oraclecloud.logging.custom.dbaudit' and data.resourceId = '${orders}' and data.returnCode = 1017`,
      6,
      { limit: 1000 },
    )
    const entries = contents(r)
    assert.ok(entries.length >= 50, `${entries.length} failed logons`)
    for (const e of entries) assert.match(String(e.data.message), /^ORA-01017/)
  })

  it('searches API gateway access logs by log name, with in and not', async () => {
    const r = await search(
      `search "${prod}/prod-gateway-logs/mcp-gateway-access" | where data.responseStatus in (401, 429, 502) and not data.requestUri = '/health'`,
      24,
      { limit: 1000 },
    )
    const entries = contents(r)
    assert.ok(entries.length > 0)
    for (const e of entries) {
      assert.equal(e.type, 'com.oraclecloud.apigateway.apideployment.access')
      assert.ok([401, 429, 502].includes(e.data.responseStatus as number))
      assert.equal(e.data.level, (e.data.responseStatus as number) >= 500 ? 'ERROR' : 'WARN')
    }
  })

  it('searches audit events in the tenancy and in several scopes at once', async () => {
    const audit = await search(
      `search "${TENANCY_ID}/_Audit" | where data.identity.principalName = 'bob@example.com'`,
      24 * 7,
      {
        limit: 1000,
      },
    )
    const denied = contents(audit)
    assert.ok(denied.length > 0)
    for (const e of denied) {
      assert.equal(e.oracle.loggroupid, '_Audit')
      assert.equal((e.data.response as { status: string }).status, '404')
    }
    const both = await search(`search "${prod}/_Audit", "${compartmentId('finance')}/_Audit"`, 6, {
      limit: 1000,
    })
    const compartments = new Set(contents(both).map((e) => e.oracle.compartmentid))
    assert.deepEqual([...compartments].sort(), [compartmentId('finance'), prod].sort())
  })

  it('pages through results with opc-next-page without losing or repeating entries', async () => {
    const query = `search "${prod}/prod-gateway-logs" | sort by datetime desc`
    const all = contents(await search(query, 2, { limit: 1000 }))
    const paged: Content[] = []
    let page: string | undefined
    do {
      const r = await search(query, 2, { limit: 40, page })
      paged.push(...contents(r))
      page = r.opcNextPage
    } while (page)
    assert.ok(all.length > 40)
    assert.deepEqual(
      paged.map((e) => e.time),
      all.map((e) => e.time),
    )
  })

  it('answers 400 for a bad query or time range, 404 for an unknown log group', async () => {
    for (const query of [
      'find "x"',
      `search "${prod}" | where data.level = `,
      `search "${prod}" | summarize count() by type`,
      `search "not-an-ocid"`,
    ]) {
      const e = await ociError(search(query))
      assert.equal(e.statusCode, 400, query)
      assert.equal(e.serviceCode, 'InvalidParameter')
      assert.match(e.message, /Invalid search query/)
    }
    const reversed = await ociError(
      client.searchLogs({
        searchLogsDetails: {
          timeStart: new Date(),
          timeEnd: new Date(Date.now() - HOUR),
          searchQuery: `search "${prod}"`,
        },
      }),
    )
    assert.equal(reversed.statusCode, 400)
    const unknown = await ociError(search(`search "${prod}/no-such-group"`))
    assert.equal(unknown.statusCode, 404)
  })
})

describe('parseLogQuery', () => {
  it('reads scopes, nested conditions and sort keys', () => {
    const q = parseLogQuery(
      `search "${prod}/g/l", "${TENANCY_ID}" | where (type = 'a' or type = 'b') and not data.x like '%y%' | "data"."n" >= 3 | sort by datetime desc, type`,
    )
    assert.deepEqual(q.scopes, [
      { compartmentId: prod, logGroup: 'g', log: 'l' },
      { compartmentId: TENANCY_ID, logGroup: undefined, log: undefined },
    ])
    assert.equal(q.filters.length, 2)
    assert.equal(q.filters[0].kind, 'and')
    assert.deepEqual(q.filters[1], { kind: 'compare', field: ['data', 'n'], op: '>=', value: 3 })
    assert.deepEqual(q.sort, [
      { field: ['datetime'], descending: true },
      { field: ['type'], descending: false },
    ])
  })
})
