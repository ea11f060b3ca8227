// The database catalog's own rules: names, described inputs, output schemas, annotations, a zod-only import graph.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { z } from 'zod'
import { catalog } from './catalog.ts'

const GROUP = 'database'

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
    'database_list_autonomous_databases',
    'database_get_autonomous_database',
    'database_start_autonomous_database',
    'database_stop_autonomous_database',
    'database_list_db_systems',
    'database_list_backups',
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

test('annotations agree with access; stop is destructive, start is not; both say it takes minutes', () => {
  for (const tool of catalog.tools) {
    assert.equal(tool.annotations.readOnlyHint, tool.access === 'read', tool.name)
    if (tool.access === 'write') {
      assert.equal(typeof tool.annotations.destructiveHint, 'boolean', tool.name)
      assert.equal(tool.annotations.idempotentHint, true, tool.name)
      assert.match(tool.description, /few minutes/, tool.name)
      assert.match(tool.description, /changes nothing/, tool.name)
    }
  }
  const byName = Object.fromEntries(catalog.tools.map((t) => [t.name, t]))
  assert.equal(byName.database_stop_autonomous_database.annotations.destructiveHint, true)
  assert.equal(byName.database_start_autonomous_database.annotations.destructiveHint, false)
  assert.deepEqual(
    catalog.tools.filter((t) => t.access === 'write').map((t) => t.name),
    ['database_start_autonomous_database', 'database_stop_autonomous_database'],
  )
  assert.match(
    byName.database_get_autonomous_database.description,
    /never the strings’ secrets, passwords or wallets/,
  )
})
