// compute_get_instance_metrics: oci_computeagent CPU, memory and network series from Monitoring
// (SummarizeMetricsData with MQL); instanceMetrics is shared with other skills (troubleshooting).
import { mdFields, mdTable } from '../core/format.ts'
import { ociCall } from '../core/oci-clients.ts'
import { implement, type ToolContext } from '../core/tool-runner.ts'
import { isoTime } from '../core/values.ts'
import { getInstanceMetrics, type metricNames } from './catalog.ts'
import { monitoringClient } from './clients.ts'
import { readInstance } from './instances.ts'
import { type MetricSummary, mergeStreams, observations, type Point, sparkline, stats } from './series.ts'
import { resolveWindow, type TimeWindow } from './time-window.ts'

export type MetricName = (typeof metricNames)[number]

export const NAMESPACE = 'oci_computeagent'

/** What each metric reads: utilization as the mean per interval, network counters as bytes per second. */
export const METRICS: Record<
  MetricName,
  { metric: string; statistic: 'mean' | 'rate'; unit: string; merge: 'mean' | 'sum' }
> = {
  cpu: { metric: 'CpuUtilization', statistic: 'mean', unit: 'percent', merge: 'mean' },
  memory: { metric: 'MemoryUtilization', statistic: 'mean', unit: 'percent', merge: 'mean' },
  network_in: { metric: 'NetworksBytesIn', statistic: 'rate', unit: 'bytes/s', merge: 'sum' },
  network_out: { metric: 'NetworksBytesOut', statistic: 'rate', unit: 'bytes/s', merge: 'sum' },
}

export const mqlQuery = (name: MetricName, instanceId: string, interval: string) =>
  `${METRICS[name].metric}[${interval}]{resourceId = "${instanceId}"}.${METRICS[name].statistic}()`

export interface InstanceMetric extends MetricSummary {
  name: MetricName
  metric: string
  query: string
  unit: string
}

export interface InstanceMetrics {
  instance_id: string
  display_name?: string
  lifecycle_state: string
  start: string
  end: string
  interval: string
  metrics: InstanceMetric[]
  observations: string[]
}

/** Reads the chosen metrics of one instance over a window (see resolveWindow), one query per metric. */
export async function instanceMetrics(
  ctx: ToolContext,
  options: {
    instanceId: string
    window: TimeWindow
    metrics?: MetricName[]
    region?: string
  },
): Promise<InstanceMetrics> {
  const { instanceId, window, region } = options
  const instance = await readInstance(ctx, instanceId, region)
  const { client } = await monitoringClient(ctx, region)
  const names = [...new Set(options.metrics ?? (Object.keys(METRICS) as MetricName[]))]
  const metrics = await Promise.all(
    names.map(async (name): Promise<InstanceMetric> => {
      const query = mqlQuery(name, instanceId, window.interval)
      const r = await ociCall(ctx, `Reading ${METRICS[name].metric} of instance ${instanceId}`, () =>
        client.summarizeMetricsData({
          compartmentId: instance.compartmentId,
          summarizeMetricsDataDetails: {
            namespace: NAMESPACE,
            query,
            startTime: window.start,
            endTime: window.end,
            resolution: window.interval,
          },
        }),
      )
      const streams = r.items.map((item) =>
        item.aggregatedDatapoints.flatMap((d): Point[] => {
          const timestamp = isoTime(d.timestamp)
          return timestamp && Number.isFinite(d.value) ? [{ timestamp, value: d.value }] : []
        }),
      )
      const points = streams.length ? mergeStreams(streams, METRICS[name].merge) : []
      const { metric, unit } = METRICS[name]
      return { name, metric, query, unit, points, ...stats(points) }
    }),
  )
  const lifecycleState = String(instance.lifecycleState)
  return {
    instance_id: instanceId,
    display_name: instance.displayName,
    lifecycle_state: lifecycleState,
    start: window.start.toISOString(),
    end: window.end.toISOString(),
    interval: window.interval,
    metrics,
    observations: observations(metrics, lifecycleState),
  }
}

const fmt = (value: number | undefined, unit: string) => {
  if (value === undefined) return undefined
  if (unit === 'percent') return `${value.toFixed(1)}%`
  const units = ['B/s', 'KB/s', 'MB/s', 'GB/s']
  let v = value
  let u = 0
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000
    u += 1
  }
  return `${v.toFixed(u === 0 ? 0 : 1)} ${units[u]}`
}

export function metricsMarkdown(data: InstanceMetrics): string {
  const rows = data.metrics.map((m) => ({
    metric: m.metric,
    latest: fmt(m.latest?.value, m.unit),
    min: fmt(m.min, m.unit),
    mean: fmt(m.mean, m.unit),
    max: fmt(m.max, m.unit),
    trend: m.unit === 'percent' ? sparkline(m.points, 24, 0, 100) : sparkline(m.points, 24),
    points: m.points.length,
  }))
  const table = mdTable(rows, [
    ['metric', 'Metric'],
    ['latest', 'Latest'],
    ['min', 'Min'],
    ['mean', 'Mean'],
    ['max', 'Max'],
    ['trend', 'Trend'],
    ['points', 'Points'],
  ])
  const head = mdFields([
    ['State', data.lifecycle_state],
    ['Window', `${data.start} → ${data.end}, one point per ${data.interval}`],
  ])
  const notes = data.observations.length
    ? `\n\n### Observations\n\n${data.observations.map((o) => `- ${o}`).join('\n')}`
    : ''
  return `## Metrics of ${data.display_name ?? data.instance_id}\n\n${head}\n\n${table}${notes}\n\nEvery point is in the json format (response_format "json") and in structuredContent.`
}

export const getInstanceMetricsTool = implement(getInstanceMetrics, async (input, ctx) => {
  const window = resolveWindow(input)
  const data = await instanceMetrics(ctx, {
    instanceId: input.instance_id,
    window,
    metrics: input.metrics,
    region: input.region,
  })
  return { data, markdown: metricsMarkdown(data) }
})
