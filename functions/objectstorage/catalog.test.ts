// The objectstorage catalog's own rules: names, described inputs, output schemas, a zod-only import graph.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { z } from 'zod'
import { catalog } from './catalog.ts'

const GROUP = 'objectstorage'

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
    if (tool.access === 'write') assert.equal(typeof tool.annotations.destructiveHint, 'boolean', tool.name)
  }
  const byName = Object.fromEntries(catalog.tools.map((t) => [t.name, t]))
  assert.equal(byName.objectstorage_put_object.annotations.destructiveHint, true)
  assert.equal(byName.objectstorage_delete_object.annotations.destructiveHint, true)
  assert.match(byName.objectstorage_create_par.description, /bearer credential/)
})

test('resource templates match their URIs, object names with slashes included', () => {
  const [objects, object] = catalog.resourceTemplates ?? []
  assert.deepEqual(objects.match('oci://buckets/app-logs/objects'), { bucket: 'app-logs' })
  assert.equal(objects.match('oci://buckets/app-logs/objects/a'), undefined)
  assert.deepEqual(object.match('oci://buckets/b/objects/env/prod.json'), {
    bucket: 'b',
    name: 'env/prod.json',
  })
  assert.deepEqual(object.match('oci://buckets/b/objects/a%20b%2Fc'), { bucket: 'b', name: 'a b/c' })
  assert.equal(object.match('oci://buckets/b/objects/%E0%A4%A'), undefined)
  assert.equal(object.match('oci://buckets/b/objects'), undefined)
})
