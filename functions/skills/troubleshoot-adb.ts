// skills_troubleshoot_autonomous_database: state, storage, load, failed logons and alarms of one Autonomous
// Database, read with the groups' own functions, folded into a verdict with its evidence.
import { implement } from '../core/tool-runner.ts'
import { getAutonomousDatabase } from '../database/autonomous.ts'
import { alarmsWithStatus } from '../observability/alarms.ts'
import { summarize } from '../observability/summarize.ts'
import { troubleshootAutonomousDatabase } from './catalog.ts'
import { attempt, type Check, pct, verdictMarkdown, verdictOf } from './verdict.ts'

const NAMESPACE = 'oci_autonomous_database'
/** metric, label, fail at, warn at (latest value), unit. */
const METRICS = [
  ['CpuUtilization', 'CPU utilization', 90, 75, '%'],
  ['StorageUtilization', 'Storage utilization', 90, 80, '%'],
  ['FailedLogons', 'Failed logons', 50, 10, ''],
] as const

export const troubleshootAdbTool = implement(troubleshootAutonomousDatabase, async (input, ctx) => {
  const checks: Check[] = []
  const steps: string[] = []
  const { db } = await getAutonomousDatabase(ctx, input.autonomous_database_id, input.region)
  const available = db.lifecycle_state === 'AVAILABLE'
  checks.push({
    check: 'Lifecycle state',
    status: available ? 'ok' : db.lifecycle_state === 'STOPPED' ? 'warn' : 'fail',
    detail: `${db.lifecycle_state}; workload ${db.workload ?? 'unknown'}`,
  })
  if (!available)
    steps.push(
      `The database is ${db.lifecycle_state}: start it (database_start_autonomous_database) if it should be serving.`,
    )
  if (db.storage_used_percent !== undefined) {
    const used = db.storage_used_percent
    checks.push({
      check: 'Storage allocated vs used',
      status: used >= 90 ? 'fail' : used >= 80 ? 'warn' : 'ok',
      detail: `${pct(used)} of ${db.data_storage_gbs ?? '?'} GB used; storage auto-scaling ${db.is_auto_scaling_for_storage_enabled ? 'on' : 'off'}`,
    })
    if (used >= 90)
      steps.push(
        'Add storage or enable storage auto-scaling, and purge or archive old data: the database is nearly full.',
      )
  }

  if (available) {
    for (const [metric, label, fail, warn, unit] of METRICS) {
      const result = await attempt(label, checks, () =>
        summarize(ctx, {
          namespace: NAMESPACE,
          query: `${metric}[5m]{resourceId = "${input.autonomous_database_id}"}.${metric === 'FailedLogons' ? 'sum' : 'mean'}()`,
          last: input.window,
          compartment_id: db.compartment_id,
          region: input.region,
        }),
      )
      if (!result) continue
      const stats = result.series[0]?.stats
      if (!stats) {
        checks.push({ check: label, status: 'unknown', detail: 'No data points in the window.' })
        continue
      }
      const show = (n: number) => (unit === '%' ? pct(n) : String(Math.round(n)))
      const status = stats.latest >= fail ? 'fail' : stats.latest >= warn ? 'warn' : 'ok'
      checks.push({
        check: label,
        status,
        detail: `latest ${show(stats.latest)}, mean ${show(stats.mean)}, max ${show(stats.max)} over the last ${input.window}`,
      })
      if (status === 'fail' && metric === 'CpuUtilization')
        steps.push(
          'Find the top SQL (Performance Hub) or raise the ECPU/OCPU count or enable compute auto-scaling: CPU is saturated.',
        )
      if (status !== 'ok' && metric === 'FailedLogons')
        steps.push(
          'Check the database audit trail for the failing user and source: repeated failed logons can be an attack or a broken credential.',
        )
    }
  }

  const alarms = await attempt('Alarms', checks, () =>
    alarmsWithStatus(ctx, {
      compartment_id: db.compartment_id,
      resource_id: input.autonomous_database_id,
      status: 'ANY',
      region: input.region,
    }),
  )
  if (alarms) {
    const firing = alarms.alarms.filter((a) => a.status === 'FIRING')
    checks.push({
      check: 'Alarms',
      status: firing.length ? 'fail' : 'ok',
      detail: firing.length
        ? `FIRING: ${firing.map((a) => `${a.display_name} (${a.severity})`).join('; ')}`
        : `${alarms.alarms.length} alarm(s), none firing.`,
    })
  }

  const verdict = verdictOf(checks, db.lifecycle_state === 'STOPPED' ? false : undefined)
  const failing = [...new Set(checks.filter((c) => c.status === 'fail').map((c) => c.check))]
  const name = db.display_name ?? input.autonomous_database_id
  const summary =
    verdict === 'healthy'
      ? `${name} is available and within normal limits.`
      : verdict === 'stopped'
        ? `${name} is STOPPED, so it accepts no connections.`
        : `${name} is ${verdict}: ${failing.length ? `failing ${failing.join(', ')}` : 'warnings only'}.`
  const data = {
    autonomous_database_id: input.autonomous_database_id,
    display_name: db.display_name,
    lifecycle_state: db.lifecycle_state,
    verdict,
    summary,
    evidence: checks,
    next_steps: [...new Set(steps)],
  }
  return { data, markdown: verdictMarkdown(`Autonomous Database ${name}`, data) }
})
