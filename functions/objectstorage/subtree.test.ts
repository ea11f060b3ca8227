// objectstorage_list_buckets at the tenancy root: an empty root names its sub-compartments, and
// compartment_id_in_subtree walks them all, each bucket naming its compartment.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import * as seed from '../../infra/local/seed.ts'
import { useEmulator } from '../../test/support/emulator.ts'
import { allPages, errorCode, ok } from '../../test/support/results.ts'
import * as specs from './catalog.ts'
import { implementation } from './implementation.ts'

const { tools: os } = useEmulator(implementation)
type Row = { name: string; compartment_id: string; compartment_name?: string }

describe('objectstorage_list_buckets at the root', () => {
  test('an empty root listing says which sub-compartments to try, in markdown and structured', async () => {
    const r = await os().call('objectstorage_list_buckets', {})
    const data = ok(r, specs.listBuckets)
    assert.deepEqual(data.buckets, [])
    assert.equal(data.compartment_id_in_subtree, false)
    const where = data.where_to_look as {
      sub_compartments: { id: string }[]
      compartment_id_in_subtree: boolean
    }
    assert.equal(where.compartment_id_in_subtree, true)
    const topLevel = seed.compartments.filter((c) => c.parentId === seed.TENANCY_ID).map((c) => c.id)
    assert.deepEqual(where.sub_compartments.map((c) => c.id).sort(), topLevel.sort())
    assert.match(r.content[0].text, /Where to look/)
  })

  test('a compartment with buckets has no where_to_look', async () => {
    const data = ok(
      await os().call('objectstorage_list_buckets', { compartment_id: seed.compartmentId('sandbox') }),
      specs.listBuckets,
    )
    assert.equal(data.where_to_look, undefined)
  })

  test('compartment_id_in_subtree lists every seeded bucket once, with its compartment, across pages', async () => {
    const pages = await allPages(
      (cursor) =>
        os().call('objectstorage_list_buckets', { compartment_id_in_subtree: true, limit: 2, cursor }),
      specs.listBuckets,
    )
    for (const page of pages) assert.equal(page.compartment_id_in_subtree, true)
    const rows = pages.flatMap((page) => page.buckets as Row[])
    assert.deepEqual(rows.map((r) => r.name).sort(), seed.buckets.map((b) => b.name).sort())
    for (const b of seed.buckets) {
      const row = rows.find((r) => r.name === b.name)
      assert.equal(row?.compartment_id, b.compartmentId, b.name)
      assert.ok(row?.compartment_name, b.name)
    }
  })

  test('from a compartment, the subtree is that branch only', async () => {
    const data = ok(
      await os().call('objectstorage_list_buckets', {
        compartment_id: seed.compartmentId('platform'),
        compartment_id_in_subtree: true,
      }),
      specs.listBuckets,
    )
    assert.deepEqual((data.buckets as Row[]).map((b) => b.name).sort(), ['app-logs', 'platform-config'])
  })

  test('a cursor from another listing is refused with its code', async () => {
    assert.equal(
      errorCode(
        await os().call('objectstorage_list_buckets', { compartment_id_in_subtree: true, cursor: 'x' }),
      ),
      'ERR_INPUT_CURSOR',
    )
  })
})
