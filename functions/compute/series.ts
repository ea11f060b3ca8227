// Pure helpers over metric series: merging streams, statistics, a one-line sparkline, and what stands out.

export interface Point {
  timestamp: string
  value: number
}

export interface SeriesStats {
  min?: number
  mean?: number
  max?: number
  latest?: Point
}

/** Several streams of one metric (e.g. one per VNIC) as one series: per timestamp, summed or averaged. */
export function mergeStreams(streams: Point[][], how: 'sum' | 'mean'): Point[] {
  if (streams.length === 1) return [...streams[0]].sort((a, b) => a.timestamp.localeCompare(b.timestamp))
  const byTime = new Map<string, number[]>()
  for (const stream of streams) {
    for (const p of stream) byTime.set(p.timestamp, [...(byTime.get(p.timestamp) ?? []), p.value])
  }
  return [...byTime.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([timestamp, values]) => {
      const sum = values.reduce((s, v) => s + v, 0)
      return { timestamp, value: how === 'sum' ? sum : sum / values.length }
    })
}

const round = (n: number) => Math.round(n * 100) / 100

export function stats(points: Point[]): SeriesStats {
  const values = points.map((p) => p.value).filter(Number.isFinite)
  if (values.length === 0) return {}
  return {
    min: round(Math.min(...values)),
    mean: round(values.reduce((s, v) => s + v, 0) / values.length),
    max: round(Math.max(...values)),
    latest: points[points.length - 1],
  }
}

const BARS = '▁▂▃▄▅▆▇█'

/** The series in at most `width` characters: each the mean of its share of points, scaled to [floor, ceiling]. */
export function sparkline(points: Point[], width = 24, floor?: number, ceiling?: number): string {
  if (points.length === 0) return ''
  const buckets = Math.min(width, points.length)
  const means = Array.from({ length: buckets }, (_, b) => {
    const slice = points.slice(
      Math.floor((b * points.length) / buckets),
      Math.floor(((b + 1) * points.length) / buckets),
    )
    return slice.reduce((s, p) => s + p.value, 0) / slice.length
  })
  const lo = floor ?? Math.min(...means)
  const hi = ceiling ?? Math.max(...means)
  return means
    .map((v) => {
      const share = hi > lo ? (Math.min(Math.max(v, lo), hi) - lo) / (hi - lo) : 0
      return BARS[Math.round(share * (BARS.length - 1))]
    })
    .join('')
}

export interface MetricSummary extends SeriesStats {
  name: string
  points: Point[]
}

/** The start of the run of points at or above `threshold` that ends with the latest point, if the latest is. */
export function highSince(points: Point[], threshold: number): Point | undefined {
  let since: Point | undefined
  for (let i = points.length - 1; i >= 0 && points[i].value >= threshold; i--) since = points[i]
  return since
}

const minutesBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 60_000)
const duration = (minutes: number) =>
  minutes >= 120 ? `${Math.round(minutes / 6) / 10} h` : `${Math.max(minutes, 1)} min`

const SATURATED = 90

/** Saturation (and since when), idleness and missing data, in words a model can act on. */
export function observations(metrics: MetricSummary[], lifecycleState: string): string[] {
  const running = lifecycleState === 'RUNNING'
  if (metrics.length > 0 && metrics.every((m) => m.points.length === 0)) {
    return [
      running
        ? 'No data for any metric in this window: check that the Oracle Cloud Agent’s Compute Instance Monitoring plugin is enabled and the instance can reach the Monitoring service.'
        : `No data in this window: the instance is ${lifecycleState}, so it publishes no metrics.`,
    ]
  }
  const notes: string[] = []
  for (const m of metrics) {
    const label =
      m.name === 'cpu' ? 'CPU' : m.name === 'memory' ? 'Memory' : `Network bytes ${m.name.slice(8)}`
    if (m.points.length === 0) {
      notes.push(`No ${label} data in this window.`)
      continue
    }
    if (m.name !== 'cpu' && m.name !== 'memory') continue
    const { mean = 0, max = 0, latest } = m
    const since = highSince(m.points, SATURATED)
    const run =
      since && latest
        ? ` — at or above ${SATURATED}% since ${since.timestamp} (${duration(minutesBetween(since.timestamp, latest.timestamp))} up to the latest point)`
        : ''
    if (mean >= SATURATED) {
      notes.push(`${label} saturated: mean ${mean}% (max ${max}%) over the window${run}.`)
    } else if (latest && latest.value >= SATURATED) {
      notes.push(`${label} high now: ${round(latest.value)}% (window mean ${mean}%)${run}.`)
    } else if (m.name === 'cpu' && max < 5 && running) {
      notes.push(`CPU nearly idle: never above ${max}% — the shape may be larger than needed.`)
    }
  }
  return notes
}
