// A small Monitoring Query Language (MQL) parser and evaluator: enough of MQL for the queries tools and alarms
// write, with errors that say where a query went wrong.
//
//   query      := Metric '[' interval ']' ( '{' clause (',' | '&&' clause)* '}' )? ('.' call)+ condition?
//   clause     := dimension op "value" ( '||' dimension op "value" )*      op: = != =~ !~
//   call       := statistic '(' ')' | 'percentile(' p ')' | 'grouping()' | 'groupBy(' dim (',' dim)* ')'
//   condition  := ( '>' | '>=' | '<' | '<=' | '==' | '!=' ) number | 'not'? 'in' '(' number ',' number ')'
//
// Intervals: 1m–60m, 1h–24h, 1d. Statistics: mean, max, min, sum, count, rate, percentile(p), first, last.
// `=~` matches with `*` wildcards and `|` alternatives, case-insensitively.

import type { MetricStream } from '../seed-metrics.ts'

export const STATISTICS = [
  'mean',
  'max',
  'min',
  'sum',
  'count',
  'rate',
  'percentile',
  'first',
  'last',
] as const
export type Statistic = (typeof STATISTICS)[number]

export interface DimensionTest {
  dimension: string
  op: '=' | '!=' | '=~' | '!~'
  value: string
}

export type Condition =
  | { op: '>' | '>=' | '<' | '<=' | '==' | '!='; value: number }
  | { op: 'in' | 'not in'; low: number; high: number }

export interface MqlQuery {
  metric: string
  interval: string
  intervalMs: number
  /** Clauses joined by AND; the tests within one clause by OR. */
  filters: DimensionTest[][]
  statistic: Statistic
  /** percentile's p, in (0, 1). */
  percentile?: number
  grouping?: { kind: 'grouping' } | { kind: 'groupBy'; dimensions: string[] }
  condition?: Condition
}

export class MqlError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MqlError'
  }
}

/** `5m` → 300000 for what MQL accepts as an interval or resolution (1m–60m, 1h–24h, 1d); else undefined. */
export function parseInterval(text: string): number | undefined {
  const m = /^(\d{1,2})([mhd])$/.exec(text)
  if (!m) return undefined
  const n = Number(m[1])
  const limits = { m: [1, 60, 60_000], h: [1, 24, 3_600_000], d: [1, 1, 86_400_000] } as const
  const [min, max, ms] = limits[m[2] as keyof typeof limits]
  return n >= min && n <= max ? n * ms : undefined
}

const EXAMPLE = 'CpuUtilization[1m]{resourceId = "<ocid>"}.mean()'

class Parser {
  readonly text: string
  pos = 0

  constructor(text: string) {
    this.text = text
  }

  fail(expected: string): never {
    const found =
      this.pos >= this.text.length ? 'the end of the query' : `'${this.text.slice(this.pos, this.pos + 12)}'`
    throw new MqlError(`expected ${expected} at position ${this.pos}, found ${found}`)
  }

  skip(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++
  }

  peek(s: string): boolean {
    this.skip()
    return this.text.startsWith(s, this.pos)
  }

  eat(s: string): boolean {
    if (!this.peek(s)) return false
    this.pos += s.length
    return true
  }

  expect(s: string, what = `'${s}'`): void {
    if (!this.eat(s)) this.fail(what)
  }

  match(re: RegExp, what: string): string {
    this.skip()
    const m = new RegExp(re.source, 'y')
    m.lastIndex = this.pos
    const r = m.exec(this.text)
    if (!r) this.fail(what)
    this.pos += r[0].length
    return r[0]
  }

  string(): string {
    this.skip()
    if (this.text[this.pos] !== '"') this.fail('a double-quoted dimension value')
    let out = ''
    for (let i = this.pos + 1; i < this.text.length; i++) {
      const ch = this.text[i]
      if (ch === '\\' && i + 1 < this.text.length) {
        out += this.text[++i]
        continue
      }
      if (ch === '"') {
        this.pos = i + 1
        return out
      }
      out += ch
    }
    throw new MqlError(`the dimension value starting at position ${this.pos} has no closing double quote`)
  }

  number(): number {
    return Number(this.match(/-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?/, 'a number'))
  }

  atEnd(): boolean {
    this.skip()
    return this.pos >= this.text.length
  }
}

export function parseMql(text: string): MqlQuery {
  if (text.trim() === '') throw new MqlError(`the query is empty; write for example ${EXAMPLE}`)
  const p = new Parser(text)
  const metric = p.match(/[A-Za-z][A-Za-z0-9_$-]*/, 'a metric name such as CpuUtilization')
  p.expect('[', `'[' and an interval after the metric name, e.g. ${metric}[1m]`)
  const intervalStart = p.pos
  const interval = p.match(/[0-9]+[A-Za-z]+/, 'an interval such as 1m, 5m, 1h or 1d')
  const intervalMs = parseInterval(interval)
  if (intervalMs === undefined) {
    p.pos = intervalStart
    throw new MqlError(`interval '${interval}' is not supported: use 1m–60m, 1h–24h or 1d`)
  }
  p.expect(']', "']' after the interval")

  const filters: DimensionTest[][] = []
  if (p.eat('{')) {
    if (!p.eat('}')) {
      do {
        const clause: DimensionTest[] = []
        do {
          const dimension = p.match(/[A-Za-z_][A-Za-z0-9_.-]*/, 'a dimension name')
          const op = p.match(/!=~|=~|!~|!=|==|=/, "an operator ('=', '!=', '=~')") as string
          clause.push({
            dimension,
            op: (op === '==' ? '=' : op === '!=~' ? '!~' : op) as DimensionTest['op'],
            value: p.string(),
          })
        } while (p.eat('||'))
        filters.push(clause)
      } while (p.eat(',') || p.eat('&&'))
      p.expect('}', "',' or '}' after a dimension filter")
    }
  }

  let statistic: Statistic | undefined
  let percentile: number | undefined
  let grouping: MqlQuery['grouping']
  while (p.eat('.')) {
    const name = p.match(/[A-Za-z]+/, 'a function name after "."')
    p.expect('(', `'(' after ${name}`)
    if (name === 'grouping' || name === 'groupBy') {
      if (grouping)
        throw new MqlError('a query takes at most one grouping function (grouping() or groupBy())')
      if (name === 'grouping') grouping = { kind: 'grouping' }
      else {
        const dimensions: string[] = []
        do dimensions.push(p.match(/[A-Za-z_][A-Za-z0-9_.-]*/, 'a dimension name in groupBy()'))
        while (p.eat(','))
        grouping = { kind: 'groupBy', dimensions }
      }
    } else if ((STATISTICS as readonly string[]).includes(name)) {
      if (statistic) throw new MqlError(`a query takes one statistic; found ${statistic}() and ${name}()`)
      statistic = name as Statistic
      if (name === 'percentile') {
        percentile = p.number()
        if (!(percentile > 0 && percentile < 1)) {
          throw new MqlError(`percentile() takes a fraction between 0 and 1 exclusive, e.g. percentile(0.9)`)
        }
      }
    } else if (name === 'absent') {
      throw new MqlError('absent() is only meaningful in alarms; this emulator does not evaluate it')
    } else {
      throw new MqlError(
        `unknown function '${name}': statistics are ${STATISTICS.join(', ')}; grouping is grouping() or groupBy()`,
      )
    }
    p.expect(')', `')' to close ${name}(`)
  }
  if (!statistic) {
    throw new MqlError(
      `the query needs a statistic such as .mean(), .max() or .percentile(0.9); e.g. ${EXAMPLE}`,
    )
  }

  let condition: Condition | undefined
  if (!p.atEnd()) {
    const negated = p.eat('not')
    if (p.eat('in')) {
      p.expect('(', "'(' after in")
      const low = p.number()
      p.expect(',', "',' between the bounds of in (low, high)")
      const high = p.number()
      p.expect(')', "')' after the bounds")
      condition = { op: negated ? 'not in' : 'in', low, high }
    } else {
      if (negated) p.fail("'in' after 'not'")
      const op = p.match(
        />=|<=|==|!=|>|</,
        "a comparison ('>', '>=', '<', '<=', '==', '!=') or the end of the query",
      )
      condition = { op: op as '>', value: p.number() }
    }
  }
  if (!p.atEnd()) p.fail('the end of the query')
  return { metric, interval, intervalMs, filters, statistic, percentile, grouping, condition }
}

function wildcard(pattern: string): RegExp {
  const alternatives = pattern.split('|').map((alt) =>
    alt
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*'),
  )
  return new RegExp(`^(?:${alternatives.join('|')})$`, 'i')
}

function testMatches(t: DimensionTest, dimensions: Record<string, string>): boolean {
  const actual = dimensions[t.dimension]
  if (t.op === '=') return actual === t.value
  if (t.op === '!=') return actual !== t.value
  const hit = actual !== undefined && wildcard(t.value).test(actual)
  return t.op === '=~' ? hit : !hit
}

/** The streams a query reads: its metric, through its dimension filters. */
export function selectStreams(q: MqlQuery, streams: readonly MetricStream[]): MetricStream[] {
  return streams.filter(
    (s) =>
      s.definition.name === q.metric &&
      q.filters.every((clause) => clause.some((t) => testMatches(t, s.dimensions))),
  )
}

export interface EvaluationWindow {
  /** Data points are stamped at multiples of stepMs in [startMs, endMs). */
  startMs: number
  endMs: number
  stepMs: number
  /** The raw data that exists, as epoch minutes (inclusive). */
  firstMinute: number
  lastMinute: number
}

export interface Series {
  dimensions: Record<string, string>
  /** One stream's own compartment; undefined for aggregated series. */
  compartmentId?: string
  streams: MetricStream[]
  points: Array<{ timestamp: number; value: number }>
}

function conditionHolds(c: Condition | undefined, v: number): boolean {
  if (!c) return true
  switch (c.op) {
    case '>':
      return v > c.value
    case '>=':
      return v >= c.value
    case '<':
      return v < c.value
    case '<=':
      return v <= c.value
    case '==':
      return v === c.value
    case '!=':
      return v !== c.value
    case 'in':
      return v >= c.low && v <= c.high
    case 'not in':
      return v < c.low || v > c.high
  }
}

/** Raw values of one group over [lo, hi], per minute: sum, min, max across its streams. */
interface MinuteTable {
  lo: number
  sum: Float64Array
  /** prefix[i] = sum of sum[0..i). */
  prefix: Float64Array
  min: Float64Array
  max: Float64Array
  streams: number
}

function minuteTable(streams: MetricStream[], lo: number, hi: number): MinuteTable {
  const n = hi - lo + 1
  const sum = new Float64Array(n)
  const min = new Float64Array(n).fill(Infinity)
  const max = new Float64Array(n).fill(-Infinity)
  for (const s of streams) {
    for (let i = 0; i < n; i++) {
      const v = s.valueAt(lo + i)
      sum[i] += v
      if (v < min[i]) min[i] = v
      if (v > max[i]) max[i] = v
    }
  }
  const prefix = new Float64Array(n + 1)
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + sum[i]
  return { lo, sum, prefix, min, max, streams: streams.length }
}

/** Sliding extremes over windows whose bounds only move forward (a monotonic deque). */
function slidingExtreme(
  values: Float64Array,
  windows: Array<[number, number]>,
  better: (a: number, b: number) => boolean,
) {
  const out: number[] = []
  const deque: number[] = []
  let head = 0
  let next = 0
  for (const [from, to] of windows) {
    for (; next <= to; next++) {
      while (deque.length > head && !better(values[deque[deque.length - 1]], values[next])) deque.pop()
      deque.push(next)
    }
    while (deque[head] < from) head++
    out.push(values[deque[head]])
  }
  return out
}

/** Work above which a statistic that must look at every raw value is refused (percentile). */
export const MAX_SCAN_VALUES = 20_000_000

/**
 * Groups the streams as the query's grouping says, then aggregates every window of every group. Throws
 * MqlError when the query would need more work than MAX_SCAN_VALUES.
 */
export function evaluate(q: MqlQuery, streams: readonly MetricStream[], w: EvaluationWindow): Series[] {
  const groups = new Map<string, Series>()
  for (const s of selectStreams(q, streams)) {
    let dimensions: Record<string, string>
    let key: string
    if (!q.grouping) {
      dimensions = s.dimensions
      key = JSON.stringify([s.compartmentId, s.dimensions])
    } else if (q.grouping.kind === 'grouping') {
      dimensions = {}
      key = ''
    } else {
      dimensions = {}
      for (const d of q.grouping.dimensions)
        if (s.dimensions[d] !== undefined) dimensions[d] = s.dimensions[d]
      key = JSON.stringify(dimensions)
    }
    let group = groups.get(key)
    if (!group) {
      group = { dimensions, compartmentId: q.grouping ? undefined : s.compartmentId, streams: [], points: [] }
      groups.set(key, group)
    }
    group.streams.push(s)
  }
  const intervalMinutes = q.intervalMs / 60_000
  // Windows as minute offsets [from, to] into the table, with the timestamp each is stamped with.
  const firstStamp = Math.ceil(w.startMs / w.stepMs) * w.stepMs
  const lo = Math.max(w.firstMinute, firstStamp / 60_000)
  const windows: Array<[number, number]> = []
  const stamps: number[] = []
  for (let t = firstStamp; t < w.endMs; t += w.stepMs) {
    const from = Math.max(t / 60_000, w.firstMinute)
    const to = Math.min(t / 60_000 + intervalMinutes - 1, w.lastMinute)
    if (from > to) continue
    windows.push([from - lo, to - lo])
    stamps.push(t)
  }
  if (windows.length === 0) return []
  const hi = lo + windows[windows.length - 1][1]
  if (q.statistic === 'percentile') {
    const work = windows.length * intervalMinutes * selectStreams(q, streams).length
    if (work > MAX_SCAN_VALUES) {
      throw new MqlError(
        `percentile() over ${windows.length} windows of ${q.interval} needs too many raw values; use a coarser resolution or a shorter time range`,
      )
    }
  }
  for (const group of groups.values()) {
    const table = minuteTable(group.streams, lo, hi)
    const values = windowValues(q, table, group.streams, windows)
    values.forEach((value, i) => {
      if (value !== undefined && conditionHolds(q.condition, value))
        group.points.push({ timestamp: stamps[i], value })
    })
  }
  return [...groups.values()].filter((g) => g.points.length > 0)
}

function windowValues(
  q: MqlQuery,
  t: MinuteTable,
  streams: MetricStream[],
  windows: Array<[number, number]>,
): Array<number | undefined> {
  const sumOf = ([from, to]: [number, number]) => t.prefix[to + 1] - t.prefix[from]
  const countOf = ([from, to]: [number, number]) => (to - from + 1) * t.streams
  switch (q.statistic) {
    case 'sum':
      return windows.map(sumOf)
    case 'count':
      return windows.map(countOf)
    case 'mean':
      return windows.map((win) => sumOf(win) / countOf(win))
    case 'rate':
      // Per second over the window; the compute agent posts per-minute deltas (bytes per minute).
      return windows.map((win) => sumOf(win) / ((win[1] - win[0] + 1) * 60))
    case 'max':
      return slidingExtreme(t.max, windows, (a, b) => a > b)
    case 'min':
      return slidingExtreme(t.min, windows, (a, b) => a < b)
    case 'first':
      return windows.map(([from]) => t.sum[from] / t.streams)
    case 'last':
      return windows.map(([, to]) => t.sum[to] / t.streams)
    case 'percentile':
      return windows.map(([from, to]) => {
        const values: number[] = []
        for (let m = from; m <= to; m++) for (const s of streams) values.push(s.valueAt(t.lo + m))
        values.sort((a, b) => a - b)
        return values[Math.max(0, Math.ceil((q.percentile as number) * values.length) - 1)]
      })
  }
}
