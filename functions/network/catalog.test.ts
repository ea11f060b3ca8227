// The network catalog's own rules: names, described inputs, output schemas, a zod-only import graph.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { z } from 'zod'
import { catalog } from './catalog.ts'

const GROUP = 'network'

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

test('every network tool is read-only and idempotent', () => {
  for (const tool of catalog.tools) {
    assert.equal(tool.access, 'read', tool.name)
    assert.equal(tool.annotations.readOnlyHint, true, tool.name)
    assert.equal(tool.annotations.idempotentHint, true, tool.name)
    assert.equal(tool.annotations.openWorldHint, true, tool.name)
  }
  assert.deepEqual(
    catalog.tools.map((t) => t.name),
    [
      'network_list_vcns',
      'network_list_subnets',
      'network_list_route_tables',
      'network_list_security_lists',
      'network_list_network_security_groups',
      'network_analyze_exposure',
    ],
  )
})

test('input schemas refuse malformed VCN and compartment OCIDs', () => {
  const byName = Object.fromEntries(catalog.tools.map((t) => [t.name, t]))
  const exposure = byName.network_analyze_exposure.input
  assert.equal(exposure.safeParse({ vcn_id: 'ocid1.vcn.oc1.iad.aaaaexample' }).success, true)
  assert.equal(exposure.safeParse({ vcn_id: 'ocid1.subnet.oc1.iad.aaaaexample' }).success, false)
  assert.equal(exposure.safeParse({ compartment_id: 'prod' }).success, false)
  assert.equal(byName.network_list_subnets.input.safeParse({ limit: 0 }).success, false)
  assert.match(byName.network_analyze_exposure.description, /0\.0\.0\.0\/0/)
})
