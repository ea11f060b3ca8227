// The window and interval of a metrics query: `last` or start/end, checked and bounded, with an interval that
// keeps each series under METRICS_MAX_POINTS points.
import { McpFunctionsError } from '../core/errors.ts'
import { METRICS_MAX_DAYS, METRICS_MAX_POINTS } from './catalog.ts'

const MINUTE = 60_000
const UNIT_MS = { m: MINUTE, h: 60 * MINUTE, d: 24 * 60 * MINUTE } as const
/** MQL intervals, shortest first (MQL accepts 1m–60m, 1h–24h and 1d). */
export const INTERVALS = ['1m', '5m', '15m', '30m', '1h', '3h', '6h', '12h', '1d'] as const
export const DEFAULT_LAST = '6h'
/** An end this far past the clock is a mistake, not skew. */
const FUTURE_TOLERANCE_MS = 5 * MINUTE

export interface TimeWindow {
  start: Date
  end: Date
  interval: (typeof INTERVALS)[number]
  intervalMs: number
}

const invalid = (message: string, hint: string) =>
  new McpFunctionsError('ERR_INPUT_INVALID', message, { hint })

export function durationMs(text: string): number {
  const m = /^([1-9]\d{0,4})([mhd])$/.exec(text)
  if (!m) throw invalid(`'${text}' is not a duration`, 'Use a number and m, h or d, e.g. 30m, 6h or 7d.')
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS]
}

export function intervalFor(rangeMs: number): TimeWindow['interval'] {
  for (const interval of INTERVALS) {
    if (Math.ceil(rangeMs / durationMs(interval)) <= METRICS_MAX_POINTS) return interval
  }
  return '1d'
}

/** Resolves `last` or start/end against `now`; throws ERR_INPUT_INVALID for contradictory or out-of-bounds windows. */
export function resolveWindow(
  input: { last?: string; start?: string; end?: string },
  now: Date = new Date(),
): TimeWindow {
  const maxMs = METRICS_MAX_DAYS * UNIT_MS.d
  const howTo = `Give last (e.g. 1h, 6h, 24h, 7d) or start with an optional end, within the last ${METRICS_MAX_DAYS} days.`
  if (input.last !== undefined && (input.start !== undefined || input.end !== undefined)) {
    throw invalid('Give either last or start/end, not both', howTo)
  }
  if (input.end !== undefined && input.start === undefined) throw invalid('end needs a start', howTo)
  let start: Date
  let end: Date
  if (input.start !== undefined) {
    start = new Date(input.start)
    end = input.end === undefined ? now : new Date(input.end)
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
      throw invalid('start and end must be ISO 8601 times', howTo)
    }
    if (end.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      throw invalid(`end ${end.toISOString()} is in the future`, 'Omit end to read up to now.')
    }
    if (end.getTime() > now.getTime()) end = now
    if (start.getTime() >= end.getTime()) throw invalid('start must be before end', howTo)
    if (now.getTime() - start.getTime() > maxMs) {
      throw invalid(
        `start is more than ${METRICS_MAX_DAYS} days ago; OCI Monitoring keeps ${METRICS_MAX_DAYS} days`,
        howTo,
      )
    }
  } else {
    const ms = durationMs(input.last ?? DEFAULT_LAST)
    if (ms > maxMs) throw invalid(`last is longer than ${METRICS_MAX_DAYS} days`, howTo)
    end = now
    start = new Date(now.getTime() - ms)
  }
  const rangeMs = end.getTime() - start.getTime()
  if (rangeMs < MINUTE) throw invalid('The window is shorter than one minute', howTo)
  const interval = intervalFor(rangeMs)
  return { start, end, interval, intervalMs: durationMs(interval) }
}
