// security_list_users, security_list_groups and security_list_policies: IAM as it is, paged.
import { IdentityClient, type models } from 'oci-identity'
import { mdTable, pageFooter } from '../core/format.ts'
import { ociCall, ociClient } from '../core/oci-clients.ts'
import { ociListPage } from '../core/oci-paging.ts'
import { implement, type ToolContext } from '../core/tool-runner.ts'
import { listGroups, listPolicies, listUsers } from './catalog.ts'
import { compartmentFor, isoTime, pageFields } from './values.ts'

export const identity = (ctx: ToolContext, region?: string) => ociClient(ctx, IdentityClient, region)

export const listUsersTool = implement(listUsers, async (input, ctx) => {
  const { client, signer } = await identity(ctx, input.region)
  const tenancyId = signer.tenancyId
  const page = await ociListPage(
    ctx,
    input,
    'Listing users',
    (p) =>
      client.listUsers({
        compartmentId: tenancyId,
        name: input.name,
        ...p,
      }),
    (u) => ({
      id: u.id,
      name: u.name,
      email: u.email || undefined,
      description: u.description || undefined,
      lifecycle_state: String(u.lifecycleState),
      is_mfa_activated: typeof u.isMfaActivated === 'boolean' ? u.isMfaActivated : undefined,
      time_created: isoTime(u.timeCreated),
      last_successful_login_time: isoTime(u.lastSuccessfulLoginTime),
    }),
  )
  const data = { tenancy_id: tenancyId, users: page.items, ...pageFields(page) }
  const rows = page.items.map((u) => ({
    ...u,
    mfa: u.is_mfa_activated === undefined ? '' : u.is_mfa_activated ? 'yes' : 'NO',
  }))
  const table = mdTable(rows, [
    ['name', 'User'],
    ['email', 'Email'],
    ['lifecycle_state', 'State'],
    ['mfa', 'MFA'],
    ['last_successful_login_time', 'Last login'],
  ])
  return { data, markdown: `## IAM users\n\n${table}${pageFooter(data, page.items.length)}` }
})

export const listGroupsTool = implement(listGroups, async (input, ctx) => {
  const { client, signer } = await identity(ctx, input.region)
  const tenancyId = signer.tenancyId
  const page = await ociListPage(
    ctx,
    input,
    'Listing groups',
    (p) =>
      client.listGroups({
        compartmentId: tenancyId,
        name: input.name,
        ...p,
      }),
    (g) => ({
      id: g.id,
      name: g.name,
      description: g.description || undefined,
      lifecycle_state: String(g.lifecycleState),
      time_created: isoTime(g.timeCreated),
    }),
  )
  const data = { tenancy_id: tenancyId, groups: page.items, ...pageFields(page) }
  const table = mdTable(page.items, [
    ['name', 'Group'],
    ['description', 'Description'],
    ['lifecycle_state', 'State'],
  ])
  return { data, markdown: `## IAM groups\n\n${table}${pageFooter(data, page.items.length)}` }
})

export interface PolicyRow {
  id: string
  name: string
  compartment_id: string
  description?: string
  statements: string[]
  lifecycle_state: string
  time_created?: string
}

const policyRow = (p: models.Policy): PolicyRow => ({
  id: p.id,
  name: p.name,
  compartment_id: p.compartmentId,
  description: p.description || undefined,
  statements: p.statements ?? [],
  lifecycle_state: String(p.lifecycleState),
  time_created: isoTime(p.timeCreated),
})

/** One upstream page of policies attached to a compartment, as result rows. */
export async function policiesPage(
  ctx: ToolContext,
  client: IdentityClient,
  compartmentId: string,
  token: string | null,
  limit: number,
): Promise<{ items: PolicyRow[]; next?: string }> {
  const r = await ociCall(ctx, `Listing policies in ${compartmentId}`, () =>
    client.listPolicies({ compartmentId, limit, page: token ?? undefined }),
  )
  return { next: r.opcNextPage, items: r.items.map(policyRow) }
}

export const listPoliciesTool = implement(listPolicies, async (input, ctx) => {
  const { client, signer } = await identity(ctx, input.region)
  const compartmentId = compartmentFor(ctx, input.compartment_id, signer)
  const page = await ociListPage(
    ctx,
    input,
    `Listing policies in ${compartmentId}`,
    (p) => client.listPolicies({ compartmentId, ...p }),
    policyRow,
  )
  const data = { compartment_id: compartmentId, policies: page.items, ...pageFields(page) }
  const body = page.items.length
    ? page.items
        .map(
          (p) =>
            `### ${p.name}\n${p.description ? `${p.description}\n` : ''}\n${p.statements.map((s) => `- \`${s}\``).join('\n')}`,
        )
        .join('\n\n')
    : '_none_'
  return {
    data,
    markdown: `## Policies in \`${compartmentId}\`\n\n${body}${pageFooter(data, page.items.length)}`,
  }
})
