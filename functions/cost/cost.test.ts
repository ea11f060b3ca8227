// The cost tools against the OCI emulator's Usage API: summaries, rankings, trend and forecast, the seeded spike.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { costSpike, TENANCY_ID, usageServices } from '../../infra/local/seed.ts'
import { useEmulator } from '../../test/support/emulator.ts'
import { errorCode, ok } from '../../test/support/results.ts'
import * as specs from './catalog.ts'
import { implementation } from './implementation.ts'
import { addDays, isoDay, startOfDay } from './period.ts'

const { tools: cost } = useEmulator(implementation)

const spikeDay = () => isoDay(addDays(startOfDay(new Date()), -costSpike.daysAgo))
const normalDaily = usageServices.reduce((s, u) => s + u.dailyCost, 0)

describe('cost_summarize_usage', () => {
  test('last 30 days per day by service: total, currency, series, top services', async () => {
    const r = await cost().call('cost_summarize_usage')
    const data = ok(r, specs.summarizeUsage)
    assert.equal(data.tenancy_id, TENANCY_ID)
    assert.equal((data.period as { days: number }).days, 30)
    assert.equal(data.currency, 'USD')
    const series = data.series as { period_start: string; cost: number }[]
    assert.equal(series.length, 30)
    assert.deepEqual(
      series.map((s) => s.period_start),
      [...series.map((s) => s.period_start)].sort(),
    )
    const total = data.total as number
    // 30 ordinary days plus the spike, give or take the weekly rhythm and noise.
    assert.ok(total > normalDaily * 30 * 0.6 && total < normalDaily * 30 * 1.5, String(total))
    const top = data.top_items as { name: string; share_pct: number }[]
    assert.equal(top[0].name, 'Compute')
    assert.deepEqual(top.map((t) => t.name).sort(), usageServices.map((s) => s.service).sort())
    assert.ok(Math.abs(top.reduce((s, t) => s + t.share_pct, 0) - 100) < 0.5)
    assert.equal(data.item_count, usageServices.length)
    assert.match(r.content[0].text, /\| Compute \|/)
  })

  test('per month by compartment, and without grouping', async () => {
    const monthly = ok(
      await cost().call('cost_summarize_usage', {
        granularity: 'MONTHLY',
        group_by: 'compartment',
        last_days: 60,
      }),
      specs.summarizeUsage,
    )
    assert.equal(monthly.granularity, 'MONTHLY')
    const series = monthly.series as { period_start: string }[]
    assert.ok(series.length >= 2 && series.length <= 3, JSON.stringify(series))
    assert.ok(series.every((s) => s.period_start.endsWith('-01')))
    assert.ok((monthly.top_items as { name: string }[]).some((t) => /prod/.test(t.name)))
    const none = ok(
      await cost().call('cost_summarize_usage', { group_by: 'none', last_days: 7 }),
      specs.summarizeUsage,
    )
    assert.deepEqual(none.top_items, [])
    assert.equal(none.item_count, 0)
    assert.ok((none.total as number) > 0)
  })

  test('bad periods are input errors', async () => {
    const h = cost()
    assert.equal(errorCode(await h.call('cost_summarize_usage', { last_days: 120 })), 'ERR_INPUT_INVALID')
    assert.equal(
      errorCode(await h.call('cost_summarize_usage', { start_date: '2026-01-01' })),
      'ERR_INPUT_INVALID',
    )
    assert.equal(
      errorCode(await h.call('cost_summarize_usage', { start_date: '2026-01-05', end_date: '2026-01-01' })),
      'ERR_INPUT_INVALID',
    )
    assert.equal(
      errorCode(await h.call('cost_summarize_usage', { start_date: '01/05/2026', end_date: 'x' })),
      'ERR_INPUT_INVALID',
    )
    assert.equal(
      errorCode(await h.call('cost_summarize_usage', { granularity: 'HOURLY' })),
      'ERR_INPUT_INVALID',
    )
  })
})

describe('rankings', () => {
  test('cost_by_service ranks Compute first, shares add up, the rest is summed in others', async () => {
    const all = ok(await cost().call('cost_by_service', { last_days: 30 }), specs.costByService)
    const items = all.items as {
      rank: number
      name: string
      cost: number
      share_pct: number
      daily_average: number
    }[]
    assert.deepEqual(
      items.map((i) => i.rank),
      [1, 2, 3, 4, 5],
    )
    assert.equal(items[0].name, 'Compute')
    assert.ok(items.every((i, n) => n === 0 || items[n - 1].cost >= i.cost))
    assert.ok(Math.abs(items.reduce((s, i) => s + i.share_pct, 0) - 100) < 0.5)
    assert.ok(Math.abs(items[0].daily_average - items[0].cost / 30) < 0.02)
    const two = ok(await cost().call('cost_by_service', { last_days: 30, limit: 2 }), specs.costByService)
    const others = two.others as { count: number; cost: number }
    assert.equal(others.count, 3)
    assert.ok(
      Math.abs(
        (two.items as { cost: number }[]).reduce((s, i) => s + i.cost, 0) +
          others.cost -
          (two.total as number),
      ) < 0.05,
    )
  })

  test('cost_by_compartment names compartment paths; a long period counts whole months', async () => {
    const r = ok(await cost().call('cost_by_compartment', { last_days: 30 }), specs.costByCompartment)
    const names = (r.items as { name: string }[]).map((i) => i.name)
    assert.ok(
      names.some((n) => /platform.*prod/.test(n)),
      names.join(),
    )
    assert.ok(
      names.some((n) => /finance/.test(n)),
      names.join(),
    )
    const long = ok(await cost().call('cost_by_compartment', { last_days: 120 }), specs.costByCompartment)
    assert.ok((long.period as { start_date: string }).start_date.endsWith('-01'))
  })
})

describe('cost_monthly_trend', () => {
  test('complete months, this month so far, and an explained forecast', async () => {
    const r = await cost().call('cost_monthly_trend', { months: 2 })
    const data = ok(r, specs.monthlyTrend)
    const months = data.months as { month: string; complete: boolean; cost: number }[]
    assert.equal(months.length, 3)
    assert.deepEqual(
      months.map((m) => m.complete),
      [true, true, false],
    )
    const forecast = data.forecast as {
      current_month: Record<string, unknown>
      next_month: Record<string, unknown>
    }
    const today = new Date()
    if (today.getUTCDate() > 1) {
      assert.equal(forecast.current_month.method, 'run_rate')
      assert.ok((forecast.current_month.forecast as number) > 0)
    }
    assert.equal(forecast.next_month.method, 'linear_regression')
    assert.equal(forecast.next_month.months_used, 2)
    assert.match(data.method as string, /least-squares/)
    assert.match(r.content[0].text, /Method:/)
  })
})

describe('cost_detect_anomalies', () => {
  test(`finds the seeded Compute spike ${costSpike.daysAgo} days ago at about ${costSpike.factor}× normal`, async () => {
    const r = await cost().call('cost_detect_anomalies')
    const data = ok(r, specs.detectAnomalies)
    const anomalies = data.anomalies as Record<string, unknown>[]
    assert.equal(anomalies.length, 1, JSON.stringify(anomalies))
    const [a] = anomalies
    assert.equal(a.service, 'Compute')
    assert.equal(a.day, spikeDay())
    assert.equal(a.direction, 'spike')
    assert.ok((a.z_score as number) > 3.5)
    assert.ok(Math.abs((a.times_normal as number) - costSpike.factor) < 0.6, String(a.times_normal))
    assert.match(a.explanation as string, /Compute cost .* 4\.\d× its normal/)
    assert.match(data.statistic as string, /0\.6745·\(x − median\)\/MAD/)
    assert.equal(data.series_analyzed, usageServices.length)
    assert.match(r.content[0].text, /Statistic:/)
  })

  test('by compartment it names platform/prod', async () => {
    const data = ok(
      await cost().call('cost_detect_anomalies', { by_compartment: true }),
      specs.detectAnomalies,
    )
    const anomalies = data.anomalies as Record<string, string>[]
    assert.equal(anomalies.length, 1, JSON.stringify(anomalies))
    assert.equal(anomalies[0].service, 'Compute')
    assert.match(anomalies[0].compartment, /platform.*prod/)
  })

  test('a huge threshold and minimum change find nothing; too short a window is refused', async () => {
    const quiet = ok(
      await cost().call('cost_detect_anomalies', { threshold: 50, min_change_pct: 1000 }),
      specs.detectAnomalies,
    )
    assert.deepEqual(quiet.anomalies, [])
    assert.equal(
      errorCode(await cost().call('cost_detect_anomalies', { window_days: 3 })),
      'ERR_INPUT_INVALID',
    )
  })
})

test('every cost tool is read-only and stays listed with mutations off', () => {
  const names = cost({ MCP_ENABLE_MUTATIONS: 'false' })
    .list()
    .map((t) => t.name)
  assert.deepEqual(names.sort(), specs.catalog.tools.map((t) => t.name).sort())
})
