// The pure statistics of the cost group: medians, MAD, modified z-scores, weekday adjustment, regression.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { costSpike, usageServices } from '../../infra/local/seed.ts'
import {
  detectSeriesAnomalies,
  linearRegression,
  median,
  medianAbsoluteDeviation,
  modifiedZScores,
  type Series,
  weekdayFactors,
} from './statistics.ts'

/** Deterministic noise in [-1, 1). */
function noise(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1
  }
}

const TODAY = new Date('2026-03-18T00:00:00Z')
const dayBefore = (n: number) => new Date(TODAY.getTime() - n * 86_400_000).toISOString().slice(0, 10)

/** The seeded tenancy's story: every service daily, quieter weekends, ±4 % noise, the Compute spike. */
function seededSeries(days: number, weekend = 0.7): Series<{ service: string; compartment: string }>[] {
  return usageServices.map((s, i) => {
    const rand = noise(i + 1)
    const points = []
    for (let n = days; n >= 1; n--) {
      const day = dayBefore(n)
      const dow = new Date(`${day}T00:00:00Z`).getUTCDay()
      let cost = s.dailyCost * (dow === 0 || dow === 6 ? weekend : 1) * (1 + 0.04 * rand())
      if (
        s.service === costSpike.service &&
        s.compartment === costSpike.compartment &&
        n === costSpike.daysAgo
      )
        cost *= costSpike.factor
      points.push({ day, cost })
    }
    return { key: { service: s.service, compartment: s.compartment }, points }
  })
}

describe('robust statistics', () => {
  test('median and MAD of odd and even lists', () => {
    assert.equal(median([3, 1, 2]), 2)
    assert.equal(median([4, 1, 3, 2]), 2.5)
    assert.ok(Number.isNaN(median([])))
    // deviations from 3: 2 1 0 1 97 → median 1
    assert.equal(medianAbsoluteDeviation([1, 2, 3, 4, 100]), 1)
  })

  test('modified z-score is 0.6745·(x − median)/MAD', () => {
    const r = modifiedZScores([10, 11, 9, 10, 12, 8, 40])
    assert.equal(r.method, 'mad')
    assert.equal(r.median, 10)
    assert.equal(r.mad, 1)
    assert.ok(Math.abs(r.scores[6] - 0.6745 * 30) < 1e-9)
    assert.ok(Math.abs(r.scores[4] - 0.6745 * 2) < 1e-9)
  })

  test('MAD 0: the mean absolute deviation takes over, and one outlier is still found', () => {
    const values = [5, 5, 5, 5, 5, 5, 5, 5, 5, 25]
    const r = modifiedZScores(values)
    assert.equal(r.mad, 0)
    assert.equal(r.method, 'mean_absolute_deviation')
    // MeanAD = 20/10 = 2 → z = 20 / (1.253314·2)
    assert.ok(Math.abs(r.scores[9] - 20 / (1.253314 * 2)) < 1e-9)
    assert.ok(r.scores.slice(0, 9).every((z) => z === 0))
    const points = values.map((cost, i) => ({ day: dayBefore(10 - i), cost }))
    const found = detectSeriesAnomalies([{ key: 'flat', points }])
    assert.deepEqual(
      found.map((a) => [a.day, a.cost, a.method]),
      [[dayBefore(1), 25, 'mean_absolute_deviation']],
    )
  })

  test('a constant series has no spread and no anomalies', () => {
    const r = modifiedZScores([7, 7, 7, 7])
    assert.equal(r.method, 'constant')
    assert.deepEqual(r.scores, [0, 0, 0, 0])
    const points = Array.from({ length: 14 }, (_, i) => ({ day: dayBefore(14 - i), cost: 0 }))
    assert.deepEqual(detectSeriesAnomalies([{ key: 'zero', points }]), [])
  })
})

describe('anomalies in the seeded usage', () => {
  for (const weekend of [1, 0.7]) {
    test(`the Compute spike in platform/prod ${costSpike.daysAgo} days ago is the only one (weekend ×${weekend})`, () => {
      const found = detectSeriesAnomalies(seededSeries(30, weekend), { weekly: true })
      assert.equal(found.length, 1, JSON.stringify(found))
      const [a] = found
      assert.deepEqual(a.key, { service: 'Compute', compartment: 'platformprod' })
      assert.equal(a.day, dayBefore(costSpike.daysAgo))
      assert.equal(a.direction, 'spike')
      assert.ok(a.z > 3.5)
      assert.ok(a.ratio !== null && Math.abs(a.ratio - costSpike.factor) < 0.4, String(a.ratio))
      assert.ok(Math.abs(a.expected - 120) < 10, String(a.expected))
    })
  }

  test('without the weekday adjustment, strong weekends are flagged as drops; with it they are not', () => {
    const series = seededSeries(30, 0.5)
    const plain = detectSeriesAnomalies(series, { direction: 'drops' })
    assert.ok(plain.length > 0, 'weekend drops expected without adjustment')
    assert.deepEqual(detectSeriesAnomalies(series, { direction: 'drops', weekly: true }), [])
  })

  test('threshold, direction and minimum median filter the result', () => {
    const series = seededSeries(30)
    assert.deepEqual(detectSeriesAnomalies(series, { direction: 'drops', weekly: true }), [])
    assert.equal(detectSeriesAnomalies(series, { threshold: 1000, weekly: true }).length, 0)
    assert.equal(detectSeriesAnomalies(series, { minMedian: 500, weekly: true }).length, 0)
    assert.equal(detectSeriesAnomalies(series, { minPoints: 31 }).length, 0)
  })

  test('weekday factors need three weeks and a typical level', () => {
    assert.equal(weekdayFactors(seededSeries(14)[0].points), undefined)
    const f = weekdayFactors(seededSeries(28, 0.5)[1].points)
    assert.ok(f)
    assert.ok(f[0] < 0.6 && f[6] < 0.6 && f[3] > 0.9, JSON.stringify(f))
    assert.equal(weekdayFactors(seededSeries(28, 1)[1].points), undefined, 'noise is not rhythm')
  })

  test('a steady series does not report changes smaller than min change', () => {
    const points = Array.from({ length: 28 }, (_, i) => ({
      day: dayBefore(28 - i),
      cost: 100 + (i % 3) * 0.1,
    }))
    points[20].cost = 110
    assert.deepEqual(detectSeriesAnomalies([{ key: 's', points }]), [])
    assert.equal(detectSeriesAnomalies([{ key: 's', points }], { minChange: 0.05 }).length, 1)
  })
})

describe('linear regression', () => {
  test('an exact line fits with R² 1 and extrapolates', () => {
    const fit = linearRegression([100, 110, 120, 130])
    assert.ok(Math.abs(fit.slope - 10) < 1e-9)
    assert.ok(Math.abs(fit.intercept - 100) < 1e-9)
    assert.equal(fit.rSquared, 1)
    assert.ok(Math.abs(fit.at(5) - 150) < 1e-9)
  })

  test('flat values have no R²; noisy values a partial one', () => {
    assert.equal(linearRegression([3, 3, 3]).rSquared, null)
    const r2 = linearRegression([1, 3, 2, 4]).rSquared as number
    assert.ok(r2 > 0 && r2 < 1)
    assert.throws(() => linearRegression([]), TypeError)
  })
})
