// Usage API through the real UsageapiClient: the 90 days of daily cost, the Compute spike, grouping, validation.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import * as usageapi from 'oci-usageapi'
import { costSpike, TENANCY_ID, usageServices } from '../seed.ts'
import {
  ociError,
  operatorProvider,
  sdkConfiguration,
  startTestEmulator,
  type TestEmulator,
} from './testing.ts'

const Details = usageapi.models.RequestSummarizedUsagesDetails
const DAY = 86_400_000

let emulator: TestEmulator
let client: usageapi.UsageapiClient
const today = Math.floor(Date.now() / DAY) * DAY
const day = (n: number) => new Date(today - n * DAY)

before(async () => {
  emulator = await startTestEmulator()
  client = new usageapi.UsageapiClient(
    { authenticationDetailsProvider: operatorProvider(emulator) },
    sdkConfiguration(),
  )
  client.endpoint = emulator.url
})
after(() => emulator.dispose())

const request = (
  details: Partial<usageapi.models.RequestSummarizedUsagesDetails>,
  page?: { limit?: number; page?: string },
) =>
  client.requestSummarizedUsages({
    ...page,
    requestSummarizedUsagesDetails: {
      tenantId: TENANCY_ID,
      timeUsageStarted: day(30),
      timeUsageEnded: day(0),
      granularity: Details.Granularity.Daily,
      queryType: Details.QueryType.Cost,
      ...details,
    },
  })

describe('RequestSummarizedUsages', () => {
  it('groups 30 days by service and shows the Compute spike 6 days ago', async () => {
    const r = await request({ groupBy: ['service'] })
    const items = r.usageAggregation.items
    assert.deepEqual(r.usageAggregation.groupBy, ['service'])
    assert.equal(items.length, 30 * usageServices.length)
    const compute = items.filter((i) => i.service === 'Compute')
    assert.equal(compute.length, 30)
    const spike = compute.find(
      (i) => new Date(i.timeUsageStarted).getTime() === today - costSpike.daysAgo * DAY,
    )
    assert.ok(spike)
    const others = compute.filter((i) => i !== spike).map((i) => i.computedAmount as number)
    const typical = others.reduce((a, b) => a + b, 0) / others.length
    const ratio = (spike.computedAmount as number) / typical
    assert.ok(ratio > 3.4 && ratio < 5, `spike is ${ratio.toFixed(2)}× a typical day`)
    assert.equal(Math.max(...compute.map((i) => i.computedAmount as number)), spike.computedAmount)
    for (const i of items) {
      assert.equal(i.currency, 'USD')
      assert.equal(i.isForecast, false)
      assert.equal(i.compartmentPath, null, 'only grouped dimensions are set')
      assert.equal(new Date(i.timeUsageEnded).getTime() - new Date(i.timeUsageStarted).getTime(), DAY)
    }
    const db = items.filter((i) => i.service === 'Database').map((i) => i.computedAmount as number)
    for (const v of db) assert.ok(v > 80 * 0.8 && v < 80 * 1.2, `Database day of ${v}`)
  })

  it('is the same for the same day however it is asked', async () => {
    const a = await request({ groupBy: ['service'], timeUsageStarted: day(10), timeUsageEnded: day(8) })
    const b = await request({ groupBy: ['service'], timeUsageStarted: day(12), timeUsageEnded: day(7) })
    const pick = (r: typeof a) =>
      r.usageAggregation.items
        .filter((i) => new Date(i.timeUsageStarted).getTime() === today - 9 * DAY)
        .map((i) => [i.service, i.computedAmount])
        .sort()
    assert.deepEqual(pick(a), pick(b))
  })

  it('groups by compartment path cut at a depth, and by resource', async () => {
    const r = await request({ groupBy: ['compartmentPath'], compartmentDepth: 2, isAggregateByTime: true })
    const paths = r.usageAggregation.items.map((i) => i.compartmentPath).sort()
    assert.deepEqual(paths, ['example/finance', 'example/platform'])
    const deep = await request({
      groupBy: ['compartmentPath', 'service'],
      compartmentDepth: 6,
      isAggregateByTime: true,
    })
    assert.ok(
      deep.usageAggregation.items.some(
        (i) => i.compartmentPath === 'example/platform/prod' && i.service === 'Compute',
      ),
    )
    const spikeDay = day(costSpike.daysAgo)
    const byResource = await request({
      groupBy: ['resourceName'],
      timeUsageStarted: spikeDay,
      timeUsageEnded: new Date(spikeDay.getTime() + DAY),
      filter: { dimensions: [{ key: 'service', value: 'Compute' }] },
    })
    const top = [...byResource.usageAggregation.items].sort(
      (a, b) => (b.computedAmount ?? 0) - (a.computedAmount ?? 0),
    )[0]
    assert.equal(top.resourceName, 'batch-worker-1', 'the spike is batch-worker-1')
  })

  it('filters with nested AND / OR / NOT', async () => {
    const r = await request({
      groupBy: ['service'],
      isAggregateByTime: true,
      filter: {
        operator: usageapi.models.Filter.Operator.Or,
        dimensions: [
          { key: 'service', value: 'Database' },
          { key: 'service', value: 'Networking' },
        ],
      },
    })
    assert.deepEqual(r.usageAggregation.items.map((i) => i.service).sort(), ['Database', 'Networking'])
    const not = await request({
      groupBy: ['service'],
      isAggregateByTime: true,
      filter: {
        operator: usageapi.models.Filter.Operator.Not,
        dimensions: [{ key: 'compartmentName', value: 'prod' }],
      },
    })
    assert.deepEqual(not.usageAggregation.items.map((i) => i.service).sort(), [
      'Database',
      'Networking',
      'Object Storage',
    ])
  })

  it('answers MONTHLY granularity with one item per month and group', async () => {
    const start = new Date(Date.UTC(new Date(today).getUTCFullYear(), new Date(today).getUTCMonth() - 2, 1))
    const end = new Date(Date.UTC(new Date(today).getUTCFullYear(), new Date(today).getUTCMonth() + 1, 1))
    const r = await request({
      granularity: Details.Granularity.Monthly,
      timeUsageStarted: start,
      timeUsageEnded: end,
      groupBy: ['service'],
    })
    const months = new Set(
      r.usageAggregation.items.map((i) => new Date(i.timeUsageStarted).toISOString().slice(0, 7)),
    )
    assert.equal(months.size, 3)
    assert.equal(r.usageAggregation.items.length, 3 * usageServices.length)
    const daily = await request({ groupBy: ['service'], timeUsageStarted: start, timeUsageEnded: end })
    const sum = (items: usageapi.models.UsageSummary[]) =>
      items.reduce((a, i) => a + (i.computedAmount ?? 0), 0)
    assert.ok(
      Math.abs(sum(r.usageAggregation.items) - sum(daily.usageAggregation.items)) < 0.01,
      'months add up the days',
    )
  })

  it('answers USAGE queries with quantities and no amounts, like the published response', async () => {
    const r = await request({
      queryType: Details.QueryType.Usage,
      groupBy: ['service', 'compartmentPath'],
      compartmentDepth: 2,
    })
    const item = r.usageAggregation.items[0]
    assert.equal(item.computedAmount, null)
    assert.equal(item.currency, ' ')
    assert.ok((item.computedQuantity ?? 0) > 0)
    assert.deepEqual(item.tags, [{ namespace: null, key: null, value: null }])
  })

  it('pages with limit and opc-next-page', async () => {
    const first = await request({ groupBy: ['service'] }, { limit: 100 })
    assert.equal(first.usageAggregation.items.length, 100)
    assert.ok(first.opcNextPage)
    const second = await request({ groupBy: ['service'] }, { limit: 100, page: first.opcNextPage })
    assert.equal(second.usageAggregation.items.length, 50)
    assert.equal(second.opcNextPage, undefined)
  })

  it('validates like OCI: midnight UTC, ordered times, known groupBy, own tenancy', async () => {
    const notMidnight = await ociError(request({ timeUsageStarted: new Date(today - 30 * DAY + 3_600_000) }))
    assert.equal(notMidnight.statusCode, 400)
    assert.equal(notMidnight.serviceCode, 'InvalidParameter')
    assert.match(notMidnight.message, /midnight UTC/)
    const reversed = await ociError(request({ timeUsageStarted: day(1), timeUsageEnded: day(5) }))
    assert.equal(reversed.statusCode, 400)
    const badGroup = await ociError(request({ groupBy: ['colour'] }))
    assert.equal(badGroup.statusCode, 400)
    assert.match(badGroup.message, /groupBy/)
    const total = await ociError(request({ granularity: Details.Granularity.Total }))
    assert.equal(total.statusCode, 400)
    const other = await ociError(request({ tenantId: 'ocid1.tenancy.oc1..aaaaaaaaothertenancy' }))
    assert.equal(other.statusCode, 404)
  })

  it('adds a BASIC forecast when asked', async () => {
    const r = await request({
      groupBy: ['service'],
      timeUsageStarted: day(7),
      timeUsageEnded: day(0),
      forecast: {
        forecastType: usageapi.models.Forecast.ForecastType.Basic,
        timeForecastEnded: new Date(today + 8 * DAY),
      },
    })
    const forecast = r.usageAggregation.items.filter((i) => i.isForecast)
    assert.equal(forecast.length, 7 * usageServices.length)
  })
})

describe('RequestSummarizedConfigurations', () => {
  it('lists the groupBy dimensions', async () => {
    const r = await client.requestSummarizedConfigurations({ tenantId: TENANCY_ID })
    const groupBy = r.configurationAggregation.items.find((c) => c.key === 'groupBy')
    assert.ok(groupBy?.values?.includes('service'))
  })
})
