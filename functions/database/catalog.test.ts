// What only the database catalog promises: its tools, start and stop.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { catalog } from './catalog.ts'

test('the database tools, in order', () => {
  assert.deepEqual(
    catalog.tools.map((t) => t.name),
    [
      'database_list_autonomous_databases',
      'database_get_autonomous_database',
      'database_start_autonomous_database',
      'database_stop_autonomous_database',
      'database_list_db_systems',
      'database_list_backups',
    ],
  )
})

test('stop is destructive, start is not; both are idempotent and say they take minutes', () => {
  for (const tool of catalog.tools) {
    if (tool.access === 'write') {
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
