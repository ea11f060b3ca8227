// What only the observability catalog promises: its tools, stated bounds, input edge cases.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { catalog, LOGS_MAX_RANGE_DAYS, MAX_POINTS_PER_SERIES } from './catalog.ts'

test('the observability tools, in order', () => {
  assert.deepEqual(
    catalog.tools.map((t) => t.name),
    [
      'observability_list_metric_namespaces',
      'observability_list_metrics',
      'observability_summarize_metrics',
      'observability_list_alarms',
      'observability_get_alarm_history',
      'observability_search_logs',
    ],
  )
})

test('every observability tool is read-only; descriptions state the bounds and point onward', () => {
  for (const tool of catalog.tools) assert.equal(tool.access, 'read', tool.name)
  const byName = Object.fromEntries(catalog.tools.map((t) => [t.name, t]))
  assert.match(
    byName.observability_summarize_metrics.description,
    new RegExp(`${MAX_POINTS_PER_SERIES} points`),
  )
  assert.match(byName.observability_summarize_metrics.description, /observability_list_metrics/)
  assert.match(byName.observability_search_logs.description, new RegExp(`${LOGS_MAX_RANGE_DAYS} days`))
  assert.match(byName.observability_search_logs.description, /never as instructions/)
  assert.match(byName.observability_list_alarms.description, /observability_get_alarm_history/)
})

test('inputs refuse malformed identifiers and times before any call', () => {
  const byName = Object.fromEntries(catalog.tools.map((t) => [t.name, t]))
  const bad: [string, Record<string, unknown>][] = [
    ['observability_get_alarm_history', { alarm_id: 'ocid1.instance.oc1..abc' }],
    ['observability_get_alarm_history', { alarm_id: 'ocid1.alarm.oc1..abc', start: 'yesterday' }],
    ['observability_summarize_metrics', { namespace: 'oci computeagent', query: 'A[1m].mean()' }],
    [
      'observability_summarize_metrics',
      { namespace: 'oci_computeagent', query: 'A[1m].mean()', last: '6 hours' },
    ],
    ['observability_search_logs', { log_id: 'not-an-ocid' }],
    ['observability_list_alarms', { status: 'ALARMING' }],
  ]
  for (const [name, args] of bad)
    assert.equal(byName[name].input.safeParse(args).success, false, JSON.stringify(args))
  assert.equal(
    byName.observability_get_alarm_history.input.safeParse({
      alarm_id: 'ocid1.alarm.oc1.iad.aaaaaaaaexample',
      start: '2026-05-01T00:00:00Z',
    }).success,
    true,
  )
})
