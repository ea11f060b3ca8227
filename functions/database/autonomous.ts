// database_list_autonomous_databases and database_get_autonomous_database; `getAutonomousDatabase` for other
// callers (skills). Connection strings are reduced to their names: hosts and services, never secrets.
import { DatabaseClient, type models } from 'oci-database'
import type { z } from 'zod'
import { compartmentListing } from '../core/compartment-subtree.ts'
import { setting } from '../core/config.ts'
import { mdFields, mdTable, pageFooter } from '../core/format.ts'
import { ociCall, ociClient } from '../core/oci-clients.ts'
import { implement, type ToolContext } from '../core/tool-runner.ts'
import { isoTime, opt, pageFields } from '../core/values.ts'
import {
  type adbDetails,
  getAutonomousDatabase as getAutonomousDatabaseSpec,
  listAutonomousDatabases,
} from './catalog.ts'

export const database = (ctx: ToolContext, region?: string) => ociClient(ctx, DatabaseClient, region)

export type AdbDetails = z.output<typeof adbDetails>
type AdbModel = models.AutonomousDatabase | models.AutonomousDatabaseSummary

export function adbSummary(a: AdbModel) {
  const ecpu = a.computeModel === 'ECPU'
  return {
    id: a.id,
    display_name: opt(a.displayName),
    db_name: a.dbName,
    compartment_id: a.compartmentId,
    lifecycle_state: String(a.lifecycleState),
    workload: opt(a.dbWorkload),
    compute_model: opt(a.computeModel) ?? (a.cpuCoreCount != null ? 'OCPU' : undefined),
    compute_count: opt(a.computeCount) ?? opt(ecpu ? undefined : (a.ocpuCount ?? a.cpuCoreCount)),
    data_storage_tbs: opt(a.dataStorageSizeInTBs),
    is_free_tier: opt(a.isFreeTier),
    time_created: isoTime(a.timeCreated),
  }
}

/** Names only: profile names when OCI gives profiles, else the consumer-group keys (high, medium, low, …). */
export function connectionStringNames(
  strings: models.AutonomousDatabaseConnectionStrings | null | undefined,
): string[] {
  if (!strings) return []
  const profiles = (strings.profiles ?? []).map((p) => p.displayName).filter(Boolean)
  if (profiles.length) return [...new Set(profiles)]
  const keys = Object.keys(strings.allConnectionStrings ?? {}).map((k) => k.toLowerCase())
  const named = (['high', 'medium', 'low', 'dedicated'] as const).filter((k) => strings[k])
  return [...new Set([...keys, ...named])]
}

function storageUsedPercent(a: AdbModel): number | undefined {
  const size = a.dataStorageSizeInGBs ?? (a.dataStorageSizeInTBs ? a.dataStorageSizeInTBs * 1024 : undefined)
  const used = a.usedDataStorageSizeInGBs ?? (a.actualUsedDataStorageSizeInTBs ?? 0) * 1024
  if (!size || used == null || used === 0) return undefined
  return Math.round((used / size) * 1000) / 10
}

export function adbFromModel(a: AdbModel): AdbDetails {
  const networkAccess =
    a.privateEndpoint || a.subnetId
      ? 'private_endpoint'
      : a.isAccessControlEnabled || (a.whitelistedIps?.length ?? 0) > 0
        ? 'public_with_acl'
        : 'public'
  return {
    ...adbSummary(a),
    lifecycle_details: opt(a.lifecycleDetails),
    db_version: opt(a.dbVersion),
    license_model: opt(a.licenseModel),
    ocpu_count: opt(a.ocpuCount),
    is_auto_scaling_enabled: opt(a.isAutoScalingEnabled),
    data_storage_gbs: opt(a.dataStorageSizeInGBs),
    used_data_storage_gbs: opt(a.usedDataStorageSizeInGBs),
    storage_used_percent: storageUsedPercent(a),
    is_auto_scaling_for_storage_enabled: opt(a.isAutoScalingForStorageEnabled),
    connection_string_names: connectionStringNames(a.connectionStrings),
    is_mtls_connection_required: opt(a.isMtlsConnectionRequired),
    network_access: networkAccess,
    private_endpoint: opt(a.privateEndpoint),
    private_endpoint_ip: opt(a.privateEndpointIp),
    subnet_id: opt(a.subnetId),
    nsg_ids: opt(a.nsgIds),
    backup_retention_days: opt(a.backupRetentionPeriodInDays),
    is_data_guard_enabled: opt(a.isDataGuardEnabled),
    time_maintenance_begin: isoTime(a.timeMaintenanceBegin),
    time_maintenance_end: isoTime(a.timeMaintenanceEnd),
  }
}

/** One Autonomous Database with the ETag a start or stop can be conditioned on. */
export async function getAutonomousDatabase(
  ctx: ToolContext,
  autonomousDatabaseId: string,
  region?: string,
): Promise<{ db: AdbDetails; etag?: string; region: string }> {
  const { client, region: regionId } = await database(ctx, region)
  const r = await ociCall(ctx, `Reading Autonomous Database ${autonomousDatabaseId}`, () =>
    client.getAutonomousDatabase({ autonomousDatabaseId }),
  )
  return { db: adbFromModel(r.autonomousDatabase), etag: r.etag || undefined, region: regionId }
}

export const computeText = (a: { compute_model?: string; compute_count?: number }) =>
  a.compute_count === undefined ? undefined : `${a.compute_count} ${a.compute_model ?? ''}`.trim()

export const listAutonomousDatabasesTool = implement(listAutonomousDatabases, async (input, ctx) => {
  const { client, signer, region } = await database(ctx, input.region)
  const compartmentId = input.compartment_id ?? setting('OCI_COMPARTMENT_ID', ctx.env) ?? signer.tenancyId
  const { page, fields, markdownNote } = await compartmentListing(ctx, input, {
    compartmentId,
    tenancyId: signer.tenancyId,
    region,
    what: 'Autonomous Databases',
    list: (id, p) =>
      client.listAutonomousDatabases({
        compartmentId: id,
        lifecycleState: input.lifecycle_state,
        dbWorkload: input.workload,
        sortBy: 'DISPLAYNAME' as never,
        sortOrder: 'ASC' as never,
        ...p,
      }),
    map: adbSummary,
  })
  const data = {
    compartment_id: compartmentId,
    autonomous_databases: page.items,
    ...fields,
    ...pageFields(page),
  }
  const rows = page.items.map((a) => ({
    ...a,
    compute: computeText(a),
    storage: a.data_storage_tbs === undefined ? undefined : `${a.data_storage_tbs} TB`,
  }))
  const table = mdTable(rows, [
    ['display_name', 'Name'],
    ...(fields.compartment_id_in_subtree
      ? [['compartment_name', 'Compartment'] as ['compartment_name', string]]
      : []),
    ['lifecycle_state', 'State'],
    ['workload', 'Workload'],
    ['compute', 'Compute'],
    ['storage', 'Storage'],
    ['id', 'OCID'],
  ])
  return {
    data,
    markdown: `## Autonomous Databases in \`${compartmentId}\`${fields.compartment_id_in_subtree ? ' and its sub-compartments' : ''}\n\n${table}${markdownNote}${pageFooter(data, page.items.length)}`,
  }
})

export function renderAdb(db: AdbDetails): string {
  const storage =
    db.data_storage_tbs === undefined
      ? undefined
      : `${db.data_storage_tbs} TB${db.storage_used_percent === undefined ? '' : `, ${db.storage_used_percent}% used`}${db.is_auto_scaling_for_storage_enabled ? ' (storage auto-scaling)' : ''}`
  return `## Autonomous Database ${db.display_name ?? db.db_name}\n\n${mdFields([
    ['OCID', db.id],
    ['State', db.lifecycle_details ? `${db.lifecycle_state} — ${db.lifecycle_details}` : db.lifecycle_state],
    ['Workload', db.workload],
    ['Database name', db.db_name],
    ['Version', db.db_version],
    ['Compute', `${computeText(db) ?? '—'}${db.is_auto_scaling_enabled ? ' (auto-scaling)' : ''}`],
    ['Storage', storage],
    ['Network access', db.network_access.replace(/_/g, ' ')],
    ['Private endpoint', db.private_endpoint],
    ['Connection strings', db.connection_string_names.join(', ')],
    ['Mutual TLS required', db.is_mtls_connection_required],
    [
      'Backup retention',
      db.backup_retention_days === undefined ? undefined : `${db.backup_retention_days} days`,
    ],
    ['Data Guard', db.is_data_guard_enabled],
    ['Next maintenance', db.time_maintenance_begin],
    ['License', db.license_model],
    ['Compartment', db.compartment_id],
  ])}`
}

export const getAutonomousDatabaseTool = implement(getAutonomousDatabaseSpec, async (input, ctx) => {
  const { db } = await getAutonomousDatabase(ctx, input.autonomous_database_id, input.region)
  return { data: db, markdown: renderAdb(db) }
})
