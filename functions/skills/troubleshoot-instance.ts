// skills_troubleshoot_instance: state, metrics, alarms and exposure of one instance, read with the groups' own
// functions (no second implementation), folded into a verdict with its evidence.
import { VirtualNetworkClient } from 'oci-core'
import { getInstanceDetails, type InstanceDetails } from '../compute/instances.ts'
import { instanceMetrics } from '../compute/metrics.ts'
import { highSince } from '../compute/series.ts'
import { resolveWindow } from '../compute/time-window.ts'
import { ociCall, ociClient } from '../core/oci-clients.ts'
import { implement, type ToolContext } from '../core/tool-runner.ts'
import { analyzeExposure } from '../network/analyze-exposure.ts'
import { findingsFor } from '../network/exposure.ts'
import { alarmsWithStatus } from '../observability/alarms.ts'
import { troubleshootInstance } from './catalog.ts'
import { attempt, type Check, pct, verdictMarkdown, verdictOf } from './verdict.ts'

const CPU_FAIL = 90
const CPU_WARN = 75
const MEMORY_FAIL = 90
const MEMORY_WARN = 80

function metricChecks(
  metrics: Awaited<ReturnType<typeof instanceMetrics>>,
  checks: Check[],
  steps: string[],
) {
  for (const [name, label, fail, warn] of [
    ['cpu', 'CPU', CPU_FAIL, CPU_WARN],
    ['memory', 'Memory', MEMORY_FAIL, MEMORY_WARN],
  ] as const) {
    const m = metrics.metrics.find((x) => x.name === name)
    const latest = m?.latest?.value
    if (!m || latest === undefined) {
      checks.push({
        check: `${label} utilization`,
        status: 'unknown',
        detail: 'No data points: is the Oracle Cloud Agent monitoring plugin running?',
      })
      continue
    }
    const status = latest >= fail ? 'fail' : latest >= warn ? 'warn' : 'ok'
    const since = status === 'ok' ? undefined : highSince(m.points, status === 'fail' ? fail : warn)
    const detail = `latest ${pct(latest)}, mean ${pct(m.mean)}, max ${pct(m.max)} over ${metrics.start} – ${metrics.end}${since ? `; at or above ${status === 'fail' ? fail : warn}% since ${since.timestamp}` : ''}`
    checks.push({ check: `${label} utilization`, status, detail })
    if (status === 'fail' && name === 'cpu')
      steps.push('Find the busy process (top/ps on the host) or scale the shape up: CPU is saturated.')
    if (status === 'fail' && name === 'memory')
      steps.push(
        'Look for memory leaks or OOM kills in the system log, or add memory: memory is nearly exhausted.',
      )
  }
}

async function exposureChecks(
  ctx: ToolContext,
  d: InstanceDetails,
  region: string | undefined,
  checks: Check[],
  steps: string[],
) {
  const subnetIds = [...new Set(d.vnics.flatMap((v) => (v.subnet_id ? [v.subnet_id] : [])))]
  if (subnetIds.length === 0) return
  const { client } = await ociClient(ctx, VirtualNetworkClient, region)
  const subnet = (
    await ociCall(ctx, `Reading subnet ${subnetIds[0]}`, () => client.getSubnet({ subnetId: subnetIds[0] }))
  ).subnet
  const analysis = await analyzeExposure(ctx, {
    compartmentId: subnet.compartmentId,
    vcnId: subnet.vcnId,
    region,
  })
  const mine = findingsFor(analysis.findings, { subnetIds, nsgIds: d.nsg_ids })
  if (mine.length === 0) {
    checks.push({
      check: 'Internet exposure',
      status: 'ok',
      detail: 'No sensitive port is open to the internet on its subnets or NSGs.',
    })
    return
  }
  for (const f of mine) {
    const serious = f.severity === 'CRITICAL' || f.severity === 'HIGH'
    checks.push({
      check: 'Internet exposure',
      status: serious ? 'fail' : 'warn',
      detail: `${f.title} (${f.severity}) via ${f.holder.name ?? f.holder.id}: ${f.rule}. ${f.why}`,
    })
    steps.push(f.fix)
  }
}

export const troubleshootInstanceTool = implement(troubleshootInstance, async (input, ctx) => {
  const checks: Check[] = []
  const steps: string[] = []
  const details = await getInstanceDetails(ctx, input.instance_id, input.region)
  const running = details.lifecycle_state === 'RUNNING'
  checks.push({
    check: 'Lifecycle state',
    status: running ? 'ok' : details.lifecycle_state === 'STOPPED' ? 'warn' : 'fail',
    detail: `${details.lifecycle_state}; ${details.shape}${details.shape_config?.ocpus ? ` with ${details.shape_config.ocpus} OCPUs` : ''}; IPs ${[...details.private_ips, ...details.public_ips].join(', ') || 'none'}`,
  })
  if (!running)
    steps.push(
      `The instance is ${details.lifecycle_state}: start it (compute_instance_action START) if it should be serving.`,
    )

  if (running) {
    const metrics = await attempt('Metrics', checks, () =>
      instanceMetrics(ctx, {
        instanceId: input.instance_id,
        window: resolveWindow({ last: input.window }),
        region: input.region,
      }),
    )
    if (metrics) metricChecks(metrics, checks, steps)
  }

  const alarms = await attempt('Alarms', checks, () =>
    alarmsWithStatus(ctx, {
      compartment_id: details.compartment_id,
      resource_id: input.instance_id,
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
        : `${alarms.alarms.length} alarm(s) on this instance, none firing.`,
    })
    if (firing.length)
      steps.push(
        'Read the firing alarms’ history (observability_get_alarm_history) to see when this started.',
      )
  }

  await attempt('Internet exposure', checks, () => exposureChecks(ctx, details, input.region, checks, steps))

  const verdict = verdictOf(checks, running)
  const failing = checks.filter((c) => c.status === 'fail').map((c) => c.check)
  const summary =
    verdict === 'healthy'
      ? `${details.display_name} is running normally: no check failed.`
      : verdict === 'stopped'
        ? `${details.display_name} is ${details.lifecycle_state}, so it serves nothing.`
        : `${details.display_name} is ${verdict}: ${failing.length ? `failing ${[...new Set(failing)].join(', ')}` : 'warnings only'}.`
  const data = {
    instance_id: input.instance_id,
    display_name: details.display_name,
    lifecycle_state: details.lifecycle_state,
    verdict,
    summary,
    evidence: checks,
    next_steps: [...new Set(steps)],
  }
  return { data, markdown: verdictMarkdown(`Instance ${details.display_name ?? input.instance_id}`, data) }
})
