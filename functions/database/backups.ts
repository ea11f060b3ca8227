// database_list_backups: Autonomous Database backups and DB system backups in one listing. The page token
// carries which family it belongs to (`a:` or `d:`), so one cursor walks the first family, then the second;
// with compartment_id_in_subtree, each family in every compartment of the subtree.
import type { z } from 'zod'
import {
  compartmentSubtree,
  MAX_SUBTREE_COMPARTMENTS,
  subtreeListPage,
  whereToLook,
  whereToLookMarkdown,
} from '../core/compartment-subtree.ts'
import { intSetting, setting } from '../core/config.ts'
import { McpFunctionsError } from '../core/errors.ts'
import { mdTable, pageFooter } from '../core/format.ts'
import { ociCall } from '../core/oci-clients.ts'
import { type CollectedPage, collectPage, type UpstreamPage } from '../core/paging.ts'
import { implement } from '../core/tool-runner.ts'
import { isoTime, opt, pageFields } from '../core/values.ts'
import { database } from './autonomous.ts'
import { listBackups } from './catalog.ts'

type Backup = z.output<typeof listBackups.output>['backups'][number]
type Family = 'a' | 'd'

const round = (n: number) => Math.round(n * 100) / 100

export const listBackupsTool = implement(listBackups, async (input, ctx) => {
  if (input.autonomous_database_id && input.database_id) {
    throw new McpFunctionsError('ERR_INPUT_INVALID', 'Give autonomous_database_id or database_id, not both', {
      hint: 'Call once per database.',
    })
  }
  const conflict =
    (input.autonomous_database_id && input.kind === 'db_system') ||
    (input.database_id && input.kind === 'autonomous')
  if (conflict) {
    throw new McpFunctionsError('ERR_INPUT_INVALID', `kind ${input.kind} does not match the database named`, {
      hint: 'autonomous_database_id lists Autonomous Database backups, database_id DB system backups; omit kind.',
    })
  }
  const families: Family[] = input.autonomous_database_id
    ? ['a']
    : input.database_id
      ? ['d']
      : input.kind === 'autonomous'
        ? ['a']
        : input.kind === 'db_system'
          ? ['d']
          : ['a', 'd']
  const databaseScoped = Boolean(input.autonomous_database_id || input.database_id)
  if (databaseScoped && input.compartment_id_in_subtree) {
    throw new McpFunctionsError(
      'ERR_INPUT_INVALID',
      'compartment_id_in_subtree lists compartments, not one database',
      { hint: 'Omit compartment_id_in_subtree to list one database’s backups, or name no database.' },
    )
  }
  const { client, signer, region } = await database(ctx, input.region)
  const compartmentId = databaseScoped
    ? undefined
    : (input.compartment_id ?? setting('OCI_COMPARTMENT_ID', ctx.env) ?? signer.tenancyId)
  const scope = input.autonomous_database_id ?? input.database_id ?? (compartmentId as string)

  /** One upstream page of one family, in one compartment (or of the database named). */
  async function listFamily(
    family: Family,
    inCompartment: string | undefined,
    page: string | undefined,
    want: number,
  ) {
    if (family === 'a') {
      const r = await client.listAutonomousDatabaseBackups({
        autonomousDatabaseId: input.autonomous_database_id,
        compartmentId: inCompartment,
        sortBy: 'TIMECREATED' as never,
        sortOrder: 'DESC' as never,
        limit: want,
        page,
      })
      const items: Backup[] = r.items.map((b) => ({
        kind: 'autonomous',
        id: b.id,
        display_name: opt(b.displayName),
        database_id: opt(b.autonomousDatabaseId),
        compartment_id: opt(b.compartmentId),
        type: opt(b.type),
        is_automatic: opt(b.isAutomatic),
        lifecycle_state: opt(b.lifecycleState),
        time_started: isoTime(b.timeStarted),
        time_ended: isoTime(b.timeEnded),
        size_gbs: b.databaseSizeInTBs == null ? undefined : round(b.databaseSizeInTBs * 1024),
        retention_days: opt(b.retentionPeriodInDays),
        time_expires: isoTime(b.timeAvailableTill),
      }))
      return { items, opcNextPage: r.opcNextPage || undefined }
    }
    const r = await client.listBackups({
      databaseId: input.database_id,
      compartmentId: inCompartment,
      limit: want,
      page,
    })
    const items: Backup[] = r.items.map((b) => ({
      kind: 'db_system',
      id: b.id ?? '',
      display_name: opt(b.displayName),
      database_id: opt(b.databaseId),
      compartment_id: opt(b.compartmentId),
      type: opt(b.type),
      lifecycle_state: opt(b.lifecycleState),
      time_started: isoTime(b.timeStarted),
      time_ended: isoTime(b.timeEnded),
      size_gbs: opt(b.databaseSizeInGBs),
      retention_days: opt(b.retentionPeriodInDays),
      time_expires: isoTime(b.timeExpiryScheduled),
    }))
    return { items, opcNextPage: r.opcNextPage || undefined }
  }

  const familyName = (f: Family) => (f === 'a' ? 'Autonomous Database backups' : 'database backups')
  let page: CollectedPage<Backup & { compartment_name?: string }>
  let subtreeIncomplete = false
  if (input.compartment_id_in_subtree) {
    // Each (family, compartment) pair is one step of the walk, autonomous first as in one compartment; the
    // step's id carries the family, so the shared cursor finds its place in both.
    const tree = await compartmentSubtree(ctx, compartmentId as string, signer.tenancyId, region)
    subtreeIncomplete = !tree.complete
    const steps = families.flatMap((f) => tree.compartments.map((c) => ({ ...c, id: `${f}:${c.id}` })))
    page = await subtreeListPage(
      ctx,
      input,
      steps,
      'Listing backups',
      (step, p) => listFamily(step[0] as Family, step.slice(2), p.page, p.limit),
      (b, step) => ({ ...b, compartment_name: step.name }),
    )
  } else {
    page = await collectPage<Backup>({
      cursor: input.cursor,
      limit: input.limit,
      budgetBytes: intSetting('MCP_RESPONSE_BUDGET_BYTES', ctx.env),
      fetchPage: async (token, want): Promise<UpstreamPage<Backup>> => {
        const family = (token?.slice(0, 1) ?? families[0]) as Family
        if (!families.includes(family) || (token !== null && token[1] !== ':')) {
          throw new McpFunctionsError('ERR_INPUT_CURSOR', 'The cursor does not belong to this listing', {
            hint: 'Pass next_cursor with the same arguments it was issued for, or omit cursor.',
          })
        }
        const upstream = token?.slice(2) || undefined
        const r = await ociCall(ctx, `Listing ${familyName(family)} of ${scope}`, () =>
          listFamily(family, compartmentId, upstream, want),
        )
        const following = families[families.indexOf(family) + 1]
        const next = r.opcNextPage ? `${family}:${r.opcNextPage}` : following ? `${following}:` : null
        return { items: r.items, next }
      },
    })
  }
  const where =
    !databaseScoped && !input.compartment_id_in_subtree && page.items.length === 0 && !input.cursor
      ? await whereToLook(ctx, compartmentId as string, 'backups', region)
      : undefined
  const markdownNote = subtreeIncomplete
    ? `\n\n_Only the first ${MAX_SUBTREE_COMPARTMENTS} compartments of the subtree were looked in._`
    : whereToLookMarkdown(where)
  const data = {
    scope,
    backups: page.items,
    compartment_id_in_subtree: input.compartment_id_in_subtree,
    ...(subtreeIncomplete ? { subtree_incomplete: true as const } : {}),
    ...(where ? { where_to_look: where } : {}),
    ...pageFields(page),
  }
  const rows = page.items.map((b) => ({
    ...b,
    size: b.size_gbs === undefined ? undefined : `${b.size_gbs} GB`,
    kind_text: b.kind === 'autonomous' ? 'ADB' : 'DB system',
  }))
  const table = mdTable(rows, [
    ['kind_text', 'Kind'],
    ['display_name', 'Backup'],
    ...(input.compartment_id_in_subtree
      ? [['compartment_name', 'Compartment'] as ['compartment_name', string]]
      : []),
    ['type', 'Type'],
    ['lifecycle_state', 'State'],
    ['time_ended', 'Ended'],
    ['size', 'Size'],
    ['time_expires', 'Kept until'],
  ])
  const andBelow = input.compartment_id_in_subtree ? ' and its sub-compartments' : ''
  return {
    data,
    markdown: `## Backups of \`${scope}\`${andBelow}\n\n${table}${markdownNote}${pageFooter(data, page.items.length)}`,
  }
})
