// Monitoring Query Language (MQL), lightly: find the metrics and intervals of a query, check its shape, and
// choose the interval and resolution that keep a series at or under a point budget. OCI remains the judge.
import { McpFunctionsError } from '../core/errors.ts'
import { formatDuration } from './time-range.ts'

/** Steps the interval is chosen from: each is a value MQL accepts (1m–60m, 1h–24h, 1d). */
export const INTERVAL_LADDER = ['1m', '5m', '10m', '15m', '30m', '1h', '2h', '3h', '6h', '12h', '1d'] as const

/** Statistics and grouping functions MQL knows; a query needs at least one statistic. */
export const STATISTICS = [
  'absent',
  'count',
  'first',
  'last',
  'max',
  'mean',
  'min',
  'percentile',
  'rate',
  'sum',
] as const
const GROUPING = ['grouping', 'groupBy'] as const

export const MAX_QUERY_LENGTH = 2000
export const DEFAULT_MAX_POINTS = 300

/** `5m` → 300000 when MQL accepts it as an interval or resolution (1m–60m, 1h–24h, 1d); else undefined. */
export function intervalMs(text: string): number | undefined {
  const m = /^(\d{1,2})([mhd])$/.exec(text)
  if (!m) return undefined
  const n = Number(m[1])
  const limits = { m: [1, 60, 60_000], h: [1, 24, 3_600_000], d: [1, 1, 86_400_000] } as const
  const [min, max, unit] = limits[m[2] as keyof typeof limits]
  return n >= min && n <= max ? n * unit : undefined
}

/** The finest ladder step that keeps `rangeMs` at or under `maxPoints` points. */
export function chooseInterval(rangeMs: number, maxPoints = DEFAULT_MAX_POINTS): string {
  for (const step of INTERVAL_LADDER) {
    if (Math.ceil(rangeMs / (intervalMs(step) as number)) <= maxPoints) return step
  }
  return INTERVAL_LADDER[INTERVAL_LADDER.length - 1]
}

export const pointCount = (rangeMs: number, stepMs: number) => Math.ceil(rangeMs / stepMs)

export interface MetricRef {
  name: string
  /** Offset just after the name, where an interval goes. */
  nameEnd: number
  /** The `[…]` after the name: its text and span (brackets included), when present. */
  interval?: { text: string; start: number; end: number }
}

const invalid = (message: string, hint?: string) =>
  new McpFunctionsError('ERR_INPUT_INVALID', `MQL: ${message}`, {
    hint:
      hint ??
      'An MQL query reads MetricName[interval]{dimension = "value"}.statistic(), e.g. CpuUtilization[5m]{resourceId = "ocid1…"}.mean(). Use observability_list_metrics for names and dimensions.',
  })

const NAME_START = /[A-Za-z]/
const NAME_CHAR = /[A-Za-z0-9_.$-]/

/**
 * Scans a query for metric references: names outside dimension braces and outside function arguments. Throws
 * ERR_INPUT_INVALID on unbalanced quotes, braces, parentheses or brackets.
 */
export function scanMql(query: string): { metrics: MetricRef[]; functions: string[] } {
  const metrics: MetricRef[] = []
  const functions: string[] = []
  /** Open parentheses: true when they hold a function's arguments, false for grouping. */
  const parens: boolean[] = []
  let braces = 0
  let i = 0
  let previous = '' // last significant character before i
  while (i < query.length) {
    const ch = query[i]
    if (ch === '"') {
      let j = i + 1
      while (j < query.length && query[j] !== '"') j += query[j] === '\\' ? 2 : 1
      if (j >= query.length) throw invalid('a double quote is not closed')
      i = j + 1
      previous = '"'
      continue
    }
    if (/\s/.test(ch)) {
      i += 1
      continue
    }
    if (ch === '{') braces += 1
    else if (ch === '}' && --braces < 0) throw invalid('a } has no matching {')
    else if (ch === ')' && parens.pop() === undefined) throw invalid('a ) has no matching (')
    else if (ch === '(') parens.push(false)
    else if (ch === '[' || ch === ']') throw invalid(`a ${ch} stands where no interval can be`)
    if (/[0-9]/.test(ch)) {
      // A number such as 85, 0.9 or 1e3: its letters are no metric name.
      while (i < query.length && /[A-Za-z0-9_.]/.test(query[i])) i += 1
      previous = '0'
      continue
    }
    if (!NAME_START.test(ch)) {
      previous = ch
      i += 1
      continue
    }
    let j = i
    while (j < query.length && NAME_CHAR.test(query[j])) j += 1
    let k = j
    while (k < query.length && /\s/.test(query[k])) k += 1
    const afterDot = previous === '.'
    if (query[k] === '(') {
      // `name(` or `Metric.fn(`: a function call, possibly glued to a dotted metric name before it.
      const word = query.slice(i, j)
      const dot = word.lastIndexOf('.')
      const fn = dot >= 0 ? word.slice(dot + 1) : word
      if (dot > 0 && !afterDot && braces === 0 && parens.every((p) => !p)) {
        metrics.push({ name: word.slice(0, dot), nameEnd: i + dot })
      }
      functions.push(fn)
      parens.push(true)
      i = k + 1
      previous = '('
      continue
    }
    if (!afterDot && braces === 0 && parens.every((p) => !p)) {
      const ref: MetricRef = { name: query.slice(i, j), nameEnd: j }
      if (query[k] === '[') {
        const close = query.indexOf(']', k)
        if (close < 0) throw invalid('an interval [ is not closed')
        ref.interval = { text: query.slice(k + 1, close).trim(), start: k, end: close + 1 }
        j = close + 1
      }
      metrics.push(ref)
    }
    previous = query[j - 1]
    i = j
  }
  if (braces > 0) throw invalid('a { is not closed')
  if (parens.length > 0) throw invalid('a ( is not closed')
  return { metrics, functions }
}

export interface PreparedQuery {
  /** The query to send, with every interval set. */
  query: string
  /** The interval of the query's metrics after preparation. */
  interval: string
  /** The resolution to send: the one asked for, else the interval. */
  resolution: string
  /** Points each series will have at most. */
  maxPoints: number
  /** Set when intervals were filled in or raised; says how, for the result. */
  note?: string
}

/**
 * Checks a query's shape and sets its intervals for a range: `[auto]` or a missing interval becomes the
 * chosen one, and an interval that would give more than `maxPoints` points is raised to it.
 */
export function prepareQuery(
  query: string,
  rangeMs: number,
  options: { resolution?: string; maxPoints?: number } = {},
): PreparedQuery {
  const maxPoints = options.maxPoints ?? DEFAULT_MAX_POINTS
  const text = query.trim()
  if (text.length === 0) throw invalid('the query is empty')
  if (text.length > MAX_QUERY_LENGTH) throw invalid(`the query is longer than ${MAX_QUERY_LENGTH} characters`)
  if (!NAME_START.test(text[0]) && text[0] !== '(') throw invalid('a query starts with a metric name')
  const { metrics, functions } = scanMql(text)
  if (metrics.length === 0) throw invalid('no metric name found')
  const known = new Set<string>([...STATISTICS, ...GROUPING])
  const unknown = functions.filter((f) => !known.has(f))
  if (unknown.length > 0) {
    throw invalid(
      `unknown function ${unknown.map((f) => `${f}()`).join(', ')}`,
      `Statistics are ${STATISTICS.map((s) => `${s}()`).join(', ')}; grouping functions are grouping() and groupBy(dimension).`,
    )
  }
  if (!functions.some((f) => (STATISTICS as readonly string[]).includes(f))) {
    throw invalid('the query has no statistic', `End the metric with a statistic such as .mean() or .max().`)
  }
  const auto = chooseInterval(rangeMs, maxPoints)
  const autoMs = intervalMs(auto) as number
  const notes: string[] = []
  const edits: { start: number; end: number; text: string }[] = []
  let finest = Number.POSITIVE_INFINITY
  let finestText = auto
  for (const metric of metrics) {
    let chosen = auto
    if (!metric.interval) {
      edits.push({ start: metric.nameEnd, end: metric.nameEnd, text: `[${auto}]` })
      notes.push(`${metric.name}: interval ${auto} added`)
    } else if (metric.interval.text.toLowerCase() === 'auto') {
      edits.push({ start: metric.interval.start, end: metric.interval.end, text: `[${auto}]` })
      notes.push(`${metric.name}: [auto] became [${auto}]`)
    } else {
      const ms = intervalMs(metric.interval.text)
      if (ms === undefined) {
        throw invalid(
          `[${metric.interval.text}] is not an interval`,
          'Intervals are 1m–60m, 1h–24h or 1d, or [auto] to let this tool choose.',
        )
      }
      if (pointCount(rangeMs, ms) > maxPoints && ms < autoMs) {
        edits.push({ start: metric.interval.start, end: metric.interval.end, text: `[${auto}]` })
        notes.push(
          `${metric.name}: [${metric.interval.text}] raised to [${auto}] to keep at most ${maxPoints} points over ${formatDuration(rangeMs)}`,
        )
      } else chosen = metric.interval.text
    }
    const ms = intervalMs(chosen) as number
    if (ms < finest) {
      finest = ms
      finestText = chosen
    }
  }
  let resolution = finestText
  if (options.resolution !== undefined) {
    const ms = intervalMs(options.resolution)
    if (ms === undefined) {
      throw invalid(`resolution ${options.resolution} is not valid`, 'Use 1m–60m, 1h–24h or 1d.')
    }
    if (ms > finest) {
      throw invalid(
        `resolution ${options.resolution} is coarser than the query's interval ${finestText}`,
        'OCI needs the resolution at or below the interval: omit resolution, or raise the interval.',
      )
    }
    if (pointCount(rangeMs, ms) > maxPoints) {
      throw invalid(
        `resolution ${options.resolution} gives ${pointCount(rangeMs, ms)} points over ${formatDuration(rangeMs)}; at most ${maxPoints} are returned`,
        `Omit resolution (it follows the interval), use ${auto} or coarser, or shorten the range.`,
      )
    }
    resolution = options.resolution
  }
  let prepared = text
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    prepared = prepared.slice(0, edit.start) + edit.text + prepared.slice(edit.end)
  }
  return {
    query: prepared,
    interval: finestText,
    resolution,
    maxPoints: pointCount(rangeMs, intervalMs(resolution) as number),
    note: notes.length ? notes.join('; ') : undefined,
  }
}
