// The statistics behind the cost tools, pure and deterministic: robust anomaly scores and trend forecasts.

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Median absolute deviation from the median. */
export const medianAbsoluteDeviation = (values: readonly number[], center = median(values)) =>
  median(values.map((v) => Math.abs(v - center)))

/** Mean absolute deviation from a center (the median here). */
export const meanAbsoluteDeviation = (values: readonly number[], center: number) =>
  values.length === 0 ? Number.NaN : values.reduce((s, v) => s + Math.abs(v - center), 0) / values.length

/** 0.6745 ≈ Φ⁻¹(0.75): for normal data MAD/0.6745 estimates σ, so the modified z-score reads like a z-score. */
export const MAD_CONSTANT = 0.6745
/** For normal data the mean absolute deviation × 1.253314 (√(π/2)) estimates σ. */
export const MEANAD_CONSTANT = 1.253314
/** Iglewicz and Hoaglin's recommended cut-off for the modified z-score. */
export const DEFAULT_THRESHOLD = 3.5

export type ScaleMethod = 'mad' | 'mean_absolute_deviation' | 'constant'

export interface RobustScores {
  median: number
  mad: number
  /** Which spread measure the scores divide by: MAD, or the mean absolute deviation when MAD is 0. */
  method: ScaleMethod
  scores: number[]
}

/**
 * Modified z-scores (Iglewicz & Hoaglin): 0.6745·(x − median)/MAD. When more than half the values are equal
 * MAD is 0; then (x − median)/(1.253314·MeanAD) is used, and a series with no spread at all scores 0 everywhere.
 */
export function modifiedZScores(values: readonly number[]): RobustScores {
  const med = median(values)
  const mad = medianAbsoluteDeviation(values, med)
  if (mad > 0) {
    return { median: med, mad, method: 'mad', scores: values.map((v) => (MAD_CONSTANT * (v - med)) / mad) }
  }
  const meanAd = meanAbsoluteDeviation(values, med)
  if (meanAd > 0) {
    const scale = MEANAD_CONSTANT * meanAd
    return {
      median: med,
      mad,
      method: 'mean_absolute_deviation',
      scores: values.map((v) => (v - med) / scale),
    }
  }
  return { median: med, mad: 0, method: 'constant', scores: values.map(() => 0) }
}

export interface SeriesPoint {
  /** YYYY-MM-DD */
  day: string
  cost: number
}

export interface Series<K> {
  key: K
  points: SeriesPoint[]
}

export type Direction = 'spikes' | 'drops' | 'both'

export interface Anomaly<K> {
  key: K
  day: string
  cost: number
  /** What the day normally costs: the series median (× the weekday factor when weekly adjustment is on). */
  expected: number
  /** The plain median of the series. */
  median: number
  /** MAD of the (adjusted) series. */
  mad: number
  z: number
  /** cost / expected; null when expected is 0. */
  ratio: number | null
  direction: 'spike' | 'drop'
  method: ScaleMethod
  /** The weekday factor applied, 1 without weekly adjustment. */
  weekdayFactor: number
}

export interface DetectOptions {
  threshold?: number
  direction?: Direction
  /** Series whose median day costs less than this are skipped: noise on pennies is not worth a look. */
  minMedian?: number
  /** Series with fewer points than this are skipped: a median of a few days means little. */
  minPoints?: number
  /** Divide each day by its weekday's typical level first, so quiet weekends are not "anomalies". */
  weekly?: boolean
  /**
   * Smallest relative difference from the expected cost worth reporting (0.2 = 20 %). A very steady series has
   * a tiny MAD, so a few percent would otherwise score past any threshold.
   */
  minChange?: number
}

/** Fewest points for a weekday profile: three of each weekday. */
export const WEEKLY_MIN_POINTS = 21
const MIN_FACTOR = 0.05
/** Weekday factors all within ±10 % of 1 are noise, not rhythm: no adjustment then. */
const MIN_RHYTHM = 0.1
export const DEFAULT_MIN_CHANGE = 0.2

/**
 * Weekday factors (index = UTC day of week): the median of that weekday's costs over the median of all.
 * Undefined when there are too few points, no typical level, or no material rhythm; a weekday that is
 * typically free gets 1.
 */
export function weekdayFactors(points: readonly SeriesPoint[]): number[] | undefined {
  if (points.length < WEEKLY_MIN_POINTS) return undefined
  const overall = median(points.map((p) => p.cost))
  if (!(overall > 0)) return undefined
  const byDay: number[][] = [[], [], [], [], [], [], []]
  for (const p of points) byDay[new Date(`${p.day}T00:00:00Z`).getUTCDay()].push(p.cost)
  const factors = byDay.map((costs) => {
    const f = costs.length ? median(costs) / overall : 1
    return f >= MIN_FACTOR ? f : 1
  })
  return factors.some((f) => Math.abs(f - 1) > MIN_RHYTHM) ? factors : undefined
}

/** Flags points whose |modified z-score| exceeds the threshold, largest first. */
export function detectSeriesAnomalies<K>(
  series: readonly Series<K>[],
  options: DetectOptions = {},
): Anomaly<K>[] {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD
  const direction = options.direction ?? 'spikes'
  const minPoints = options.minPoints ?? 7
  const minChange = options.minChange ?? DEFAULT_MIN_CHANGE
  const found: Anomaly<K>[] = []
  for (const s of series) {
    if (s.points.length < minPoints) continue
    const raw = s.points.map((p) => p.cost)
    const plainMedian = median(raw)
    if (plainMedian < (options.minMedian ?? 0)) continue
    const factors = options.weekly ? weekdayFactors(s.points) : undefined
    const factorOf = (day: string) => factors?.[new Date(`${day}T00:00:00Z`).getUTCDay()] ?? 1
    const adjusted = s.points.map((p) => p.cost / factorOf(p.day))
    const r = modifiedZScores(adjusted)
    r.scores.forEach((z, i) => {
      const up = z > threshold
      const down = z < -threshold
      if (!((up && direction !== 'drops') || (down && direction !== 'spikes'))) return
      const p = s.points[i]
      const factor = factorOf(p.day)
      const expected = r.median * factor
      if (expected > 0 && Math.abs(p.cost - expected) < minChange * expected) return
      found.push({
        key: s.key,
        day: p.day,
        cost: p.cost,
        expected,
        median: plainMedian,
        mad: r.mad,
        z,
        ratio: expected > 0 ? p.cost / expected : null,
        direction: up ? 'spike' : 'drop',
        method: r.method,
        weekdayFactor: factor,
      })
    })
  }
  return found.sort((a, b) => Math.abs(b.z) - Math.abs(a.z))
}

export interface LinearFit {
  slope: number
  intercept: number
  /** Coefficient of determination; 1 for a perfect line, null when the values do not vary. */
  rSquared: number | null
  /** The value the line gives at x. */
  at(x: number): number
}

/** Ordinary least squares of values[i] against i = 0, 1, 2, … */
export function linearRegression(values: readonly number[]): LinearFit {
  const n = values.length
  if (n === 0) throw new TypeError('linearRegression needs at least one value')
  const meanX = (n - 1) / 2
  const meanY = values.reduce((s, v) => s + v, 0) / n
  let sxy = 0
  let sxx = 0
  let syy = 0
  values.forEach((y, x) => {
    sxy += (x - meanX) * (y - meanY)
    sxx += (x - meanX) ** 2
    syy += (y - meanY) ** 2
  })
  const slope = sxx === 0 ? 0 : sxy / sxx
  const intercept = meanY - slope * meanX
  let ssRes = 0
  values.forEach((y, x) => {
    ssRes += (y - (intercept + slope * x)) ** 2
  })
  const rSquared = syy === 0 ? null : Math.max(0, 1 - ssRes / syy)
  return { slope, intercept, rSquared, at: (x) => intercept + slope * x }
}

/** Rounds money to cents for results (sums are kept exact until then). */
export const cents = (n: number) => Math.round(n * 100) / 100
export const round = (n: number, digits = 2) => {
  const f = 10 ** digits
  return Math.round(n * f) / f
}
