// Database tools as the router sees them: Autonomous Databases (read, start, stop), DB systems and backups.
import { z } from 'zod'
import {
  compartmentField,
  cursorField,
  defineTool,
  type GroupCatalog,
  limitField,
  pageInfo,
  regionField,
  responseFormat,
} from '../core/catalog.ts'
import { rowCompartment, subtreeField, subtreeOutput } from '../core/subtree-fields.ts'

const readOnly = { readOnlyHint: true, idempotentHint: true, openWorldHint: true } as const
const isoTime = z.string().describe('ISO 8601 time.')

const ocidPattern = (type: string) => new RegExp(`^ocid1\\.${type}\\.[a-z0-9-]+\\.[a-z0-9-]*\\.[a-z0-9]+$`)

const adbId = z
  .string()
  .regex(ocidPattern('autonomousdatabase'), 'an Autonomous Database OCID (ocid1.autonomousdatabase.…)')
  .describe('Autonomous Database OCID, from database_list_autonomous_databases.')

export const adbStates = [
  'PROVISIONING',
  'AVAILABLE',
  'STOPPING',
  'STOPPED',
  'STARTING',
  'TERMINATING',
  'TERMINATED',
  'UNAVAILABLE',
  'RESTORE_IN_PROGRESS',
  'RESTORE_FAILED',
  'BACKUP_IN_PROGRESS',
  'SCALE_IN_PROGRESS',
  'AVAILABLE_NEEDS_ATTENTION',
  'UPDATING',
  'MAINTENANCE_IN_PROGRESS',
  'RESTARTING',
  'RECREATING',
  'ROLE_CHANGE_IN_PROGRESS',
  'UPGRADING',
  'INACCESSIBLE',
  'STANDBY',
  'TRANSPORTING',
] as const
export const workloads = ['OLTP', 'DW', 'AJD', 'APEX', 'LH'] as const
export const dbSystemStates = [
  'PROVISIONING',
  'AVAILABLE',
  'UPDATING',
  'TERMINATING',
  'TERMINATED',
  'FAILED',
  'MIGRATED',
  'MAINTENANCE_IN_PROGRESS',
  'NEEDS_ATTENTION',
  'UPGRADING',
] as const

/** Compute as the model states it: ECPUs for the ECPU model, OCPUs for the older one. */
const compute = {
  compute_model: z.string().optional().describe('ECPU or OCPU.'),
  compute_count: z.number().optional().describe('ECPUs or OCPUs, per compute_model.'),
}

const adbSummary = z.object({
  id: z.string(),
  display_name: z.string().optional(),
  db_name: z.string(),
  compartment_id: z.string(),
  lifecycle_state: z.string(),
  workload: z.string().optional().describe('OLTP (ATP), DW (ADW), AJD (JSON), APEX or LH (Lakehouse).'),
  ...compute,
  data_storage_tbs: z.number().optional(),
  is_free_tier: z.boolean().optional(),
  time_created: isoTime.optional(),
})

export const listAutonomousDatabases = defineTool({
  name: 'database_list_autonomous_databases',
  title: 'List Autonomous Databases',
  description:
    'Lists the Autonomous Databases in one compartment (with compartment_id_in_subtree, also in all its sub-compartments) with state, workload (OLTP/ATP, DW/ADW, …), compute and storage. Filter by lifecycle_state or workload. Next: database_get_autonomous_database for one database’s details. Paged: pass next_cursor back as cursor with the same arguments.',
  input: z.object({
    compartment_id: compartmentField,
    compartment_id_in_subtree: subtreeField,
    lifecycle_state: z
      .enum(adbStates)
      .optional()
      .describe('Only databases in this state, e.g. AVAILABLE or STOPPED.'),
    workload: z.enum(workloads).optional().describe('Only this workload: OLTP, DW, AJD, APEX or LH.'),
    limit: limitField(1000, 100),
    cursor: cursorField,
    region: regionField,
    response_format: responseFormat,
  }),
  output: z.object({
    compartment_id: z.string(),
    autonomous_databases: z.array(adbSummary.extend({ compartment_name: rowCompartment.compartment_name })),
    ...subtreeOutput,
    ...pageInfo,
  }),
  access: 'read',
  annotations: readOnly,
})

export const adbDetails = adbSummary.extend({
  lifecycle_details: z.string().optional(),
  db_version: z.string().optional(),
  license_model: z.string().optional(),
  ocpu_count: z.number().optional().describe('Legacy OCPU count, when OCI reports it.'),
  is_auto_scaling_enabled: z.boolean().optional(),
  data_storage_gbs: z.number().optional(),
  used_data_storage_gbs: z.number().optional(),
  storage_used_percent: z
    .number()
    .optional()
    .describe('Used data storage as a percentage of the provisioned size.'),
  is_auto_scaling_for_storage_enabled: z.boolean().optional(),
  connection_string_names: z
    .array(z.string())
    .describe(
      'Names of the connection strings (e.g. high, medium, low, tp); never the strings, passwords or wallets.',
    ),
  is_mtls_connection_required: z.boolean().optional(),
  network_access: z
    .enum(['public', 'public_with_acl', 'private_endpoint'])
    .describe(
      'public: reachable from anywhere with credentials; public_with_acl: only from allowed IPs/VCNs.',
    ),
  private_endpoint: z.string().optional().describe('Private endpoint host name.'),
  private_endpoint_ip: z.string().optional(),
  subnet_id: z.string().optional(),
  nsg_ids: z.array(z.string()).optional(),
  backup_retention_days: z.number().optional(),
  is_data_guard_enabled: z.boolean().optional(),
  time_maintenance_begin: isoTime.optional(),
  time_maintenance_end: isoTime.optional(),
})

export const getAutonomousDatabase = defineTool({
  name: 'database_get_autonomous_database',
  title: 'Get an Autonomous Database',
  description:
    'Returns one Autonomous Database: state, workload, compute (ECPU/OCPU, auto-scaling), storage (provisioned, used, percent used), version, network access (public, allow-list or private endpoint), the names of its connection strings (never the strings’ secrets, passwords or wallets), backup retention and maintenance window. For its load use observability_summarize_metrics in namespace oci_autonomous_database with resourceId = this OCID.',
  input: z.object({ autonomous_database_id: adbId, region: regionField, response_format: responseFormat }),
  output: adbDetails,
  access: 'read',
  annotations: readOnly,
})

const powerOutput = z.object({
  id: z.string(),
  display_name: z.string().optional(),
  previous_state: z.string().describe('The state before this call.'),
  lifecycle_state: z.string().describe('The state now, usually a transitional one (STARTING, STOPPING).'),
  changed: z
    .boolean()
    .describe('False when the database was already in (or on its way to) the target state.'),
  target_state: z.string(),
  work_request_id: z.string().optional(),
  message: z.string().describe('What happened and what to do next.'),
})

export const startAutonomousDatabase = defineTool({
  name: 'database_start_autonomous_database',
  title: 'Start an Autonomous Database',
  description:
    'Starts a STOPPED Autonomous Database. It returns at once with the new state (STARTING); the database is AVAILABLE after a few minutes — follow it with database_get_autonomous_database. Calling it for a database that is already AVAILABLE or STARTING changes nothing and says so. Compute billing resumes when it runs.',
  input: z.object({ autonomous_database_id: adbId, region: regionField, response_format: responseFormat }),
  output: powerOutput,
  access: 'write',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
})

export const stopAutonomousDatabase = defineTool({
  name: 'database_stop_autonomous_database',
  title: 'Stop an Autonomous Database',
  description:
    'Stops an AVAILABLE Autonomous Database: every session is disconnected and applications cannot connect until it is started again (compute billing stops; storage is still billed). It returns at once with the new state (STOPPING); the database is STOPPED after a few minutes — follow it with database_get_autonomous_database. Calling it for a database that is already STOPPED or STOPPING changes nothing and says so. Confirm with the user before stopping a production database.',
  input: z.object({ autonomous_database_id: adbId, region: regionField, response_format: responseFormat }),
  output: powerOutput,
  access: 'write',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
})

export const listDbSystems = defineTool({
  name: 'database_list_db_systems',
  title: 'List DB systems',
  description:
    'Lists the DB systems (Oracle Base Database Service: VM and bare-metal database hosts) in one compartment with shape, state, edition, CPU cores, nodes and storage. Autonomous Databases are listed by database_list_autonomous_databases instead. Paged: pass next_cursor back as cursor with the same arguments.',
  input: z.object({
    compartment_id: compartmentField,
    lifecycle_state: z.enum(dbSystemStates).optional().describe('Only DB systems in this state.'),
    limit: limitField(1000, 100),
    cursor: cursorField,
    region: regionField,
    response_format: responseFormat,
  }),
  output: z.object({
    compartment_id: z.string(),
    db_systems: z.array(
      z.object({
        id: z.string(),
        display_name: z.string(),
        compartment_id: z.string(),
        lifecycle_state: z.string(),
        shape: z.string(),
        database_edition: z.string().optional(),
        version: z.string().optional(),
        cpu_core_count: z.number().optional(),
        node_count: z.number().optional(),
        data_storage_gbs: z.number().optional(),
        availability_domain: z.string().optional(),
        hostname: z.string().optional(),
        license_model: z.string().optional(),
        time_created: isoTime.optional(),
      }),
    ),
    ...pageInfo,
  }),
  access: 'read',
  annotations: readOnly,
})

export const backupKinds = ['all', 'autonomous', 'db_system'] as const

export const listBackups = defineTool({
  name: 'database_list_backups',
  title: 'List database backups',
  description:
    'Lists backups, newest first: Autonomous Database backups and DB system database backups, with type (FULL, INCREMENTAL, LONGTERM), state, start and end time, size and how long each is kept. Give autonomous_database_id or database_id for one database, else a compartment (default: the configured one; with compartment_id_in_subtree, its sub-compartments too) for all its backups; kind narrows to one family. Use it to check that backups run and when the last good one ended. Paged: pass next_cursor back as cursor with the same arguments.',
  input: z.object({
    kind: z
      .enum(backupKinds)
      .default('all')
      .describe(
        'autonomous: Autonomous Database backups; db_system: DB system backups; all: both, autonomous first.',
      ),
    autonomous_database_id: adbId.optional().describe('Only this Autonomous Database’s backups.'),
    database_id: z
      .string()
      .regex(ocidPattern('database'), 'a database OCID (ocid1.database.…)')
      .optional()
      .describe('Only the backups of this database of a DB system.'),
    compartment_id: compartmentField,
    compartment_id_in_subtree: subtreeField,
    limit: limitField(1000, 100),
    cursor: cursorField,
    region: regionField,
    response_format: responseFormat,
  }),
  output: z.object({
    scope: z.string().describe('What was listed: the database or compartment OCID.'),
    backups: z.array(
      z.object({
        kind: z.enum(['autonomous', 'db_system']),
        id: z.string(),
        display_name: z.string().optional(),
        database_id: z
          .string()
          .optional()
          .describe('The Autonomous Database or DB system database backed up.'),
        compartment_id: z.string().optional(),
        type: z.string().optional(),
        is_automatic: z.boolean().optional(),
        lifecycle_state: z.string().optional(),
        time_started: isoTime.optional(),
        time_ended: isoTime.optional(),
        size_gbs: z.number().optional(),
        retention_days: z.number().optional(),
        time_expires: isoTime.optional().describe('When OCI deletes the backup.'),
        compartment_name: rowCompartment.compartment_name,
      }),
    ),
    ...subtreeOutput,
    ...pageInfo,
  }),
  access: 'read',
  annotations: readOnly,
})

export const catalog: GroupCatalog = {
  group: 'database',
  title: 'OCI Database',
  description:
    'Autonomous Databases (list, details, start, stop), DB systems and database backups. Starting and stopping change resources and need mutations enabled; for database load and alarms use the observability tools.',
  tools: [
    listAutonomousDatabases,
    getAutonomousDatabase,
    startAutonomousDatabase,
    stopAutonomousDatabase,
    listDbSystems,
    listBackups,
  ],
}
