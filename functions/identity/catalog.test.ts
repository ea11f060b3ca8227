// What only the identity catalog promises: read-only tools, no token returned.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { catalog } from './catalog.ts'

test('every identity tool is read-only', () => {
  for (const tool of catalog.tools) assert.equal(tool.access, 'read', tool.name)
  assert.match(
    catalog.tools.find((t) => t.name === 'identity_whoami')?.description ?? '',
    /[Nn]ever returns a token/,
  )
})
