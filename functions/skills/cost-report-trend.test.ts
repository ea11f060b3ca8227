// skills_cost_report's next-month forecast on the seeded usage: a line through whole months only, the month the
// data begins in part-way left out, as cost_monthly_trend reports them.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { USAGE_DAYS } from '../../infra/local/oci-emulator/seed-usage.ts'
import { useEmulator } from '../../test/support/emulator.ts'
import { ok } from '../../test/support/results.ts'
import { harness } from '../../test/support/tool-harness.ts'
import * as costSpecs from '../cost/catalog.ts'
import { implementation as costImplementation } from '../cost/implementation.ts'
import * as specs from './catalog.ts'
import { implementation } from './implementation.ts'

const emu = useEmulator(implementation)
const DAY_MS = 86_400_000

/** Ordinary least squares through x = 0 … n−1, evaluated at x. */
function line(values: number[], x: number): number {
  const n = values.length
  const mx = (n - 1) / 2
  const my = values.reduce((s, v) => s + v, 0) / n
  let sxy = 0
  let sxx = 0
  values.forEach((v, i) => {
    sxy += (i - mx) * (v - my)
    sxx += (i - mx) ** 2
  })
  const slope = sxx ? sxy / sxx : 0
  return my + slope * (x - mx)
}

describe('skills_cost_report forecast', () => {
  test('next month is the line through the whole months of the trend, none partial', async () => {
    const costTools = harness(costImplementation, {
      OCI_AUTH: 'config_file',
      OCI_CONFIG_FILE: emu.configFile(),
      OCI_ENDPOINT: emu.url(),
      OCI_REGION: 'us-ashburn-1',
    })
    const trend = ok(await costTools.call('cost_monthly_trend', { months: 3 }), costSpecs.monthlyTrend)
    const months = (trend.months as { month: string; cost: number }[]).slice(0, -1)
    // Whole months are those the seeded data (USAGE_DAYS back from today) covers from their first day.
    const dataStart = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS - USAGE_DAYS * DAY_MS)
    const firstWhole =
      dataStart.getUTCDate() === 1
        ? dataStart
        : new Date(Date.UTC(dataStart.getUTCFullYear(), dataStart.getUTCMonth() + 1))
    const whole = months.filter((m) => m.month >= firstWhole.toISOString().slice(0, 7)).map((m) => m.cost)
    assert.ok(whole.length >= 2, 'the seed holds two whole months')
    const report = ok(await emu.tools().call('skills_cost_report', {}), specs.costReport)
    const forecast = (report.forecast as { next_month: number }).next_month
    // x = whole.length is this month, whole.length + 1 the next.
    assert.ok(Math.abs(forecast - line(whole, whole.length + 1)) < 0.02, `${forecast}`)
  })
})
