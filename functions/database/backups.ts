// database_list_backups: Autonomous Database backups and DB system backups in one listing. The page token
// carries which family it belongs to (`a:` or `d:`), so one cursor walks the first family, then the second.
import type { z } from 'zod'
import { intSetting, setting } from '../core/config.ts'
import { McpFunctionsError } from '../core/errors.ts'
import { mdTable, pageFooter } from '../core/format.ts'
import { ociCall } from '../core/oci-clients.ts'
import { collectPage, type UpstreamPage } from '../core/paging.ts'
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
  const { client, signer } = await database(ctx, input.region)
  const databaseScoped = Boolean(input.autonomous_database_id || input.database_id)
  const compartmentId = databaseScoped
    ? undefined
    : (input.compartment_id ?? setting('OCI_COMPARTMENT_ID', ctx.env) ?? signer.tenancyId)
  const scope = input.autonomous_database_id ?? input.database_id ?? (compartmentId as string)

  async function fetchFamily(family: Family, page: string | undefined, want: number) {
    if (family === 'a') {
      const r = await ociCall(ctx, `Listing Autonomous Database backups of ${scope}`, () =>
        client.listAutonomousDatabaseBackups({
          autonomousDatabaseId: input.autonomous_database_id,
          compartmentId,
          sortBy: 'TIMECREATED' as never,
          sortOrder: 'DESC' as never,
          limit: want,
          page,
        }),
      )
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
      return { items, next: r.opcNextPage || undefined }
    }
    const r = await ociCall(ctx, `Listing database backups of ${scope}`, () =>
      client.listBackups({ databaseId: input.database_id, compartmentId, limit: want, page }),
    )
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
    return { items, next: r.opcNextPage || undefined }
  }

  const page = await collectPage<Backup>({
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
      const r = await fetchFamily(family, upstream, want)
      const following = families[families.indexOf(family) + 1]
      const next = r.next ? `${family}:${r.next}` : following ? `${following}:` : null
      return { items: r.items, next }
    },
  })
  const data = { scope, backups: page.items, ...pageFields(page) }
  const rows = page.items.map((b) => ({
    ...b,
    size: b.size_gbs === undefined ? undefined : `${b.size_gbs} GB`,
    kind_text: b.kind === 'autonomous' ? 'ADB' : 'DB system',
  }))
  const table = mdTable(rows, [
    ['kind_text', 'Kind'],
    ['display_name', 'Backup'],
    ['type', 'Type'],
    ['lifecycle_state', 'State'],
    ['time_ended', 'Ended'],
    ['size', 'Size'],
    ['time_expires', 'Kept until'],
  ])
  return { data, markdown: `## Backups of \`${scope}\`\n\n${table}${pageFooter(data, page.items.length)}` }
})
