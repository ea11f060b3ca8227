// The observability catalog's own rules: names, described inputs, output schemas, a zod-only import graph.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { z } from 'zod'
import { catalog, LOGS_MAX_RANGE_DAYS, MAX_POINTS_PER_SERIES } from './catalog.ts'

const GROUP = 'observability'

test('catalog.ts imports nothing but zod and core/catalog', () => {
  const source = readFileSync(new URL('./catalog.ts', import.meta.url), 'utf8')
  const specifiers = [...source.matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1])
  assert.ok(specifiers.length > 0)
  assert.deepEqual([...new Set(specifiers)].sort(), ['../core/catalog.ts', 'zod'])
  assert.doesNotMatch(source, /\brequire\s*\(/)
})

test('tool names are <group>_<verb>_<noun> and unique', () => {
  const names = catalog.tools.map((t) => t.name)
  assert.equal(catalog.group, GROUP)
  assert.equal(new Set(names).size, names.length)
  for (const name of names) assert.match(name, new RegExp(`^${GROUP}_[a-z]+_[a-z]+(?:_[a-z]+)*$`))
  assert.deepEqual(names, [
    'observability_list_metric_namespaces',
    'observability_list_metrics',
    'observability_summarize_metrics',
    'observability_list_alarms',
    'observability_get_alarm_history',
    'observability_search_logs',
  ])
})

/** Property paths in a JSON Schema that have no description, nested objects included. */
function undescribed(schema: Record<string, unknown>, path = ''): string[] {
  const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>
  return Object.entries(props).flatMap(([key, prop]) => [
    ...(typeof prop.description === 'string' && prop.description.length > 0 ? [] : [`${path}${key}`]),
    ...(prop.type === 'object' ? undescribed(prop, `${path}${key}.`) : []),
  ])
}

test('every input field is described; every tool has an output schema and response_format', () => {
  for (const tool of catalog.tools) {
    assert.ok(tool.title && tool.description.length > 40, `${tool.name} needs a title and a real description`)
    const input = z.toJSONSchema(tool.input, { io: 'input' }) as Record<string, unknown>
    assert.deepEqual(undescribed(input), [], `${tool.name} has undescribed input fields`)
    assert.ok('response_format' in (input.properties as object), `${tool.name} lacks response_format`)
    assert.ok(tool.output instanceof z.ZodObject, `${tool.name} lacks an output schema`)
    z.toJSONSchema(tool.output, { io: 'output' })
  }
})

test('every observability tool is read-only; descriptions state the bounds and point onward', () => {
  for (const tool of catalog.tools) {
    assert.equal(tool.access, 'read', tool.name)
    assert.equal(tool.annotations.readOnlyHint, true, tool.name)
  }
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
