// cost_monthly_trend on the seeded usage (90 days back from today): the month the data begins in part-way is
// marked partial and kept out of the regression line.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { USAGE_DAYS } from '../../infra/local/oci-emulator/seed-usage.ts'
import { useEmulator } from '../../test/support/emulator.ts'
import { ok } from '../../test/support/results.ts'
import * as specs from './catalog.ts'
import { implementation } from './implementation.ts'

const { tools: cost } = useEmulator(implementation)
const DAY_MS = 86_400_000

describe('cost_monthly_trend over the start of the data', () => {
  test('the month the seeded usage starts in is partial and not fitted', async () => {
    const now = Date.now()
    const dataStart = new Date(Math.floor(now / DAY_MS) * DAY_MS - USAGE_DAYS * DAY_MS)
    const startMonth = dataStart.toISOString().slice(0, 7)
    const data = ok(await cost().call('cost_monthly_trend', { months: 6 }), specs.monthlyTrend)
    const months = data.months as { month: string; complete: boolean; data_from?: string }[]
    const past = months.slice(0, -1)
    const first = past.find((m) => m.month === startMonth)
    assert.ok(first, `the window holds ${startMonth}`)
    const startsMidMonth = dataStart.getUTCDate() > 1
    assert.equal(first.complete, !startsMidMonth)
    if (startsMidMonth) assert.equal(first.data_from, dataStart.toISOString().slice(0, 10))
    const whole = past.filter((m) => m.month > startMonth).length + (startsMidMonth ? 0 : 1)
    const next = (data.forecast as { next_month: { months_used: number } }).next_month
    assert.equal(next.months_used, whole)
  })
})
