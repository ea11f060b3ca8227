// skills_cost_report: the cost group's reports — rankings, trend and forecast, anomalies — in one answer,
// optionally narrowed to one compartment subtree by its path.
import { mdTable } from '../core/format.ts'
import { implement } from '../core/tool-runner.ts'
import { byCompartment, byService, detectAnomalies, monthlyTrend } from '../cost/reports.ts'
import { costReport } from './catalog.ts'

const round2 = (n: number) => Math.round(n * 100) / 100

/** A compartment path such as `example/platform/prod` is inside `platform` when a segment run matches. */
const within = (path: string | undefined, scope: string) =>
  path !== undefined && `/${path}/`.includes(`/${scope.replace(/^\/|\/$/g, '')}/`)

export const costReportTool = implement(costReport, async (input, ctx) => {
  const scoped = input.compartment
  const period = { last_days: input.days, region: input.region }
  const [compartments, services, trend, anomalies] = await Promise.all([
    byCompartment(ctx, { ...period, limit: 100 }),
    byService(ctx, { ...period, limit: 20 }),
    monthlyTrend(ctx, { months: 3, region: input.region }),
    detectAnomalies(ctx, {
      window_days: Math.max(14, input.days),
      by_compartment: true,
      region: input.region,
    }),
  ])
  const inScope = compartments.items.filter((c) => !scoped || within(c.name, scoped))
  const total = round2(scoped ? inScope.reduce((s, c) => s + c.cost, 0) : compartments.total)
  const share = (cost: number) => (total > 0 ? Math.round((1000 * cost) / total) / 10 : 0)
  const unusual = anomalies.anomalies.filter((a) => !scoped || within(a.compartment, scoped))
  const highlights: string[] = []
  for (const a of unusual.slice(0, 3)) highlights.push(a.explanation)
  const top = scoped ? undefined : services.items[0]
  if (top) highlights.push(`${top.name} is ${top.share_pct}% of spend (${top.cost} ${services.currency}).`)
  const next = trend.forecast.next_month
  if (trend.forecast.current_month.forecast > 0) {
    const change = round2(
      ((next.forecast - trend.forecast.current_month.forecast) / trend.forecast.current_month.forecast) * 100,
    )
    highlights.push(
      `Next month is forecast at ${next.forecast} ${trend.currency} (${change >= 0 ? '+' : ''}${change}% on this month’s run-rate).`,
    )
  }
  if (scoped && inScope.length === 0)
    highlights.unshift(
      `No cost was recorded under compartment path “${scoped}”; check the path (see by_compartment of an unscoped report).`,
    )
  const data = {
    scope: scoped ?? 'tenancy',
    period: {
      start_date: compartments.period.start_date,
      end_date: compartments.period.end_date,
      days: compartments.period.days,
    },
    currency: compartments.currency,
    total,
    by_service: scoped
      ? []
      : services.items.map((s) => ({ name: s.name, cost: s.cost, share_pct: s.share_pct })),
    by_compartment: inScope.map((c) => ({
      name: c.name,
      cost: c.cost,
      share_pct: scoped ? share(c.cost) : c.share_pct,
    })),
    forecast: {
      current_month: trend.forecast.current_month.forecast,
      next_month: next.forecast,
      method: trend.method,
    },
    anomalies: unusual.map((a) => ({
      day: a.day,
      service: a.service,
      compartment: a.compartment,
      cost: a.cost,
      explanation: a.explanation,
    })),
    highlights,
  }
  const markdown = [
    `## Cost report — ${data.scope}, ${data.period.start_date} to ${data.period.end_date}`,
    '',
    `**Total:** ${total} ${data.currency}`,
    '',
    ...highlights.map((h) => `- ${h}`),
    '',
    ...(data.by_service.length
      ? [
          '### By service',
          mdTable(data.by_service, [
            ['name', 'Service'],
            ['cost', 'Cost'],
            ['share_pct', '%'],
          ]),
          '',
        ]
      : []),
    '### By compartment',
    mdTable(data.by_compartment, [
      ['name', 'Compartment'],
      ['cost', 'Cost'],
      ['share_pct', '%'],
    ]),
    '',
    '### Unusual days',
    data.anomalies.length
      ? mdTable(data.anomalies, [
          ['day', 'Day'],
          ['service', 'Service'],
          ['compartment', 'Compartment'],
          ['cost', 'Cost'],
        ])
      : '_none_',
    '',
    `Forecast (tenancy): this month ${data.forecast.current_month}, next month ${data.forecast.next_month} ${data.currency}. ${data.forecast.method}`,
  ].join('\n')
  return { data, markdown }
})
