// database_list_autonomous_databases at the tenancy root: where to look when empty, and the whole subtree on request.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import * as seed from '../../infra/local/seed.ts'
import { useEmulator } from '../../test/support/emulator.ts'
import { allPages, errorCode, ok } from '../../test/support/results.ts'
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

describe('database_list_backups at the root', () => {
  const allBackups = seed.autonomousDatabases.length * 7 + 7

  test('empty at the root, with the sub-compartments to try', async () => {
    const r = await db().call('database_list_backups', {})
    const data = ok(r, specs.listBackups)
    assert.deepEqual(data.backups, [])
    assert.equal(data.compartment_id_in_subtree, false)
    const where = data.where_to_look as {
      sub_compartments: { id: string }[]
      compartment_id_in_subtree: boolean
    }
    assert.equal(where.compartment_id_in_subtree, true)
    assert.ok(where.sub_compartments.some((c) => c.id === seed.compartmentId('finance')))
    assert.match(r.content[0].text, /Where to look/)
  })

  test('compartment_id_in_subtree walks both families in every compartment with one cursor', async () => {
    const pages = await allPages(
      (cursor) => db().call('database_list_backups', { compartment_id_in_subtree: true, limit: 6, cursor }),
      specs.listBackups,
    )
    for (const page of pages) assert.equal(page.compartment_id_in_subtree, true)
    const rows = pages.flatMap((page) => page.backups as Row[])
    assert.equal(rows.length, allBackups)
    assert.equal(new Set(rows.map((r) => r.id)).size, allBackups)
    for (const r of rows) assert.ok(r.compartment_name, r.id)
  })

  test('kind narrows the subtree walk; a subtree with one database named is an input error', async () => {
    const only = ok(
      await db().call('database_list_backups', {
        compartment_id_in_subtree: true,
        kind: 'db_system',
        limit: 100,
      }),
      specs.listBackups,
    )
    assert.equal((only.backups as { kind: string }[]).filter((b) => b.kind === 'db_system').length, 7)
    assert.equal((only.backups as unknown[]).length, 7)
    const adb = seed.autonomousDatabases[0] as { slug: string }
    const adbs = ok(
      await db().call('database_list_autonomous_databases', { compartment_id_in_subtree: true }),
      specs.listAutonomousDatabases,
    )
    const adbId = (adbs.autonomous_databases as Row[])[0]?.id
    assert.ok(adbId, adb.slug)
    assert.equal(
      errorCode(
        await db().call('database_list_backups', {
          compartment_id_in_subtree: true,
          autonomous_database_id: adbId,
        }),
      ),
      'ERR_INPUT_INVALID',
    )
  })
})
