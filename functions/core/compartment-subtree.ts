// Lists one kind of resource across a compartment and its accessible descendants for services whose list calls
// take a single compartment (compute, VCNs, Autonomous Databases, buckets): identity names the subtree, each
// compartment is listed in turn, and one opaque cursor carries the place (compartment, upstream page) between calls.
import { IdentityClient, type models, requests } from 'oci-identity'
import { intSetting } from './config.ts'
import { McpFunctionsError } from './errors.ts'
import { ociCall, ociClient } from './oci-clients.ts'
import { type OciListResponse, type OciPageParams, ociListPage } from './oci-paging.ts'
import { type CollectedPage, collectPage } from './paging.ts'
import type { WhereToLook } from './subtree-fields.ts'
import type { ToolContext } from './tool-runner.ts'

/** Most compartments one subtree walk covers; beyond, the result says it stopped short. */
export const MAX_SUBTREE_COMPARTMENTS = 500
/** Most list requests one call sends while walking, so a large tenancy answers within the deadline, with a cursor. */
export const MAX_WALK_REQUESTS = 40

export interface CompartmentRef {
  id: string
  name: string
  parent_id: string
}

const ACCESSIBLE = requests.ListCompartmentsRequest.AccessLevel.Accessible
const ACTIVE = 'ACTIVE' as models.Compartment.LifecycleState

async function listChildren(
  ctx: ToolContext,
  parentId: string,
  subtree: boolean,
  region: string | undefined,
  max: number,
): Promise<{ compartments: CompartmentRef[]; complete: boolean }> {
  const { client } = await ociClient(ctx, IdentityClient, region)
  const compartments: CompartmentRef[] = []
  let page: string | undefined
  do {
    const r = await ociCall(ctx, `Listing the compartments under ${parentId}`, () =>
      client.listCompartments({
        compartmentId: parentId,
        compartmentIdInSubtree: subtree || undefined,
        accessLevel: subtree ? ACCESSIBLE : undefined,
        lifecycleState: ACTIVE,
        limit: 1000,
        page,
      }),
    )
    for (const c of r.items) compartments.push({ id: c.id, name: c.name, parent_id: c.compartmentId })
    page = r.opcNextPage ?? undefined
  } while (page && compartments.length < max)
  return { compartments: compartments.slice(0, max), complete: !page && compartments.length <= max }
}

/**
 * `rootId` first, then its accessible descendants breadth first, by name within a level: a stable order, so a
 * cursor naming a compartment finds its place again. ListCompartments takes the subtree from the tenancy only,
 * so the whole tree is read and cut down to `rootId`'s branch.
 */
export async function compartmentSubtree(
  ctx: ToolContext,
  rootId: string,
  tenancyId: string,
  region?: string,
): Promise<{ compartments: CompartmentRef[]; complete: boolean }> {
  const all = await listChildren(ctx, tenancyId, true, region, MAX_SUBTREE_COMPARTMENTS)
  const byParent = new Map<string, CompartmentRef[]>()
  for (const c of all.compartments) byParent.set(c.parent_id, [...(byParent.get(c.parent_id) ?? []), c])
  const root = all.compartments.find((c) => c.id === rootId) ?? { id: rootId, name: '(root)', parent_id: '' }
  const ordered = [root]
  for (let i = 0; i < ordered.length; i++) {
    const children = (byParent.get(ordered[i]?.id as string) ?? []).sort((a, b) =>
      a.name.localeCompare(b.name),
    )
    ordered.push(...children)
  }
  return { compartments: ordered, complete: all.complete }
}

const encodeToken = (compartmentId: string, page: string | null) => JSON.stringify([compartmentId, page])

function decodeToken(token: string, compartments: CompartmentRef[]): { index: number; page: string | null } {
  const [id, page] = JSON.parse(token) as [string, string | null]
  const index = compartments.findIndex((c) => c.id === id)
  if (index < 0) {
    throw new McpFunctionsError(
      'ERR_INPUT_CURSOR',
      'The cursor names a compartment no longer in this subtree',
      {
        hint: 'Start again without cursor: the compartments changed since the previous page.',
      },
    )
  }
  return { index, page }
}

/** One page of `list` over every compartment of `compartments`, in order; `map` also gets the row's compartment. */
export function subtreeListPage<T, R>(
  ctx: ToolContext,
  page: { cursor?: string; limit: number },
  compartments: CompartmentRef[],
  what: string,
  list: (compartmentId: string, params: OciPageParams) => Promise<OciListResponse<T>>,
  map: (item: T, compartment: CompartmentRef) => R,
  maxRequests = MAX_WALK_REQUESTS,
): Promise<CollectedPage<R>> {
  let requests = 0
  return collectPage<R>({
    cursor: page.cursor,
    limit: page.limit,
    budgetBytes: intSetting('MCP_RESPONSE_BUDGET_BYTES', ctx.env),
    stop: () => requests >= maxRequests,
    fetchPage: async (token, want) => {
      const at = token === null ? { index: 0, page: null } : decodeToken(token, compartments)
      const compartment = compartments[at.index] as CompartmentRef
      requests++
      const r = await ociCall(ctx, `${what} in ${compartment.name} (${compartment.id})`, () =>
        list(compartment.id, { limit: want, page: at.page ?? undefined }),
      )
      const following = compartments[at.index + 1]
      const next = r.opcNextPage
        ? encodeToken(compartment.id, r.opcNextPage)
        : following
          ? encodeToken(following.id, null)
          : null
      return { next, items: r.items.map((item) => map(item, compartment)) }
    },
  })
}

/**
 * For an empty listing of one compartment: its direct sub-compartments, where the resources may be instead.
 * Undefined when it has none (then the listing's "none" is the whole truth).
 */
export async function whereToLook(
  ctx: ToolContext,
  compartmentId: string,
  what: string,
  region?: string,
  subtreeOption = true,
): Promise<WhereToLook> {
  let compartments: CompartmentRef[]
  try {
    ;({ compartments } = await listChildren(ctx, compartmentId, false, region, 50))
  } catch (error) {
    // A hint, not the answer: a caller who may not list compartments still gets the listing itself.
    if (error instanceof McpFunctionsError && error.code !== 'ERR_DEADLINE_EXCEEDED') return undefined
    throw error
  }
  if (compartments.length === 0) return undefined
  const names = compartments.map((c) => c.name).join(', ')
  const how = subtreeOption
    ? 'call again with compartment_id_in_subtree: true to look in all of them, or with one of them as compartment_id'
    : 'call again with one of them as compartment_id'
  return {
    note: `No ${what} in this compartment itself, but it has sub-compartments (${names}), where resources usually live: ${how}.`,
    sub_compartments: compartments.map((c) => ({ id: c.id, name: c.name })),
    compartment_id_in_subtree: subtreeOption,
  }
}

/** The markdown of `whereToLook`: a line under the empty table. */
export const whereToLookMarkdown = (w: WhereToLook) =>
  w
    ? `\n\n**Where to look:** ${w.note}\n${w.sub_compartments.map((c) => `- ${c.name} — \`${c.id}\``).join('\n')}`
    : ''

export interface CompartmentListing<R> {
  page: CollectedPage<R & { compartment_id?: string; compartment_name?: string }>
  /** The result fields the listing adds: the option echoed, and where to look when nothing was found. */
  fields: { compartment_id_in_subtree: boolean; where_to_look?: WhereToLook; subtree_incomplete?: true }
  /** Markdown to put under the table: where to look, or that the subtree was cut. */
  markdownNote: string
}

/**
 * A tool's listing of one compartment, or (compartment_id_in_subtree) of its whole accessible subtree with each
 * row naming its compartment; an empty first page of one compartment says which sub-compartments to try.
 */
export async function compartmentListing<T, R extends object>(
  ctx: ToolContext,
  input: { compartment_id_in_subtree?: boolean; cursor?: string; limit: number },
  options: {
    compartmentId: string
    tenancyId: string
    region?: string
    /** Plural noun for messages, e.g. "instances". */
    what: string
    list: (compartmentId: string, params: OciPageParams) => Promise<OciListResponse<T>>
    map: (item: T) => R
  },
): Promise<CompartmentListing<R>> {
  const { compartmentId, region, what, list, map } = options
  if (input.compartment_id_in_subtree) {
    const tree = await compartmentSubtree(ctx, compartmentId, options.tenancyId, region)
    const page = await subtreeListPage(ctx, input, tree.compartments, `Listing ${what}`, list, (item, c) => ({
      ...map(item),
      compartment_id: c.id,
      compartment_name: c.name,
    }))
    const cut = tree.complete
      ? ''
      : `\n\n_Only the first ${MAX_SUBTREE_COMPARTMENTS} compartments of the subtree were looked in._`
    return {
      page,
      fields: { compartment_id_in_subtree: true, ...(tree.complete ? {} : { subtree_incomplete: true }) },
      markdownNote: cut,
    }
  }
  const page = await ociListPage(
    ctx,
    input,
    `Listing ${what} in ${compartmentId}`,
    (p) => list(compartmentId, p),
    map,
  )
  const where =
    page.items.length === 0 && !input.cursor ? await whereToLook(ctx, compartmentId, what, region) : undefined
  return {
    page,
    fields: { compartment_id_in_subtree: false, ...(where ? { where_to_look: where } : {}) },
    markdownNote: whereToLookMarkdown(where),
  }
}
