// database_list_autonomous_databases at the tenancy root: where to look when empty, and the whole subtree on request.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import * as seed from '../../infra/local/seed.ts'
import { useEmulator } from '../../test/support/emulator.ts'
import { ok } from '../../test/support/results.ts'
import * as specs from './catalog.ts'
import { implementation } from './implementation.ts'

const { tools: db } = useEmulator(implementation)
type Row = { id: string; compartment_id: string; compartment_name?: string }

describe('database_list_autonomous_databases at the root', () => {
  test('empty at the root, with the sub-compartments to try', async () => {
    const data = ok(await db().call('database_list_autonomous_databases', {}), specs.listAutonomousDatabases)
    assert.deepEqual(data.autonomous_databases, [])
    const where = data.where_to_look as { sub_compartments: { id: string }[] }
    assert.ok(where.sub_compartments.some((c) => c.id === seed.compartmentId('platform')))
  })

  test('compartment_id_in_subtree lists every seeded database with its compartment', async () => {
    const data = ok(
      await db().call('database_list_autonomous_databases', { compartment_id_in_subtree: true }),
      specs.listAutonomousDatabases,
    )
    const rows = data.autonomous_databases as Row[]
    assert.equal(rows.length, seed.autonomousDatabases.length)
    for (const r of rows) assert.ok(r.compartment_name, r.id)
  })
})
