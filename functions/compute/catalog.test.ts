// What only the compute catalog promises: its tools, the power action, input edge cases.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { catalog } from './catalog.ts'

test('the power action is the one write, destructive and non-idempotent; the tools in order', () => {
  const byName = Object.fromEntries(catalog.tools.map((t) => [t.name, t]))
  const action = byName.compute_instance_action
  assert.equal(action.access, 'write')
  assert.equal(action.annotations.destructiveHint, true)
  assert.equal(action.annotations.idempotentHint, false)
  assert.deepEqual(
    catalog.tools.filter((t) => t.access === 'write').map((t) => t.name),
    ['compute_instance_action'],
  )
  assert.deepEqual(
    catalog.tools.map((t) => t.name),
    [
      'compute_list_instances',
      'compute_get_instance',
      'compute_instance_action',
      'compute_get_instance_metrics',
      'compute_list_shapes',
      'compute_list_images',
    ],
  )
})

test('input schemas refuse malformed OCIDs, actions, durations and times', () => {
  const byName = Object.fromEntries(catalog.tools.map((t) => [t.name, t]))
  const id = 'ocid1.instance.oc1.iad.anuwcljrexample'
  assert.equal(byName.compute_get_instance.input.safeParse({ instance_id: id }).success, true)
  assert.equal(byName.compute_get_instance.input.safeParse({ instance_id: 'i-123' }).success, false)
  assert.equal(
    byName.compute_get_instance.input.safeParse({ instance_id: 'ocid1.vcn.oc1.iad.abc' }).success,
    false,
  )
  assert.equal(
    byName.compute_instance_action.input.safeParse({ instance_id: id, action: 'TERMINATE' }).success,
    false,
  )
  const metrics = byName.compute_get_instance_metrics.input
  assert.equal(metrics.safeParse({ instance_id: id, last: '24h' }).success, true)
  assert.equal(metrics.safeParse({ instance_id: id, last: '1w' }).success, false)
  assert.equal(metrics.safeParse({ instance_id: id, start: '2026-01-01' }).success, false)
  assert.equal(metrics.safeParse({ instance_id: id, metrics: ['disk'] }).success, false)
  assert.equal(metrics.safeParse({ instance_id: id, metrics: [] }).success, false)
})
