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

test('a PAR can grant write access to a whole bucket, so create_par is destructive and says why', () => {
  const par = catalog.tools.find((t) => t.name === 'objectstorage_create_par')
  assert.ok(par)
  assert.equal(par.annotations.destructiveHint, true)
  assert.equal(par.annotations.readOnlyHint, false)
  assert.match(par.description, /overwrite/i)
  // The access it can grant includes writing, which is what makes it destructive.
  assert.ok(par.input.safeParse({ bucket: 'b', prefix: '', access: 'ObjectReadWrite' }).success)
})
