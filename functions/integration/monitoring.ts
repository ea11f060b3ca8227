// integration_get_message_summary and integration_get_message_metrics.
import { setting } from '../core/config.ts'
import { mdFields, mdTable } from '../core/format.ts'
import { implement, type ToolContext } from '../core/tool-runner.ts'
import { getMessageMetrics, getMessageSummary } from './catalog.ts'
import { oicRequest } from './oic-client.ts'
import { asObject, items, type Json, num, qFilter, str, successRate } from './values.ts'

export const getMessageSummaryTool = implement(getMessageSummary, async (input, ctx) => {
  const { body } = await oicRequest(ctx, 'Reading the message summary', {
    method: 'GET',
    path: '/monitoring/integrations/messages/summary',
    query: { q: input.time_window ? qFilter({ timewindow: input.time_window }) : undefined },
  })
  const root = asObject(body)
  const s = asObject(root['message-summary'] ?? root.messageSummary ?? root)
  const processed = num(s, 'processedCount', 'processed', 'totalProcessed') ?? 0
  const succeeded = num(s, 'succeededCount', 'successCount', 'succeeded', 'totalSucceeded') ?? 0
  const data = {
    time_window: input.time_window ?? 'RETENTIONPERIOD',
    integration_instance: setting('OIC_INTEGRATION_INSTANCE', ctx.env),
    data_fetch_time: str(root, 'data-fetch-time', 'dataFetchTime'),
    total: num(s, 'totalCount', 'total', 'totalMessages') ?? 0,
    processed,
    succeeded,
    errored: num(s, 'erroredCount', 'errorCount', 'errored', 'totalErrored') ?? 0,
    aborted: num(s, 'abortedCount', 'aborted', 'totalAborted') ?? 0,
    success_rate_pct: successRate(succeeded, processed),
  }
  const health =
    data.errored > 0 ? `**${data.errored} errored** — see integration_get_message_metrics.` : 'No errors.'
  return {
    data,
    markdown: `## Oracle Integration messages (${data.time_window})\n\n${mdFields([
      ['Instance', data.integration_instance],
      ['Total', data.total],
      ['Processed', data.processed],
      ['Succeeded', data.succeeded],
      ['Errored', data.errored],
      ['Aborted', data.aborted],
      ['Success rate %', data.success_rate_pct],
      ['Data as of', data.data_fetch_time],
    ])}\n\n${health}`,
  }
})

function metricsOf(o: Json) {
  const id = str(o, 'id') ?? `${str(o, 'code') ?? ''}|${str(o, 'version') ?? ''}`
  const [code, version] = id.split('|')
  const processed = num(o, 'noOfMsgsProcessed') ?? 0
  const succeeded = num(o, 'noOfSuccess') ?? 0
  return {
    id,
    code: str(o, 'code') ?? code,
    version: str(o, 'version') ?? version ?? '',
    name: str(o, 'name'),
    status: str(o, 'status', 'flowStatus'),
    received: num(o, 'noOfMsgsReceived') ?? 0,
    processed,
    succeeded,
    errored: num(o, 'noOfErrors') ?? 0,
    aborted: num(o, 'noOfAborted'),
    success_rate_pct: num(o, 'successRate') ?? successRate(succeeded, processed),
    last_updated: str(o, 'lastUpdated'),
  }
}

/** Every integration's counters; OIC pages with limit/offset. */
async function allIntegrations(ctx: ToolContext, q: string) {
  const out: Json[] = []
  const limit = 100
  for (let offset = 0; offset < 1000; offset += limit) {
    const { body } = await oicRequest(ctx, 'Listing integration metrics', {
      method: 'GET',
      path: '/monitoring/integrations',
      query: { q, limit, offset },
    })
    const page = items(body)
    out.push(...page)
    const total = num(asObject(body), 'totalResults', 'total-results')
    if (page.length < limit || (total !== undefined && offset + page.length >= total)) break
  }
  return out
}

export const getMessageMetricsTool = implement(getMessageMetrics, async (input, ctx) => {
  const q = qFilter({ timewindow: input.time_window })
  const raw = input.integration_id
    ? [
        asObject(
          (
            await oicRequest(ctx, `Reading metrics of ${input.integration_id}`, {
              method: 'GET',
              path: `/monitoring/integrations/${encodeURIComponent(input.integration_id)}`,
              query: { q },
            })
          ).body,
        ),
      ]
    : await allIntegrations(ctx, q)
  const integrations = raw.map(metricsOf).sort((a, b) => b.errored - a.errored || a.id.localeCompare(b.id))
  const data = { time_window: input.time_window, integrations }
  const table = mdTable(integrations, [
    ['id', 'Integration'],
    ['name', 'Name'],
    ['received', 'Received'],
    ['succeeded', 'Succeeded'],
    ['errored', 'Errored'],
    ['success_rate_pct', 'Success %'],
  ])
  return { data, markdown: `## Integration metrics (${input.time_window})\n\n${table}` }
})
