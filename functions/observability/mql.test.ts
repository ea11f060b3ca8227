// MQL helpers: interval choice under the point budget, query scanning, shape checks and interval rewriting.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { chooseInterval, INTERVAL_LADDER, intervalMs, pointCount, prepareQuery, scanMql } from './mql.ts'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

const codeOf = (fn: () => unknown) => {
  try {
    fn()
  } catch (error) {
    return (error as { code?: string }).code
  }
  return 'no error'
}

describe('intervals', () => {
  it('accepts what MQL accepts', () => {
    assert.equal(intervalMs('1m'), MIN)
    assert.equal(intervalMs('60m'), HOUR)
    assert.equal(intervalMs('24h'), DAY)
    assert.equal(intervalMs('1d'), DAY)
    for (const bad of ['0m', '61m', '25h', '2d', '1w', '1', 'm', '5s', 'auto'])
      assert.equal(intervalMs(bad), undefined)
    for (const step of INTERVAL_LADDER) assert.ok(intervalMs(step), step)
  })

  it('chooses the finest interval that keeps at most 300 points', () => {
    assert.equal(chooseInterval(HOUR), '1m')
    assert.equal(chooseInterval(5 * HOUR), '1m')
    assert.equal(chooseInterval(6 * HOUR), '5m')
    assert.equal(chooseInterval(DAY), '5m')
    assert.equal(chooseInterval(2 * DAY), '10m')
    assert.equal(chooseInterval(7 * DAY), '1h')
    assert.equal(chooseInterval(14 * DAY), '2h')
    assert.equal(chooseInterval(90 * DAY), '12h')
    for (const range of [MIN, HOUR, 6 * HOUR, DAY, 3 * DAY, 14 * DAY, 60 * DAY, 90 * DAY]) {
      const step = intervalMs(chooseInterval(range)) as number
      assert.ok(pointCount(range, step) <= 300, `range ${range}`)
    }
    assert.equal(chooseInterval(DAY, 24), '1h')
  })
})

describe('scanMql', () => {
  it('finds metrics, intervals and functions, not dimensions or function arguments', () => {
    const q =
      'CpuUtilization[1m]{resourceId = "ocid1.instance.oc1..a[b]", ad = "x"}.groupBy(availabilityDomain).percentile(0.9) > 85'
    const { metrics, functions } = scanMql(q)
    assert.deepEqual(
      metrics.map((m) => [m.name, m.interval?.text]),
      [['CpuUtilization', '1m']],
    )
    assert.deepEqual(functions, ['groupBy', 'percentile'])
  })

  it('handles joins, nesting and metrics without an interval', () => {
    const { metrics } = scanMql(
      '(CpuUtilization[5m].mean() && MemoryUtilization.max()) || DiskBytesRead{a="b"}.sum()',
    )
    assert.deepEqual(
      metrics.map((m) => [m.name, m.interval?.text]),
      [
        ['CpuUtilization', '5m'],
        ['MemoryUtilization', undefined],
        ['DiskBytesRead', undefined],
      ],
    )
  })

  it('keeps dotted custom metric names whole', () => {
    const { metrics } = scanMql('app.requests.latency[1m].mean()')
    assert.equal(metrics[0].name, 'app.requests.latency')
  })

  it('refuses unbalanced quotes, braces, parentheses and stray brackets', () => {
    for (const bad of [
      'CpuUtilization[1m]{a = "b}.mean()',
      'CpuUtilization[1m]{a = "b".mean()',
      'CpuUtilization[1m].mean(',
      'CpuUtilization[1m].mean())',
      'CpuUtilization[1m.mean()',
      'CpuUtilization[1m].mean()[5m]',
    ]) {
      assert.equal(
        codeOf(() => scanMql(bad)),
        'ERR_INPUT_INVALID',
        bad,
      )
    }
  })
})

describe('prepareQuery', () => {
  it('keeps a query whose interval fits, and uses the interval as resolution', () => {
    const p = prepareQuery('CpuUtilization[1m]{resourceId = "x"}.mean()', HOUR)
    assert.equal(p.query, 'CpuUtilization[1m]{resourceId = "x"}.mean()')
    assert.equal(p.resolution, '1m')
    assert.equal(p.maxPoints, 60)
    assert.equal(p.note, undefined)
  })

  it('fills in [auto] and missing intervals with the chosen one', () => {
    const auto = prepareQuery('CpuUtilization[auto].max()', DAY)
    assert.equal(auto.query, 'CpuUtilization[5m].max()')
    assert.equal(auto.resolution, '5m')
    assert.match(auto.note as string, /\[auto\] became \[5m\]/)
    const missing = prepareQuery(
      'CpuUtilization{a = "b"}.mean() > 80 && MemoryUtilization.mean() > 80',
      7 * DAY,
    )
    assert.equal(
      missing.query,
      'CpuUtilization[1h]{a = "b"}.mean() > 80 && MemoryUtilization[1h].mean() > 80',
    )
  })

  it('raises an interval that would give more than 300 points, and says so', () => {
    const p = prepareQuery('CpuUtilization[1m].mean()', DAY)
    assert.equal(p.query, 'CpuUtilization[5m].mean()')
    assert.ok(p.maxPoints <= 300)
    assert.match(p.note as string, /raised to \[5m\]/)
    const coarse = prepareQuery('CpuUtilization[1h].mean()', HOUR * 3)
    assert.equal(coarse.query, 'CpuUtilization[1h].mean()')
    assert.equal(coarse.maxPoints, 3)
  })

  it('checks an explicit resolution against the interval and the point budget', () => {
    assert.equal(prepareQuery('CpuUtilization[5m].mean()', HOUR, { resolution: '1m' }).resolution, '1m')
    assert.equal(
      codeOf(() => prepareQuery('CpuUtilization[5m].mean()', HOUR, { resolution: '10m' })),
      'ERR_INPUT_INVALID',
    )
    assert.equal(
      codeOf(() => prepareQuery('CpuUtilization[1h].mean()', 7 * DAY, { resolution: '1m' })),
      'ERR_INPUT_INVALID',
    )
    assert.equal(
      codeOf(() => prepareQuery('CpuUtilization[1h].mean()', DAY, { resolution: '7m7' })),
      'ERR_INPUT_INVALID',
    )
  })

  it('refuses queries of the wrong shape', () => {
    for (const bad of [
      '',
      '   ',
      'CpuUtilization[1m]',
      'CpuUtilization[1m].grouping()',
      'CpuUtilization[1m].average()',
      'CpuUtilization[90s].mean()',
      '"CpuUtilization"[1m].mean()',
      '85 > 1',
      `CpuUtilization[1m]{a = "${'x'.repeat(2000)}"}.mean()`,
    ]) {
      assert.equal(
        codeOf(() => prepareQuery(bad, HOUR)),
        'ERR_INPUT_INVALID',
        bad.slice(0, 60),
      )
    }
  })
})
