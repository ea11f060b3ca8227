// What only the network catalog promises: read-only tools, input edge cases.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { catalog } from './catalog.ts'

test('every network tool is read-only and idempotent', () => {
  for (const tool of catalog.tools) {
    assert.equal(tool.access, 'read', tool.name)
    assert.equal(tool.annotations.idempotentHint, true, tool.name)
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
