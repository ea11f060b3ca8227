// Cost tools as the router sees them: usage summaries, rankings, the monthly trend with a forecast, anomalies.
import { z } from 'zod'
import { defineTool, type GroupCatalog, regionField, responseFormat } from '../core/catalog.ts'

export const MAX_PERIOD_DAYS = 366
export const MAX_DAILY_WINDOW = 93

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
const periodInput = {
  start_date: day
    .optional()
    .describe('First day of the period (UTC, inclusive), YYYY-MM-DD. Give with end_date, or use last_days.'),
  end_date: day
    .optional()
    .describe('Last day of the period (UTC, inclusive), YYYY-MM-DD; today at the latest.'),
  last_days: z
    .number()
    .int()
    .min(1)
    .max(MAX_PERIOD_DAYS)
    .optional()
    .describe(
      'The N complete days before today (today’s usage is still arriving). Default 30 when no dates.',
    ),
}
const compartmentDepth = z
  .number()
  .int()
  .min(1)
  .max(7)
  .default(7)
  .describe(
    'How deep compartment paths go: 1 = the tenancy, 2 = top-level compartments (deeper ones add up into them), 7 = all.',
  )

const readOnly = { readOnlyHint: true, idempotentHint: true, openWorldHint: true } as const

const period = z
  .object({
    start_date: z.string().describe('First day, inclusive.'),
    end_date: z.string().describe('Last day, inclusive.'),
    days: z.number().int().describe('Days in the period.'),
  })
  .describe('The period actually queried (MONTHLY widens it to whole months).')
const money = z.number().describe('Cost in the tenancy’s billing currency, rounded to cents.')
const currency = z.string().describe('ISO currency code of the costs, e.g. USD; empty when OCI gave none.')
const share = z.number().describe('Percent of the period’s total cost.')

export const dimensions = ['service', 'compartment', 'none'] as const

export const summarizeUsage = defineTool({
  name: 'cost_summarize_usage',
  title: 'Summarize costs over a period',
  description:
    'Total cost of the tenancy over a period, per day or per month, with the top services or compartments. Start here for "what did we spend"; then use cost_by_service / cost_by_compartment for a full ranking, cost_monthly_trend for a forecast, cost_detect_anomalies for unusual days.',
  input: z.object({
    ...periodInput,
    granularity: z
      .enum(['DAILY', 'MONTHLY'])
      .default('DAILY')
      .describe('DAILY: one value per day (at most 93 days); MONTHLY: per calendar month (whole months).'),
    group_by: z
      .enum(dimensions)
      .default('service')
      .describe('Rank the top items by service, by compartment path, or not at all (none).'),
    top: z.number().int().min(1).max(50).default(10).describe('How many top items to list (1–50).'),
    compartment_depth: compartmentDepth,
    region: regionField,
    response_format: responseFormat,
  }),
  output: z.object({
    tenancy_id: z.string(),
    period,
    granularity: z.enum(['DAILY', 'MONTHLY']),
    group_by: z.enum(dimensions),
    currency,
    total: money,
    series: z
      .array(z.object({ period_start: z.string().describe('Day or month start, YYYY-MM-DD.'), cost: money }))
      .describe('Total cost per day or month, oldest first.'),
    top_items: z.array(z.object({ name: z.string(), cost: money, share_pct: share })),
    item_count: z.number().int().describe('How many services or compartments had cost (0 for none).'),
  }),
  access: 'read',
  annotations: readOnly,
})

const rankingInput = {
  ...periodInput,
  limit: z.number().int().min(1).max(200).default(25).describe('Most ranked items to return (1–200).'),
  region: regionField,
  response_format: responseFormat,
}

const rankingOutput = {
  tenancy_id: z.string(),
  period,
  currency,
  total: money,
  items: z.array(
    z.object({
      rank: z.number().int(),
      name: z.string().describe('Service name, or compartment path.'),
      cost: money,
      share_pct: share,
      daily_average: money.describe('Cost per day over the period.'),
    }),
  ),
  others: z
    .object({ count: z.number().int(), cost: money, share_pct: share })
    .optional()
    .describe('What the items beyond the limit add up to.'),
  item_count: z.number().int(),
}

export const costByService = defineTool({
  name: 'cost_by_service',
  title: 'Rank costs by service',
  description:
    'Ranks OCI services by cost over a period, with each one’s share of the total and daily average. Periods over 93 days are counted in whole months. Follow up a large or growing service with cost_detect_anomalies or cost_monthly_trend.',
  input: z.object(rankingInput),
  output: z.object(rankingOutput),
  access: 'read',
  annotations: readOnly,
})

export const costByCompartment = defineTool({
  name: 'cost_by_compartment',
  title: 'Rank costs by compartment',
  description:
    'Ranks compartments (by path, e.g. tenancy/platform/prod) by cost over a period, with share of the total and daily average. compartment_depth rolls deeper compartments up into their ancestors. Periods over 93 days are counted in whole months.',
  input: z.object({ ...rankingInput, compartment_depth: compartmentDepth }),
  output: z.object(rankingOutput),
  access: 'read',
  annotations: readOnly,
})

export const monthlyTrend = defineTool({
  name: 'cost_monthly_trend',
  title: 'Monthly cost trend and forecast',
  description:
    'Cost of each of the last N complete months, this month so far, and a forecast for this month (run-rate: this month’s daily average × days in the month) and next month (least-squares line through the complete months, with its R²). The output explains the method; treat a low R² as a weak forecast.',
  input: z.object({
    months: z.number().int().min(2).max(12).default(6).describe('Complete months to look back on (2–12).'),
    region: regionField,
    response_format: responseFormat,
  }),
  output: z.object({
    tenancy_id: z.string(),
    currency,
    months: z
      .array(
        z.object({
          month: z.string().describe('YYYY-MM'),
          cost: money,
          complete: z.boolean(),
          data_from: z
            .string()
            .optional()
            .describe(
              'YYYY-MM-DD: the usage data begins on this day, so the month is partial and left out of the line.',
            ),
        }),
      )
      .describe('Oldest first; the last one is the current month so far.'),
    forecast: z.object({
      current_month: z.object({
        month: z.string(),
        method: z.enum(['run_rate', 'linear_regression']),
        month_to_date: money,
        days_elapsed: z.number().int().describe('Complete days of this month with data.'),
        days_in_month: z.number().int(),
        daily_average: money.optional(),
        forecast: money,
      }),
      next_month: z.object({
        month: z.string(),
        method: z.enum(['linear_regression', 'run_rate']),
        forecast: money,
        slope_per_month: money.optional().describe('How much the line rises (or falls) per month.'),
        r_squared: z
          .number()
          .nullable()
          .optional()
          .describe('Fit of the line, 0–1; null when costs are flat.'),
        months_used: z.number().int(),
      }),
    }),
    method: z.string().describe('How the forecast was made, in words, with the fit.'),
  }),
  access: 'read',
  annotations: readOnly,
})

export const detectAnomalies = defineTool({
  name: 'cost_detect_anomalies',
  title: 'Detect unusual cost days',
  description:
    'Finds days whose cost is far from normal for their service (and compartment, with by_compartment), over a window of daily costs (default 30 days). Robust statistic: per series the median and MAD, modified z-score 0.6745·(x − median)/MAD, flagged beyond the threshold (default 3.5); quiet weekends are factored out first. Each anomaly names the day, service, compartment, cost, the normal cost and how far off it is. Investigate a spike with the compute or observability tools for that compartment and day.',
  input: z.object({
    window_days: z
      .number()
      .int()
      .min(7)
      .max(MAX_DAILY_WINDOW)
      .default(30)
      .describe('Complete days before today to analyze (7–93).'),
    threshold: z
      .number()
      .min(1)
      .max(50)
      .default(3.5)
      .describe('Modified z-score beyond which a day is anomalous; 3.5 is the usual cut-off.'),
    by_compartment: z
      .boolean()
      .default(false)
      .describe('true: one series per service and compartment path; false: per service.'),
    direction: z
      .enum(['spikes', 'drops', 'both'])
      .default('spikes')
      .describe('spikes: costs above normal; drops: below (a stopped workload); both.'),
    min_daily_cost: z
      .number()
      .min(0)
      .default(1)
      .describe('Skip series whose median day costs less than this (pennies are noise).'),
    min_change_pct: z
      .number()
      .min(0)
      .max(1000)
      .default(20)
      .describe('Also require the day to differ from normal by at least this percent.'),
    weekly_adjustment: z
      .boolean()
      .default(true)
      .describe('Compare each day with its weekday’s typical level, so quiet weekends are not flagged.'),
    limit: z.number().int().min(1).max(100).default(20).describe('Most anomalies to return, largest first.'),
    compartment_depth: compartmentDepth,
    region: regionField,
    response_format: responseFormat,
  }),
  output: z.object({
    tenancy_id: z.string(),
    period,
    currency,
    threshold: z.number(),
    series_analyzed: z.number().int(),
    anomalies: z.array(
      z.object({
        day: z.string().describe('YYYY-MM-DD'),
        service: z.string(),
        compartment: z.string().optional().describe('Compartment path (with by_compartment).'),
        cost: money,
        normal: money.describe('Expected cost that day: the series median, weekday-adjusted.'),
        median: money.describe('Plain median day of the series.'),
        z_score: z.number().describe('Modified z-score; positive above normal.'),
        times_normal: z.number().nullable().describe('cost ÷ normal; null when normal is 0.'),
        direction: z.enum(['spike', 'drop']),
        explanation: z.string(),
      }),
    ),
    total_anomalies: z.number().int().describe('Anomalies found before the limit.'),
    statistic: z.string().describe('How anomalies were decided, in words.'),
  }),
  access: 'read',
  annotations: readOnly,
})

const costReviewGuide = {
  name: 'cost_review_guide',
  title: 'Review OCI costs',
  description:
    'Walks an agent through a cost review: totals, rankings, trend and forecast, anomalies, report.',
  arguments: [
    {
      name: 'period',
      description: 'What to review, e.g. "last 30 days" or "2026-01" (default: last 30 days).',
    },
    { name: 'focus', description: 'Optional service or compartment to look at closely.' },
  ],
  render: (args: Record<string, string>) => {
    const period = args.period || 'the last 30 days'
    const focus = args.focus ? `\nPay particular attention to ${args.focus}.` : ''
    return `You are reviewing Oracle Cloud Infrastructure costs for ${period}.${focus}

Work through these steps with the cost tools, and quote the numbers they return (never invent any):

1. cost_summarize_usage for the period (group_by service): the total, the currency, the daily or monthly series, the top services.
2. cost_by_service and cost_by_compartment for the same period: who spends what, with shares of the total. Note any service or compartment above 25 %.
3. cost_monthly_trend (months 6): the month-by-month direction, this month's run-rate forecast and next month's regression forecast. Say how good the fit (R²) is; below 0.5 the forecast is a rough guide only.
4. cost_detect_anomalies (window_days 30, then by_compartment true to locate them): for each anomaly give the day, service, compartment, cost, normal cost, z-score and ×normal. Explain that the statistic is the modified z-score over median and MAD, beyond 3.5.
5. For a spike, suggest what to check next (instances launched or resized in that compartment around that day, scaling events) — do not change anything.

Finish with a short report: total and trend, the top three cost drivers, anomalies with their likely cause, and two or three concrete savings actions.`
  },
}

export const catalog: GroupCatalog = {
  group: 'cost',
  title: 'OCI Cost',
  description:
    'What the tenancy spends (OCI Usage API): totals per day or month, rankings by service and compartment, the monthly trend with a forecast, and unusual cost days. Read-only.',
  tools: [summarizeUsage, costByService, costByCompartment, monthlyTrend, detectAnomalies],
  prompts: [costReviewGuide],
}
