// compute_list_instances at the tenancy root: an empty root names its sub-compartments, and
// compartment_id_in_subtree walks them all, paged across compartments.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import * as seed from '../../infra/local/seed.ts'
import { useEmulator } from '../../test/support/emulator.ts'
import { allPages, ok } from '../../test/support/results.ts'
import * as specs from './catalog.ts'
import { implementation } from './implementation.ts'

const { tools: compute } = useEmulator(implementation)
type Row = Record<string, unknown>
const everyInstance = seed.instances.length + seed.generatedDevInstances

describe('compute_list_instances at the root', () => {
  test('an empty root listing says which sub-compartments to try, in markdown and structured', async () => {
    const r = await compute().call('compute_list_instances', {})
    const data = ok(r, specs.listInstances)
    assert.deepEqual(data.instances, [])
    const where = data.where_to_look as {
      sub_compartments: { id: string }[]
      compartment_id_in_subtree: boolean
    }
    assert.equal(where.compartment_id_in_subtree, true)
    const topLevel = seed.compartments.filter((c) => c.parentId === seed.TENANCY_ID).map((c) => c.id)
    assert.deepEqual(where.sub_compartments.map((c) => c.id).sort(), topLevel.sort())
    assert.match(r.content[0].text, /compartment_id_in_subtree/)
  })

  test('a non-empty listing has no where_to_look', async () => {
    const data = ok(
      await compute().call('compute_list_instances', { compartment_id: seed.compartmentId('platformprod') }),
      specs.listInstances,
    )
    assert.equal(data.where_to_look, undefined)
  })

  test('compartment_id_in_subtree lists every instance once, each with its compartment, across pages', async () => {
    const pages = await allPages(
      (cursor) =>
        compute().call('compute_list_instances', { compartment_id_in_subtree: true, limit: 7, cursor }),
      specs.listInstances,
    )
    const rows = pages.flatMap((page) => page.instances as Row[])
    assert.equal(rows.length, everyInstance)
    assert.equal(new Set(rows.map((r) => r.id)).size, rows.length)
    for (const i of seed.instances) {
      assert.equal(rows.find((r) => r.id === i.id)?.compartment_id, i.compartmentId, i.displayName)
    }
  })

  test('from a compartment, the subtree is that branch only', async () => {
    const data = ok(
      await compute().call('compute_list_instances', {
        compartment_id: seed.compartmentId('platform'),
        compartment_id_in_subtree: true,
        limit: 1000,
      }),
      specs.listInstances,
    )
    const branch = new Set(['platform', 'platformprod', 'platformdev'].map(seed.compartmentId))
    const expected =
      seed.instances.filter((i) => branch.has(i.compartmentId)).length + seed.generatedDevInstances
    assert.equal((data.instances as Row[]).length, expected)
  })
})
