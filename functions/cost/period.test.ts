// Periods and forecasts of the cost group, without OCI: date rules and the forecast arithmetic.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { isMcpFunctionsError } from '../core/errors.ts'
import { describePeriod, resolvePeriod } from './period.ts'
import { forecastMonths, monthsForFit } from './trend.ts'

const NOW = new Date('2026-03-18T15:30:00Z')
const iso = (d: Date) => d.toISOString()

function inputError(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    assert.ok(isMcpFunctionsError(error))
    assert.equal(error.code, 'ERR_INPUT_INVALID')
    return error.message
  }
  assert.fail('expected ERR_INPUT_INVALID')
}

describe('resolvePeriod', () => {
  test('last_days: the complete days before today; default 30', () => {
    const p = resolvePeriod({ last_days: 7 }, 'DAILY', NOW)
    assert.equal(iso(p.start), '2026-03-11T00:00:00.000Z')
    assert.equal(iso(p.end), '2026-03-18T00:00:00.000Z')
    assert.equal(describePeriod(p), '2026-03-11 – 2026-03-17')
    assert.equal(iso(resolvePeriod({}, 'DAILY', NOW).start), '2026-02-16T00:00:00.000Z')
  })

  test('dates are inclusive; MONTHLY widens to whole months', () => {
    const p = resolvePeriod({ start_date: '2026-01-10', end_date: '2026-02-03' }, 'DAILY', NOW)
    assert.equal(iso(p.start), '2026-01-10T00:00:00.000Z')
    assert.equal(iso(p.end), '2026-02-04T00:00:00.000Z')
    const m = resolvePeriod({ start_date: '2026-01-10', end_date: '2026-02-03' }, 'MONTHLY', NOW)
    assert.equal(iso(m.start), '2026-01-01T00:00:00.000Z')
    assert.equal(iso(m.end), '2026-03-01T00:00:00.000Z')
    const endOfMonth = resolvePeriod({ start_date: '2025-12-01', end_date: '2025-12-31' }, 'MONTHLY', NOW)
    assert.equal(iso(endOfMonth.end), '2026-01-01T00:00:00.000Z')
  })

  test('invalid, reversed, future, half-given, mixed and too-long periods are input errors', () => {
    inputError(() => resolvePeriod({ start_date: '2026-02-30', end_date: '2026-03-01' }, 'DAILY', NOW))
    inputError(() => resolvePeriod({ start_date: '2026-03-02', end_date: '2026-03-01' }, 'DAILY', NOW))
    inputError(() => resolvePeriod({ start_date: '2026-03-01', end_date: '2026-03-19' }, 'DAILY', NOW))
    inputError(() => resolvePeriod({ start_date: '2026-03-01' }, 'DAILY', NOW))
    inputError(() =>
      resolvePeriod({ start_date: '2026-03-01', end_date: '2026-03-02', last_days: 3 }, 'DAILY', NOW),
    )
    assert.match(
      inputError(() => resolvePeriod({ last_days: 94 }, 'DAILY', NOW)),
      /94 days/,
    )
    assert.match(
      inputError(() => resolvePeriod({ last_days: 365 }, 'MONTHLY', NOW)),
      /more than a year/,
    )
    assert.equal(iso(resolvePeriod({ last_days: 300 }, 'MONTHLY', NOW).start), '2025-05-01T00:00:00.000Z')
  })
})

describe('forecastMonths', () => {
  const base = { daysInMonth: 31, currentMonth: '2026-03', nextMonth: '2026-04' }

  test('run-rate for this month, a least-squares line for the next', () => {
    const { forecast, method } = forecastMonths({
      ...base,
      complete: [1000, 1100, 1200, 1300],
      monthToDate: 500,
      daysElapsed: 10,
    })
    assert.equal(forecast.current_month.method, 'run_rate')
    assert.equal(forecast.current_month.daily_average, 50)
    assert.equal(forecast.current_month.forecast, 1550)
    assert.equal(forecast.next_month.method, 'linear_regression')
    // x = 0..3 complete, 4 this month, 5 next: 1000 + 100·5
    assert.equal(forecast.next_month.forecast, 1500)
    assert.equal(forecast.next_month.slope_per_month, 100)
    assert.equal(forecast.next_month.r_squared, 1)
    assert.match(method, /run-rate/)
    assert.match(method, /least-squares/)
    assert.match(method, /R² 1 \(a good fit\)/)
  })

  test('first day of the month: the line forecasts this month too; a falling line stops at 0', () => {
    const { forecast, method } = forecastMonths({
      ...base,
      complete: [300, 200, 100],
      monthToDate: 0,
      daysElapsed: 0,
    })
    assert.equal(forecast.current_month.method, 'linear_regression')
    assert.equal(forecast.current_month.forecast, 0)
    assert.equal(forecast.next_month.forecast, 0)
    assert.match(method, /no complete day/)
  })

  test('flat months say so; noisy ones are called a poor fit', () => {
    assert.match(
      forecastMonths({ ...base, complete: [5, 5, 5], monthToDate: 1, daysElapsed: 1 }).method,
      /flat/,
    )
    assert.match(
      forecastMonths({ ...base, complete: [100, 400, 90, 380, 120], monthToDate: 1, daysElapsed: 1 }).method,
      /poor fit/,
    )
  })

  test('months before usage began, and a partial first month, stay out of the line', () => {
    assert.deepEqual(monthsForFit([0, 0, 2000, 7600, 7800]), {
      values: [7600, 7800],
      skipped: 3,
      partialStart: true,
    })
    assert.deepEqual(monthsForFit([0, 5000, 5100, 5200]), {
      values: [5000, 5100, 5200],
      skipped: 1,
      partialStart: false,
    })
    assert.deepEqual(monthsForFit([0, 0]), { values: [0, 0], skipped: 0, partialStart: false })
    const { forecast, method } = forecastMonths({
      ...base,
      complete: [0, 0, 2000, 7600, 7800],
      monthToDate: 10,
      daysElapsed: 1,
    })
    assert.equal(forecast.next_month.months_used, 2)
    assert.equal(forecast.next_month.forecast, 8200)
    assert.match(method, /two months always lie on a line/)
    assert.match(method, /first 3 month\(s\) were left out/)
  })
})
