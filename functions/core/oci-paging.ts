// One page of an OCI list call: collectPage over opc-next-page tokens, each request through ociCall, within the response budget.
import { intSetting } from './config.ts'
import { ociCall } from './oci-clients.ts'
import { type CollectedPage, collectPage } from './paging.ts'
import type { ToolContext } from './tool-runner.ts'

/** The part of an OCI list response paging needs; nested collections are lifted into `items` by the caller. */
export interface OciListResponse<T> {
  items: T[]
  opcNextPage?: string | null
}

/** The paging parameters an OCI list request takes. */
export interface OciPageParams {
  limit: number
  page?: string
}

/**
 * Reads the tool's page (`cursor`, `limit`) of an OCI list: `list` sends one request with the given
 * paging parameters, `what` names it in errors, `map` turns each upstream item into a result row.
 */
export function ociListPage<T, R>(
  ctx: ToolContext,
  page: { cursor?: string; limit: number },
  what: string,
  list: (params: OciPageParams) => Promise<OciListResponse<T>>,
  map: (item: T) => R,
): Promise<CollectedPage<R>> {
  return collectPage<R>({
    cursor: page.cursor,
    limit: page.limit,
    budgetBytes: intSetting('MCP_RESPONSE_BUDGET_BYTES', ctx.env),
    fetchPage: async (token, want) => {
      const r = await ociCall(ctx, what, () => list({ limit: want, page: token ?? undefined }))
      return { next: r.opcNextPage, items: r.items.map(map) }
    },
  })
}
