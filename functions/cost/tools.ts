// The cost tools: each runs its report and writes it as markdown.
import { mdFields, mdTable } from '../core/format.ts'
import { implement } from '../core/tool-runner.ts'
import * as specs from './catalog.ts'
import {
  type AnomalyData,
  byCompartment,
  byService,
  detectAnomalies,
  monthlyTrend,
  type RankingData,
  summarize,
} from './reports.ts'

const withCurrency = (n: number, currency: string) => `${n.toFixed(2)}${currency ? ` ${currency}` : ''}`
const periodText = (p: { start_date: string; end_date: string; days: number }) =>
  `${p.start_date} – ${p.end_date} (${p.days} days)`

export const summarizeUsageTool = implement(specs.summarizeUsage, async (input, ctx) => {
  const data = await summarize(ctx, input)
  const parts = [
    `## Cost ${periodText(data.period)}`,
    mdFields([
      ['Total', withCurrency(data.total, data.currency)],
      ['Granularity', data.granularity],
      ['Tenancy', data.tenancy_id],
    ]),
  ]
  if (data.group_by !== 'none') {
    parts.push(
      `### Top ${data.top_items.length} of ${data.item_count} by ${data.group_by}`,
      mdTable(data.top_items, [
        ['name', data.group_by === 'service' ? 'Service' : 'Compartment'],
        ['cost', 'Cost'],
        ['share_pct', 'Share %'],
      ]),
    )
  }
  parts.push(
    `### Per ${data.granularity === 'DAILY' ? 'day' : 'month'}`,
    mdTable(data.series, [
      ['period_start', data.granularity === 'DAILY' ? 'Day' : 'Month'],
      ['cost', 'Cost'],
    ]),
  )
  return { data, markdown: parts.join('\n\n') }
})

function rankingMarkdown(title: string, data: RankingData): string {
  const rows = [
    ...data.items,
    ...(data.others
      ? [{ rank: '', name: `(${data.others.count} more)`, ...data.others, daily_average: '' }]
      : []),
  ]
  return [
    `## ${title}, ${periodText(data.period)}`,
    `Total ${withCurrency(data.total, data.currency)} across ${data.item_count}.`,
    mdTable(rows as Record<string, unknown>[], [
      ['rank', '#'],
      ['name', 'Name'],
      ['cost', 'Cost'],
      ['share_pct', 'Share %'],
      ['daily_average', 'Per day'],
    ]),
  ].join('\n\n')
}

export const costByServiceTool = implement(specs.costByService, async (input, ctx) => {
  const data = await byService(ctx, input)
  return { data, markdown: rankingMarkdown('Cost by service', data) }
})

export const costByCompartmentTool = implement(specs.costByCompartment, async (input, ctx) => {
  const data = await byCompartment(ctx, input)
  return { data, markdown: rankingMarkdown('Cost by compartment', data) }
})

export const monthlyTrendTool = implement(specs.monthlyTrend, async (input, ctx) => {
  const data = await monthlyTrend(ctx, input)
  const { current_month: cur, next_month: next } = data.forecast
  const rows = data.months.map((m) => ({
    ...m,
    note: m.complete
      ? 'complete'
      : m.data_from
        ? `partial: data from ${m.data_from}, not in the line`
        : `so far (${cur.days_elapsed} days)`,
  }))
  return {
    data,
    markdown: [
      `## Monthly cost${data.currency ? ` (${data.currency})` : ''}`,
      mdTable(rows, [
        ['month', 'Month'],
        ['cost', 'Cost'],
        ['note', 'Status'],
      ]),
      '### Forecast',
      mdFields([
        [`${cur.month} (${cur.method.replace('_', ' ')})`, cur.forecast],
        [`${next.month} (${next.method.replace('_', ' ')})`, next.forecast],
        ['R²', next.r_squared],
      ]),
      `**Method:** ${data.method}`,
    ].join('\n\n'),
  }
})

function anomaliesMarkdown(data: AnomalyData): string {
  const head = `## Cost anomalies, ${periodText(data.period)}`
  const summary =
    data.anomalies.length === 0
      ? `No anomalies among ${data.series_analyzed} series (threshold ${data.threshold}).`
      : `${data.total_anomalies} anomal${data.total_anomalies === 1 ? 'y' : 'ies'} among ${data.series_analyzed} series:\n\n${data.anomalies.map((a) => `- ${a.explanation}`).join('\n')}`
  const table = data.anomalies.length
    ? `\n\n${mdTable(data.anomalies, [
        ['day', 'Day'],
        ['service', 'Service'],
        ['compartment', 'Compartment'],
        ['cost', 'Cost'],
        ['normal', 'Normal'],
        ['times_normal', '× normal'],
        ['z_score', 'z'],
      ])}`
    : ''
  return `${head}\n\n${summary}${table}\n\n**Statistic:** ${data.statistic}`
}

export const detectAnomaliesTool = implement(specs.detectAnomalies, async (input, ctx) => {
  const data = await detectAnomalies(ctx, input)
  return { data, markdown: anomaliesMarkdown(data) }
})
