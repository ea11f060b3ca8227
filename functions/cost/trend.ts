// monthlyTrend: the last N complete months, this month so far, and a forecast for this month and the next.
import type { z } from 'zod'
import type { ToolContext } from '../core/tool-runner.ts'
import { monthlyTrend as spec } from './catalog.ts'
import { addMonths, daysBetween, daysInMonth, isoMonth, startOfDay, startOfMonth } from './period.ts'
import { cents, linearRegression, median, round } from './statistics.ts'
import { queryUsage, totalsBy } from './usage-query.ts'

export type TrendData = z.infer<typeof spec.output>
type Forecast = TrendData['forecast']

/**
 * The months the line is fitted to: leading months without cost are before the tenancy (or its usage data)
 * began, and a first month far below the rest most likely began mid-month; both would bend the line.
 */
export function monthsForFit(
  complete: number[],
  firstKnownPartial = false,
): {
  values: number[]
  skipped: number
  partialStart: boolean
} {
  let first = complete.findIndex((c) => c > 0)
  if (first < 0) return { values: complete, skipped: 0, partialStart: false }
  const rest = complete.slice(first + 1)
  // Known from the daily data when it was read; else guessed from the month's size against the rest.
  const partialStart = firstKnownPartial || (rest.length >= 2 && complete[first] < 0.5 * median(rest))
  if (partialStart) first += 1
  return { values: complete.slice(first), skipped: first, partialStart }
}

/**
 * The forecast from the numbers alone (pure): this month by run-rate when it has complete days, otherwise by
 * the regression line; next month by the regression line through the complete months.
 */
export function forecastMonths(input: {
  complete: number[]
  monthToDate: number
  daysElapsed: number
  daysInMonth: number
  currentMonth: string
  nextMonth: string
  /** The first month with cost has data from part of it only (the usage data began in it). */
  firstMonthPartial?: boolean
}): { forecast: Forecast; method: string } {
  const { monthToDate, daysElapsed } = input
  const { values, skipped, partialStart } = monthsForFit(input.complete, input.firstMonthPartial)
  const n = values.length
  const fit = n ? linearRegression(values) : undefined
  const r2 = fit?.rSquared ?? null
  const fitWords =
    n === 2
      ? 'two months always lie on a line, so the fit says nothing yet'
      : r2 === null
        ? 'the months cost the same, so the line is flat'
        : `R² ${round(r2, 2)} (${r2 >= 0.8 ? 'a good fit' : r2 >= 0.5 ? 'a moderate fit' : 'a poor fit: treat it as a rough guide'})`
  const skippedWords = skipped
    ? ` The first ${skipped} month(s) were left out of the line (${partialStart ? 'no cost yet, then a partial first month' : 'no cost yet'}).`
    : ''
  const parts: string[] = []

  let current: Forecast['current_month']
  if (daysElapsed > 0) {
    const daily = monthToDate / daysElapsed
    current = {
      month: input.currentMonth,
      method: 'run_rate',
      month_to_date: cents(monthToDate),
      days_elapsed: daysElapsed,
      days_in_month: input.daysInMonth,
      daily_average: cents(daily),
      forecast: cents(daily * input.daysInMonth),
    }
    parts.push(
      `This month (${input.currentMonth}) by run-rate: ${cents(monthToDate)} over ${daysElapsed} complete day(s) is ${cents(daily)} a day, × ${input.daysInMonth} days = ${current.forecast}.`,
    )
  } else {
    const value = fit ? Math.max(0, fit.at(n)) : 0
    current = {
      month: input.currentMonth,
      method: 'linear_regression',
      month_to_date: cents(monthToDate),
      days_elapsed: 0,
      days_in_month: input.daysInMonth,
      forecast: cents(value),
    }
    parts.push(
      `This month (${input.currentMonth}) has no complete day yet, so it is forecast by the regression line: ${current.forecast}.`,
    )
  }

  let next: Forecast['next_month']
  if (fit && n >= 2) {
    // x = 0 … n−1 are the complete months, n is this month, n + 1 the next.
    next = {
      month: input.nextMonth,
      method: 'linear_regression',
      forecast: cents(Math.max(0, fit.at(n + 1))),
      slope_per_month: cents(fit.slope),
      r_squared: r2 === null ? null : round(r2, 3),
      months_used: n,
    }
    parts.push(
      `Next month (${input.nextMonth}) by an ordinary least-squares line through the ${n} complete months: ${fit.slope >= 0 ? '+' : ''}${cents(fit.slope)} a month, giving ${next.forecast}; ${fitWords}.${skippedWords}`,
    )
  } else {
    next = {
      month: input.nextMonth,
      method: 'run_rate',
      forecast: current.forecast,
      months_used: n,
    }
    parts.push(
      `Next month (${input.nextMonth}): too few complete months for a line, so this month’s forecast is carried over.${skippedWords}`,
    )
  }
  return { forecast: { current_month: current, next_month: next }, method: parts.join(' ') }
}

/**
 * When the usage data begins inside the first month that has cost, that month is not a whole month: its index
 * and the first day with cost. Read per day for that one month only; undefined when the month is whole.
 */
async function firstMonthDataStart(
  ctx: ToolContext,
  complete: number[],
  first: Date,
  thisMonth: Date,
  region?: string,
): Promise<{ index: number; day: string } | undefined> {
  const index = complete.findIndex((c) => c > 0)
  if (index < 0) return undefined
  const start = addMonths(first, index)
  const end = addMonths(start, 1)
  const daily = await queryUsage(ctx, {
    period: { start, end: end < thisMonth ? end : thisMonth },
    granularity: 'DAILY',
    groupBy: [],
    region,
  })
  const days = daily.rows.filter((r) => r.cost > 0).map((r) => r.start.slice(0, 10))
  const day = days.sort()[0]
  return day && day > start.toISOString().slice(0, 10) ? { index, day } : undefined
}

export async function monthlyTrend(
  ctx: ToolContext,
  params: Omit<z.input<typeof spec.input>, 'response_format'>,
  now = new Date(),
): Promise<TrendData> {
  const input = spec.input.parse(params)
  const today = startOfDay(now)
  const thisMonth = startOfMonth(today)
  const first = addMonths(thisMonth, -input.months)
  const monthly = await queryUsage(ctx, {
    period: { start: first, end: thisMonth },
    granularity: 'MONTHLY',
    groupBy: [],
    region: input.region,
  })
  const daysElapsed = daysBetween(thisMonth, today)
  const daily = daysElapsed
    ? await queryUsage(ctx, {
        period: { start: thisMonth, end: today },
        granularity: 'DAILY',
        groupBy: [],
        region: input.region,
      })
    : undefined
  const byMonth = new Map(totalsBy(monthly.rows, (r) => r.start.slice(0, 7)).map((t) => [t.name, t.cost]))
  const months = Array.from({ length: input.months }, (_, i) => isoMonth(addMonths(first, i)))
  const complete = months.map((m) => byMonth.get(m) ?? 0)
  const dataFrom = await firstMonthDataStart(ctx, complete, first, thisMonth, input.region)
  const monthToDate = daily ? daily.rows.reduce((s, r) => s + r.cost, 0) : 0
  const { forecast, method } = forecastMonths({
    complete,
    monthToDate,
    daysElapsed,
    daysInMonth: daysInMonth(today),
    currentMonth: isoMonth(thisMonth),
    nextMonth: isoMonth(addMonths(thisMonth, 1)),
    firstMonthPartial: dataFrom !== undefined,
  })
  return {
    tenancy_id: monthly.tenancyId,
    currency: monthly.currency || daily?.currency || '',
    months: [
      ...months.map((month, i) =>
        dataFrom?.index === i
          ? { month, cost: cents(complete[i]), complete: false, data_from: dataFrom.day }
          : { month, cost: cents(complete[i]), complete: true },
      ),
      { month: isoMonth(thisMonth), cost: cents(monthToDate), complete: false },
    ],
    forecast,
    method,
  }
}
