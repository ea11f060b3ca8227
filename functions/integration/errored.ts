// integration_list_errored_instances (limit/offset inside the opaque cursor) and integration_resubmit_errored_instance.
import { intSetting } from '../core/config.ts'
import { mdTable, pageFooter } from '../core/format.ts'
import { collectPage } from '../core/paging.ts'
import { implement } from '../core/tool-runner.ts'
import { listErroredInstances, resubmitErroredInstance } from './catalog.ts'
import { oicRequest } from './oic-client.ts'
import { asObject, items, type Json, num, pageFields, qFilter, str } from './values.ts'

/** OIC returns at most this many per request. */
const OIC_PAGE = 100

function instanceOf(o: Json) {
  const integration = asObject(o.integration)
  const recoverable = o.recoverable
  return {
    id: str(o, 'id') ?? '',
    integration_id:
      str(integration, 'id') ??
      (str(integration, 'code')
        ? `${str(integration, 'code')}|${str(integration, 'version') ?? ''}`
        : undefined),
    integration_name: str(integration, 'name'),
    status: str(o, 'status'),
    error_message: str(o, 'errorMessage'),
    fault_id: str(o, 'faultId'),
    recoverable: typeof recoverable === 'boolean' ? recoverable : undefined,
    retry_count: num(o, 'retryCount'),
    primary_name: str(o, 'primaryName'),
    primary_value: str(o, 'primaryValue'),
    creation_date: str(o, 'creationDate'),
    last_tracked_time: str(o, 'lastTrackedTime'),
  }
}

export const listErroredInstancesTool = implement(listErroredInstances, async (input, ctx) => {
  const [code, version] = input.integration_id?.split('|') ?? []
  const q = qFilter({ timewindow: input.time_window, code, version })
  let total: number | undefined
  const page = await collectPage({
    cursor: input.cursor,
    limit: input.limit,
    budgetBytes: intSetting('MCP_RESPONSE_BUDGET_BYTES', ctx.env),
    // The upstream "page token" is the offset of the page's first item.
    fetchPage: async (token, want) => {
      const offset = token === null ? 0 : Number(token)
      const limit = Math.min(want, OIC_PAGE)
      const { body } = await oicRequest(ctx, 'Listing errored instances', {
        method: 'GET',
        path: '/monitoring/errors',
        query: { q, limit, offset: Number.isSafeInteger(offset) && offset >= 0 ? offset : 0 },
      })
      const list = items(body)
      total = num(asObject(body), 'total-results', 'totalResults', 'total-records-count')
      const flag = asObject(body).hasMore
      const hasMore =
        total !== undefined
          ? offset + list.length < total
          : typeof flag === 'boolean'
            ? flag
            : list.length === limit
      return {
        items: list.map(instanceOf),
        next: hasMore && list.length > 0 ? String(offset + list.length) : null,
      }
    },
  })
  const data = {
    time_window: input.time_window,
    ...(total !== undefined ? { total_results: total } : {}),
    instances: page.items,
    ...pageFields(page),
  }
  const rows = page.items.map((i) => ({
    ...i,
    business: i.primary_name ? `${i.primary_name}=${i.primary_value ?? ''}` : '',
    recover: i.recoverable === undefined ? '' : i.recoverable ? 'yes' : 'no',
  }))
  const table = mdTable(rows, [
    ['id', 'Id'],
    ['integration_id', 'Integration'],
    ['error_message', 'Error'],
    ['business', 'Business id'],
    ['recover', 'Recoverable'],
    ['retry_count', 'Retries'],
    ['last_tracked_time', 'Last update'],
  ])
  const of = total !== undefined ? `: ${total} in total` : ''
  return {
    data,
    markdown: `## Errored instances (${input.time_window})${of}\n\n${table}${pageFooter(data, page.items.length)}`,
  }
})

export const resubmitErroredInstanceTool = implement(resubmitErroredInstance, async (input, ctx) => {
  const { status, body } = await oicRequest(ctx, `Resubmitting errored instance ${input.error_id}`, {
    method: 'POST',
    path: `/monitoring/errors/${encodeURIComponent(input.error_id)}/resubmit`,
  })
  const b = asObject(body)
  // OIC generations name the flag differently; a 2xx without one means accepted.
  const flag = ['resubmit-successful', 'resubmitSuccessful', 'resubmitRequested'].map((k) => b[k])
  const accepted = (flag.find((v) => typeof v === 'boolean') as boolean | undefined) ?? true
  const recoveryJobId = str(b, 'recoveryJobId', 'recovery-job-id')
  const message = str(b, 'message')
  const outcome = accepted
    ? `Oracle Integration accepted the resubmission (HTTP ${status})${recoveryJobId ? `, recovery job ${recoveryJobId}` : ''}. The instance runs again; check integration_list_errored_instances in a few minutes to see whether it failed again.`
    : `Oracle Integration did not resubmit the instance (HTTP ${status})${message ? `: ${message}` : ''}.`
  const data = {
    error_id: input.error_id,
    accepted,
    http_status: status,
    outcome,
    ...(recoveryJobId ? { recovery_job_id: recoveryJobId } : {}),
  }
  return { data, markdown: `## Resubmission of \`${input.error_id}\`\n\n${outcome}` }
})
