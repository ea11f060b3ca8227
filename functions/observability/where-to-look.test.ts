// observability_list_alarms and observability_list_metrics: an empty listing of a compartment that has
// sub-compartments names them, and offers OCI's own subtree option only where OCI takes it (the tenancy).
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import * as seed from '../../infra/local/seed.ts'
import { useEmulator } from '../../test/support/emulator.ts'
import { ok } from '../../test/support/results.ts'
import * as specs from './catalog.ts'
import { implementation } from './implementation.ts'

const { tools: obs } = useEmulator(implementation)
type Where = { sub_compartments: { id: string }[]; compartment_id_in_subtree: boolean } | undefined
const topLevel = seed.compartments.filter((c) => c.parentId === seed.TENANCY_ID).map((c) => c.id)

describe('where to look when a listing is empty', () => {
  test('alarms at the root: none there, the top-level compartments named, the subtree option offered', async () => {
    const r = await obs().call('observability_list_alarms', {})
    const data = ok(r, specs.listAlarms)
    assert.deepEqual(data.alarms, [])
    const where = data.where_to_look as Where
    assert.equal(where?.compartment_id_in_subtree, true)
    assert.deepEqual(where?.sub_compartments.map((c) => c.id).sort(), topLevel.sort())
    assert.match(r.content[0].text, /Where to look/)
  })

  test('alarms below the root: the children named, the subtree option not offered (OCI takes it at the root only)', async () => {
    const data = ok(
      await obs().call('observability_list_alarms', { compartment_id: seed.compartmentId('platform') }),
      specs.listAlarms,
    )
    assert.deepEqual(data.alarms, [])
    const where = data.where_to_look as Where
    assert.equal(where?.compartment_id_in_subtree, false)
    assert.ok(where?.sub_compartments.some((c) => c.id === seed.compartmentId('platformprod')))
  })

  test('alarms found, or the subtree asked for: no where_to_look', async () => {
    const all = ok(
      await obs().call('observability_list_alarms', { compartment_id_in_subtree: true }),
      specs.listAlarms,
    )
    assert.ok((all.alarms as unknown[]).length > 0)
    assert.equal(all.where_to_look, undefined)
  })

  test('metrics at the root: none there, the top-level compartments named', async () => {
    const r = await obs().call('observability_list_metrics', { namespace: 'oci_computeagent' })
    const data = ok(r, specs.listMetrics)
    assert.deepEqual(data.metrics, [])
    const where = data.where_to_look as Where
    assert.equal(where?.compartment_id_in_subtree, true)
    assert.deepEqual(where?.sub_compartments.map((c) => c.id).sort(), topLevel.sort())
    const found = ok(
      await obs().call('observability_list_metrics', {
        namespace: 'oci_computeagent',
        compartment_id_in_subtree: true,
      }),
      specs.listMetrics,
    )
    assert.ok((found.metrics as unknown[]).length > 0)
    assert.equal(found.where_to_look, undefined)
  })
})
