// What only the objectstorage catalog promises: destructive writes, object templates.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { catalog } from './catalog.ts'

test('put and delete are destructive; a PAR is called a bearer credential', () => {
  const byName = Object.fromEntries(catalog.tools.map((t) => [t.name, t]))
  assert.equal(byName.objectstorage_put_object.annotations.destructiveHint, true)
  assert.equal(byName.objectstorage_delete_object.annotations.destructiveHint, true)
  assert.match(byName.objectstorage_create_par.description, /bearer credential/)
})

test('resource templates match their URIs, object names with slashes included', () => {
  const [objects, object] = catalog.resourceTemplates ?? []
  assert.deepEqual(objects.match('oci://buckets/app-logs/objects'), { bucket: 'app-logs' })
  assert.equal(objects.match('oci://buckets/app-logs/objects/a'), undefined)
  assert.deepEqual(object.match('oci://buckets/b/objects/env/prod.json'), {
    bucket: 'b',
    name: 'env/prod.json',
  })
  assert.deepEqual(object.match('oci://buckets/b/objects/a%20b%2Fc'), { bucket: 'b', name: 'a b/c' })
  assert.equal(object.match('oci://buckets/b/objects/%E0%A4%A'), undefined)
  assert.equal(object.match('oci://buckets/b/objects'), undefined)
})
