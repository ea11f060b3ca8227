// identity_list_compartments: one level or the whole accessible subtree, paged, drawn as a tree in markdown.
import { requests } from 'oci-identity'
import { McpFunctionsError } from '../core/errors.ts'
import { pageFooter } from '../core/format.ts'
import { ociListPage } from '../core/oci-paging.ts'
import { implement } from '../core/tool-runner.ts'

const ACCESSIBLE = requests.ListCompartmentsRequest.AccessLevel.Accessible

import { isoTime, pageFields } from '../core/values.ts'
import { listCompartments } from './catalog.ts'
import { identity } from './tenancy.ts'

interface CompartmentRow {
  id: string
  name: string
  description?: string
  parent_id: string
  lifecycle_state: string
  time_created?: string
}

/** Indented list by parent; compartments whose parent is not on this page start at the left margin. */
export function compartmentTree(rows: CompartmentRow[]): string {
  if (rows.length === 0) return '_none_'
  const ids = new Set(rows.map((r) => r.id))
  const children = new Map<string, CompartmentRow[]>()
  for (const row of rows) {
    const parent = ids.has(row.parent_id) ? row.parent_id : ''
    children.set(parent, [...(children.get(parent) ?? []), row])
  }
  const lines: string[] = []
  const walk = (parent: string, depth: number) => {
    const list = (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name))
    for (const row of list) {
      const state = row.lifecycle_state === 'ACTIVE' ? '' : ` (${row.lifecycle_state})`
      lines.push(`${'  '.repeat(depth)}- **${row.name}**${state} — \`${row.id}\``)
      walk(row.id, depth + 1)
    }
  }
  walk('', 0)
  return lines.join('\n')
}

export const listCompartmentsTool = implement(listCompartments, async (input, ctx) => {
  const { client, signer } = await identity(ctx, input.region)
  const parentId = input.compartment_id ?? signer.tenancyId
  const subtree = input.compartment_id_in_subtree || input.subtree === true
  if (subtree && parentId !== signer.tenancyId) {
    throw new McpFunctionsError(
      'ERR_INPUT_INVALID',
      'compartment_id_in_subtree is only possible from the tenancy (root)',
      {
        hint: `Omit compartment_id (or pass the tenancy ${signer.tenancyId}) with compartment_id_in_subtree true, and look for the compartment's descendants by parent_id.`,
      },
    )
  }
  const lifecycleState = input.lifecycle_state === 'ANY' ? undefined : input.lifecycle_state
  const page = await ociListPage(
    ctx,
    input,
    `Listing compartments in ${parentId}`,
    (p) =>
      client.listCompartments({
        compartmentId: parentId,
        compartmentIdInSubtree: subtree || undefined,
        accessLevel: subtree ? ACCESSIBLE : undefined,
        lifecycleState,
        ...p,
      }),
    (c): CompartmentRow => ({
      id: c.id,
      name: c.name,
      description: c.description || undefined,
      parent_id: c.compartmentId,
      lifecycle_state: String(c.lifecycleState),
      time_created: isoTime(c.timeCreated),
    }),
  )
  const data = {
    parent_id: parentId,
    compartment_id_in_subtree: subtree,
    subtree,
    compartments: page.items,
    ...pageFields(page),
  }
  const scope = subtree ? 'All accessible compartments' : `Compartments in \`${parentId}\``
  return {
    data,
    markdown: `## ${scope}\n\n${compartmentTree(page.items)}${pageFooter(data, page.items.length)}`,
  }
})
