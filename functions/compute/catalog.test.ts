// The compute catalog's own rules: names, described inputs, output schemas, a zod-only import graph.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { z } from 'zod'
import { catalog } from './catalog.ts'

const GROUP = 'compute'

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

test('annotations agree with access; the power action is a destructive, non-idempotent write', () => {
  for (const tool of catalog.tools) {
    assert.equal(tool.annotations.readOnlyHint, tool.access === 'read', tool.name)
    assert.equal(typeof tool.annotations.openWorldHint, 'boolean', tool.name)
    if (tool.access === 'write') assert.equal(typeof tool.annotations.destructiveHint, 'boolean', tool.name)
  }
  const byName = Object.fromEntries(catalog.tools.map((t) => [t.name, t]))
  const action = byName.compute_instance_action
  assert.equal(action.access, 'write')
  assert.equal(action.annotations.destructiveHint, true)
  assert.equal(action.annotations.idempotentHint, false)
  assert.deepEqual(
    catalog.tools.filter((t) => t.access === 'write').map((t) => t.name),
    ['compute_instance_action'],
  )
  assert.deepEqual(
    catalog.tools.map((t) => t.name),
    [
      'compute_list_instances',
      'compute_get_instance',
      'compute_instance_action',
      'compute_get_instance_metrics',
      'compute_list_shapes',
      'compute_list_images',
    ],
  )
})

test('input schemas refuse malformed OCIDs, actions, durations and times', () => {
  const byName = Object.fromEntries(catalog.tools.map((t) => [t.name, t]))
  const id = 'ocid1.instance.oc1.iad.anuwcljrexample'
  assert.equal(byName.compute_get_instance.input.safeParse({ instance_id: id }).success, true)
  assert.equal(byName.compute_get_instance.input.safeParse({ instance_id: 'i-123' }).success, false)
  assert.equal(
    byName.compute_get_instance.input.safeParse({ instance_id: 'ocid1.vcn.oc1.iad.abc' }).success,
    false,
  )
  assert.equal(
    byName.compute_instance_action.input.safeParse({ instance_id: id, action: 'TERMINATE' }).success,
    false,
  )
  const metrics = byName.compute_get_instance_metrics.input
  assert.equal(metrics.safeParse({ instance_id: id, last: '24h' }).success, true)
  assert.equal(metrics.safeParse({ instance_id: id, last: '1w' }).success, false)
  assert.equal(metrics.safeParse({ instance_id: id, start: '2026-01-01' }).success, false)
  assert.equal(metrics.safeParse({ instance_id: id, metrics: ['disk'] }).success, false)
  assert.equal(metrics.safeParse({ instance_id: id, metrics: [] }).success, false)
})
