// What only the security catalog promises: read-only tools, the review prompt.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { catalog } from './catalog.ts'

test('the security tools are read-only; the prompt forbids changes', () => {
  assert.ok(catalog.tools.every((t) => t.access === 'read'))
  const [guide] = catalog.prompts ?? []
  assert.equal(guide.name, 'security_review_guide')
  assert.match(guide.render({}), /never change/i)
  assert.match(guide.render({ compartment: 'ocid1.compartment.oc1..x' }), /ocid1\.compartment\.oc1\.\.x/)
})
