// Usage periods: dates or "last N days" turned into the UTC-midnight, end-exclusive ranges the Usage API expects.
import { McpFunctionsError } from '../core/errors.ts'

export type Granularity = 'DAILY' | 'MONTHLY'

export interface Period {
  /** Inclusive, 00:00 UTC. */
  start: Date
  /** Exclusive, 00:00 UTC. */
  end: Date
}

export interface PeriodInput {
  start_date?: string
  end_date?: string
  last_days?: number
}

const DAY_MS = 86_400_000
/** Longest DAILY query; longer spans ask for MONTHLY. */
export const MAX_DAILY_DAYS = 93
/** The Usage API answers for at most a year at a time. */
export const MAX_QUERY_DAYS = 366
export const DEFAULT_LAST_DAYS = 30

export const startOfDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
export const startOfMonth = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1))
export const addDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY_MS)
export const addMonths = (d: Date, n: number) =>
  new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate()))
export const daysBetween = (a: Date, b: Date) => Math.round((b.getTime() - a.getTime()) / DAY_MS)
export const daysInMonth = (d: Date) =>
  new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
export const isoDay = (d: Date) => d.toISOString().slice(0, 10)
export const isoMonth = (d: Date) => d.toISOString().slice(0, 7)

const invalid = (message: string, hint: string) =>
  new McpFunctionsError('ERR_INPUT_INVALID', message, { hint })

function parseDay(value: string, field: string): Date {
  const d = new Date(`${value}T00:00:00.000Z`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(d.getTime()) || isoDay(d) !== value) {
    throw invalid(`${field} '${value}' is not a calendar date`, 'Give dates as YYYY-MM-DD, e.g. 2026-01-31.')
  }
  return d
}

/**
 * The period a call asks for. Dates are inclusive calendar days (UTC); `last_days` means the N complete days
 * before today (today's usage is still arriving, so it is left out). MONTHLY widens the range to whole months.
 */
export function resolvePeriod(input: PeriodInput, granularity: Granularity, now = new Date()): Period {
  const today = startOfDay(now)
  const hasDates = input.start_date !== undefined || input.end_date !== undefined
  if (hasDates && input.last_days !== undefined) {
    throw invalid(
      'Give either start_date and end_date, or last_days, not both',
      'Drop last_days to use the dates, or drop the dates.',
    )
  }
  let period: Period
  if (hasDates) {
    if (input.start_date === undefined || input.end_date === undefined) {
      throw invalid('start_date and end_date go together', 'Give both dates, or use last_days instead.')
    }
    const start = parseDay(input.start_date, 'start_date')
    const endDay = parseDay(input.end_date, 'end_date')
    if (endDay < start) {
      throw invalid('end_date is before start_date', 'Swap the dates; both are inclusive calendar days.')
    }
    if (endDay > today) throw invalid('end_date is in the future', `Use a date up to ${isoDay(today)}.`)
    period = { start, end: addDays(endDay, 1) }
  } else {
    const days = input.last_days ?? DEFAULT_LAST_DAYS
    period = { start: addDays(today, -days), end: today }
  }
  if (granularity === 'MONTHLY') {
    const start = startOfMonth(period.start)
    const lastDay = addDays(period.end, -1)
    const end = addMonths(startOfMonth(lastDay), 1)
    if (daysBetween(start, end) > MAX_QUERY_DAYS) {
      throw invalid(
        `The period widened to whole months (${isoDay(start)} – ${isoDay(addDays(end, -1))}) spans more than a year`,
        'Ask for at most 12 whole months at a time.',
      )
    }
    return { start, end }
  }
  const days = daysBetween(period.start, period.end)
  if (days > MAX_DAILY_DAYS) {
    throw invalid(
      `The period spans ${days} days, more than DAILY granularity allows`,
      `Ask for at most ${MAX_DAILY_DAYS} days, or use granularity MONTHLY.`,
    )
  }
  return period
}

export const describePeriod = (p: Period) => `${isoDay(p.start)} – ${isoDay(addDays(p.end, -1))}`
