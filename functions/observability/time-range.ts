// Time ranges for metrics, alarm history and log searches: `last` or start/end, ordered and bounded.
import { McpFunctionsError } from '../core/errors.ts'

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const

/** `30m`, `6h`, `2d`, `1w` → milliseconds; undefined when the text is not such a duration. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d{1,5})([mhdw])$/.exec(text.trim())
  if (!m) return undefined
  const ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS]
  return ms > 0 ? ms : undefined
}

/** 90 minutes → `1h 30m`; for messages and markdown. */
export function formatDuration(ms: number): string {
  const parts: string[] = []
  let rest = Math.round(ms / 60_000)
  for (const [unit, minutes] of [
    ['d', 1440],
    ['h', 60],
    ['m', 1],
  ] as const) {
    const n = Math.floor(rest / minutes)
    if (n > 0) parts.push(`${n}${unit}`)
    rest -= n * minutes
  }
  return parts.length ? parts.join(' ') : '0m'
}

export interface TimeRangeInput {
  last?: string
  start?: string
  end?: string
}

export interface TimeRangeRules {
  /** Used when neither last nor start is given, e.g. `6h`. */
  defaultLast: string
  /** Longest range allowed. */
  maxMs: number
  /** How far back the service keeps data (metrics: 90 days); a start before that is refused. */
  retentionMs?: number
}

export interface TimeRange {
  start: Date
  end: Date
  ms: number
}

const invalid = (message: string, hint: string) =>
  new McpFunctionsError('ERR_INPUT_INVALID', message, { hint })

function parseTime(label: string, text: string): Date {
  const date = new Date(text)
  if (Number.isNaN(date.getTime())) {
    throw invalid(`${label} '${text}' is not a time`, 'Give an ISO 8601 time such as 2026-05-01T12:00:00Z.')
  }
  return date
}

/**
 * Resolves `last` (back from `end`, default now) or `start`/`end` into an ordered range within the rules.
 * A start in the future, an end before the start and a range over the maximum are input errors.
 */
export function resolveTimeRange(input: TimeRangeInput, rules: TimeRangeRules, now = new Date()): TimeRange {
  if (input.last !== undefined && input.start !== undefined) {
    throw invalid(
      'Give either last or start, not both',
      'Use last (e.g. 6h) for a range ending now, or start/end.',
    )
  }
  const end = input.end === undefined ? now : parseTime('end', input.end)
  let start: Date
  if (input.start !== undefined) {
    start = parseTime('start', input.start)
  } else {
    const text = input.last ?? rules.defaultLast
    const ms = parseDuration(text)
    if (ms === undefined) {
      throw invalid(
        `last '${text}' is not a duration`,
        'Use a number and a unit: m, h, d or w — e.g. 30m, 6h, 2d.',
      )
    }
    start = new Date(end.getTime() - ms)
  }
  const ms = end.getTime() - start.getTime()
  if (start.getTime() >= now.getTime()) {
    throw invalid('The range starts in the future', 'Choose a start before now.')
  }
  if (ms <= 0) throw invalid('end must be after start', 'Swap start and end, or use last.')
  if (ms > rules.maxMs) {
    throw invalid(
      `The range is ${formatDuration(ms)}; at most ${formatDuration(rules.maxMs)} is allowed`,
      'Narrow the range, or split it into several calls.',
    )
  }
  if (rules.retentionMs !== undefined && now.getTime() - start.getTime() > rules.retentionMs) {
    throw invalid(
      `The range starts more than ${formatDuration(rules.retentionMs)} ago, beyond what OCI keeps`,
      `Choose a start within the last ${formatDuration(rules.retentionMs)}.`,
    )
  }
  return { start, end, ms }
}
