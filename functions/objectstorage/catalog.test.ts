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

test('a confirmation names what a destructive call changes: the tool’s target from its arguments', () => {
  const change = (spec: (typeof catalog.tools)[number], args: Record<string, unknown>) =>
    spec.describeChange?.(spec.input.parse(args)) ?? ''
  const byName = Object.fromEntries(catalog.tools.map((t) => [t.name, t]))
  for (const t of catalog.tools)
    assert.equal(Boolean(t.describeChange), t.annotations.destructiveHint === true, t.name)
  const del = change(byName.objectstorage_delete_object, { bucket: 'app-logs', name: 'env/prod.json' })
  assert.match(del, /^deletes object "env\/prod\.json" from bucket "app-logs"/)
  const put = change(byName.objectstorage_put_object, { bucket: 'b', name: 'x.txt', content: 'hi' })
  assert.match(put, /object "x\.txt" in bucket "b", replacing it/)
  const bucketWide = change(byName.objectstorage_create_par, {
    bucket: 'b',
    prefix: '',
    access: 'ObjectWrite',
  })
  assert.match(bucketWide, /ObjectWrite URL, valid 60 minutes, for every object in bucket "b"/)
})
