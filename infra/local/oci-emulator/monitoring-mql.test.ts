// Unit tests of the MQL subset: parsing, dimension filters, grouping, statistics, windows and conditions.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { MetricStream } from './seed-metrics.ts'
import { evaluate, MqlError, parseMql } from './services/monitoring-mql.ts'

const stream = (
  name: string,
  dimensions: Record<string, string>,
  valueAt: (m: number) => number,
): MetricStream => ({
  definition: { namespace: 'test', name, displayName: name, unit: 'count' },
  compartmentId: 'c',
  dimensions,
  valueAt,
})

// Minute m of the epoch: a = m, b = 10 * m (both ramps), c only in another metric.
const streams = [
  stream('Requests', { host: 'web-1', zone: 'a' }, (m) => m),
  stream('Requests', { host: 'web-2', zone: 'a' }, (m) => 10 * m),
  stream('Requests', { host: 'db-1', zone: 'b' }, () => 5),
  stream('Other', { host: 'web-1', zone: 'a' }, () => 1),
]
const window = (fromMinute: number, toMinute: number, stepMinutes = 1) => ({
  startMs: fromMinute * 60_000,
  endMs: toMinute * 60_000,
  stepMs: stepMinutes * 60_000,
  firstMinute: 0,
  lastMinute: 1_000_000,
})

describe('parseMql', () => {
  it('reads metric, interval, filters, grouping, statistic and condition', () => {
    const q = parseMql(
      'Requests[5m]{host =~ "web-*", zone = "a" || zone = "b"}.groupBy(zone).percentile(0.9) >= 3',
    )
    assert.equal(q.metric, 'Requests')
    assert.equal(q.intervalMs, 300_000)
    assert.deepEqual(q.filters, [
      [{ dimension: 'host', op: '=~', value: 'web-*' }],
      [
        { dimension: 'zone', op: '=', value: 'a' },
        { dimension: 'zone', op: '=', value: 'b' },
      ],
    ])
    assert.deepEqual(q.grouping, { kind: 'groupBy', dimensions: ['zone'] })
    assert.equal(q.statistic, 'percentile')
    assert.equal(q.percentile, 0.9)
    assert.deepEqual(q.condition, { op: '>=', value: 3 })
    assert.equal(parseMql('Requests[1d].grouping().sum() not in (1, 2)').condition?.op, 'not in')
    assert.equal(parseMql('X[1m]{v = "a \\"quoted\\" b"}.max()').filters[0][0].value, 'a "quoted" b')
  })

  it('rejects what MQL does not accept, saying where', () => {
    for (const [query, message] of [
      ['', /empty/],
      ['Requests.mean()', /expected '\['/],
      ['Requests[90m].mean()', /interval '90m'/],
      ['Requests[1m]{host = web}.mean()', /double-quoted/],
      ['Requests[1m]{host = "a"', /position/],
      ['Requests[1m].grouping()', /statistic/],
      ['Requests[1m].mean().max()', /one statistic/],
      ['Requests[1m].mean() > 1 extra', /end of the query/],
    ] as const) {
      assert.throws(
        () => parseMql(query),
        (e: Error) => e instanceof MqlError && message.test(e.message),
        query,
      )
    }
  })
})

describe('evaluate', () => {
  it('returns one series per stream, aggregating each window', () => {
    const series = evaluate(parseMql('Requests[5m]{host = "web-1"}.sum()'), streams, window(100, 110, 5))
    assert.equal(series.length, 1)
    assert.deepEqual(series[0].points, [
      { timestamp: 100 * 60_000, value: 100 + 101 + 102 + 103 + 104 },
      { timestamp: 105 * 60_000, value: 105 + 106 + 107 + 108 + 109 },
    ])
  })

  it('slides windows at the resolution step and groups across streams', () => {
    const q = parseMql('Requests[2m]{zone = "a"}.grouping().max()')
    const series = evaluate(q, streams, window(10, 13))
    assert.deepEqual(series[0].dimensions, {})
    assert.deepEqual(
      series[0].points.map((p) => p.value),
      [110, 120, 130],
    )
    const byZone = evaluate(parseMql('Requests[1m].groupBy(zone).count()'), streams, window(10, 11))
    assert.deepEqual(
      byZone.map((s) => [s.dimensions.zone, s.points[0].value]),
      [
        ['a', 2],
        ['b', 1],
      ],
    )
  })

  it('computes mean, min, rate, first, last and percentile', () => {
    const v = (query: string) => evaluate(parseMql(query), streams, window(0, 4, 4))[0].points[0].value
    assert.equal(v('Requests[4m]{host = "web-1"}.mean()'), 1.5)
    assert.equal(v('Requests[4m]{host = "web-1"}.min()'), 0)
    assert.equal(v('Requests[4m]{host = "web-1"}.rate()'), 6 / 240)
    assert.equal(v('Requests[4m]{host = "web-1"}.first()'), 0)
    assert.equal(v('Requests[4m]{host = "web-1"}.last()'), 3)
    // Nearest rank of 0, 0, 1, 2, 3, 10, 20, 30.
    assert.equal(v('Requests[4m]{host =~ "WEB-*"}.grouping().percentile(0.5)'), 2)
  })

  it('keeps only the points that meet the condition, and no data where none exists', () => {
    const series = evaluate(parseMql('Requests[1m]{host = "web-1"}.mean() > 12'), streams, window(10, 15))
    assert.deepEqual(
      series[0].points.map((p) => p.value),
      [13, 14],
    )
    assert.deepEqual(evaluate(parseMql('Requests[1m]{host = "nope"}.mean()'), streams, window(10, 15)), [])
    const clipped = evaluate(parseMql('Requests[1m]{host = "web-1"}.mean()'), streams, {
      ...window(10, 20),
      lastMinute: 14,
    })
    assert.equal(clipped[0].points.length, 5, 'nothing after the last minute of data')
  })
})
