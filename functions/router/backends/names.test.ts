// Backend tool names: namespaced, deterministic, within the 64-character limit, distinct.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { MAX_TOOL_NAME, namespacedToolName } from './names.ts'

describe('namespacedToolName', () => {
  it('prefixes the backend and keeps a short valid name as it is', () => {
    assert.equal(namespacedToolName('everything', 'get-sum'), 'everything__get-sum')
    assert.equal(namespacedToolName('everything', 'echo', false), 'echo')
  })

  it('shortens a long name with a hash: same input, same name; different inputs, different names', () => {
    const long = `x${'a'.repeat(80)}`
    const a = namespacedToolName('backend', long)
    assert.ok(a.length <= MAX_TOOL_NAME)
    assert.match(a, /^backend__xaaaa[a-z_]*_[0-9a-f]{8}$/)
    assert.equal(namespacedToolName('backend', long), a)
    assert.notEqual(namespacedToolName('backend', `${long}b`), a)
  })

  it('replaces characters clients refuse, and hashes so that two such tools stay apart', () => {
    const dotted = namespacedToolName('b', 'files.read')
    const slashed = namespacedToolName('b', 'files/read')
    assert.match(dotted, /^b__files_read_[0-9a-f]{8}$/)
    assert.notEqual(dotted, slashed)
  })
})
