// The integration catalog's own rules: names, described inputs, output schemas, prompts, a zod-only import graph.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { z } from 'zod'
import { catalog } from './catalog.ts'

const GROUP = 'integration'

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

test('annotations agree with access', () => {
  for (const tool of catalog.tools) {
    assert.equal(tool.annotations.readOnlyHint, tool.access === 'read', tool.name)
    assert.equal(typeof tool.annotations.idempotentHint, 'boolean', tool.name)
    assert.equal(tool.annotations.openWorldHint, true, tool.name)
    if (tool.access === 'write') assert.equal(typeof tool.annotations.destructiveHint, 'boolean', tool.name)
  }
})

test('the group has a guiding prompt that renders plain text naming its tools', () => {
  assert.ok((catalog.prompts ?? []).length >= 1)
  for (const prompt of catalog.prompts ?? []) {
    assert.match(prompt.name, new RegExp(`^${GROUP}_`))
    assert.ok(prompt.description.length > 20)
    const text = prompt.render({})
    assert.equal(typeof text, 'string')
    const named = catalog.tools.filter((t) => text.includes(t.name)).map((t) => t.name)
    assert.ok(
      named.length >= Math.min(3, catalog.tools.length),
      `${prompt.name} names too few tools: ${named}`,
    )
  }
})

test('resubmission is the one write tool, destructive, and the prompt demands human confirmation', () => {
  const write = catalog.tools.filter((t) => t.access === 'write').map((t) => t.name)
  assert.deepEqual(write, ['integration_resubmit_errored_instance'])
  const resubmit = catalog.tools.find((t) => t.access === 'write')
  assert.equal(resubmit?.annotations.destructiveHint, true)
  assert.equal(resubmit?.annotations.idempotentHint, false)
  const agent = catalog.prompts?.find((p) => p.name === 'integration_monitoring_agent')
  assert.ok(agent)
  const text = agent.render({ time_window: '6h', integration_id: 'ORDER_SYNC|01.00.0000' })
  assert.match(text, /Time window: 6h/)
  assert.match(text, /human confirmation/)
  assert.match(text, /ORDER_SYNC\|01\.00\.0000/)
  assert.match(agent.render({ time_window: "1h'; drop" }), /Time window: 1d/)
  const order = [
    'integration_get_message_summary',
    'integration_get_message_metrics',
    'integration_list_errored_instances',
    'integration_resubmit_errored_instance',
  ].map((n) => text.indexOf(n))
  assert.deepEqual(
    [...order].sort((a, b) => a - b),
    order,
  )
  assert.ok(order.every((i) => i >= 0))
})

test('integration ids are CODE|VERSION; no tool takes a URL', () => {
  const metrics = catalog.tools.find((t) => t.name === 'integration_get_message_metrics')
  assert.ok(metrics?.input.safeParse({ integration_id: 'ORDER_SYNC|01.00.0000' }).success)
  for (const bad of ['ORDER_SYNC', 'order_sync|01.00.0000', 'ORDER_SYNC|1.0', 'A|01.00.0000/../x']) {
    assert.equal(metrics?.input.safeParse({ integration_id: bad }).success, false, bad)
  }
  for (const tool of catalog.tools) {
    const props = Object.keys(
      (z.toJSONSchema(tool.input, { io: 'input' }) as { properties: object }).properties,
    )
    assert.ok(!props.some((p) => /url|host|endpoint/i.test(p)), `${tool.name} takes ${props}`)
  }
})
