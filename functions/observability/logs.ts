// observability_search_logs, and `searchLogs` for other callers (skills): one page of a bounded Logging search.
import type { z } from 'zod'
import { setting } from '../core/config.ts'
import { McpFunctionsError } from '../core/errors.ts'
import { pageFooter } from '../core/format.ts'
import { ociListPage } from '../core/oci-paging.ts'
import { implement, type ToolContext } from '../core/tool-runner.ts'
import { pageFields } from '../core/values.ts'
import { LOGS_DEFAULT_LAST, LOGS_MAX_RANGE_DAYS, searchLogs as searchLogsSpec } from './catalog.ts'
import { logSearch } from './clients.ts'
import { buildLogQuery, checkLogQuery, codeBlock, renderLogLines, toLogEntry } from './log-entries.ts'
import { resolveTimeRange } from './time-range.ts'

export type LogSearchResult = z.output<typeof searchLogsSpec.output>

export interface LogSearchParams {
  query?: string
  compartment_id?: string
  log_group_id?: string
  log_id?: string
  filter?: string
  last?: string
  start?: string
  end?: string
  limit?: number
  cursor?: string
  region?: string
}

/** Runs a Logging search over a range of at most LOGS_MAX_RANGE_DAYS and returns one page, newest first. */
export async function searchLogs(ctx: ToolContext, params: LogSearchParams): Promise<LogSearchResult> {
  const range = resolveTimeRange(params, {
    defaultLast: LOGS_DEFAULT_LAST,
    maxMs: LOGS_MAX_RANGE_DAYS * 86_400_000,
  })
  const scoped = params.compartment_id ?? params.log_group_id ?? params.log_id ?? params.filter
  if (params.query !== undefined && scoped !== undefined) {
    throw new McpFunctionsError(
      'ERR_INPUT_INVALID',
      'Give either query, or compartment_id/log_group_id/log_id/filter',
      {
        hint: 'A full query already names its scope and stages; otherwise leave query out and let the tool build it.',
      },
    )
  }
  const { client, signer } = await logSearch(ctx, params.region)
  const query =
    params.query !== undefined
      ? checkLogQuery(params.query)
      : buildLogQuery(
          {
            compartmentId:
              params.compartment_id ?? setting('OCI_COMPARTMENT_ID', ctx.env) ?? signer.tenancyId,
            logGroupId: params.log_group_id,
            logId: params.log_id,
          },
          params.filter,
        )
  const page = await ociListPage(
    ctx,
    { cursor: params.cursor, limit: params.limit ?? 50 },
    'Searching logs',
    (p) =>
      client
        .searchLogs({
          searchLogsDetails: {
            searchQuery: query,
            timeStart: range.start,
            timeEnd: range.end,
            isReturnFieldInfo: false,
          },
          ...p,
        })
        .then((r) => ({ ...r, items: r.searchResponse.results ?? [] })),
    toLogEntry,
  )
  return {
    query,
    start_time: range.start.toISOString(),
    end_time: range.end.toISOString(),
    results: page.items,
    ...pageFields(page),
  }
}

export const searchLogsTool = implement(searchLogsSpec, async (input, ctx) => {
  const data = await searchLogs(ctx, input)
  const head = `## Log search, ${data.start_time} → ${data.end_time}\n\nQuery run:\n\n${codeBlock(data.query)}`
  return {
    data,
    markdown: `${head}\n\n${renderLogLines(data.results)}${pageFooter(data, data.results.length)}`,
  }
})
