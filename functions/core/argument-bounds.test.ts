// Argument bounds: deep and wide values are refused with a code, without recursion, and ordinary ones pass.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { assertArgumentBounds, MAX_ARGUMENT_DEPTH, MAX_ARGUMENT_NODES } from './argument-bounds.ts'

const nested = (levels: number) => {
  let v: unknown = 'leaf'
  for (let i = 0; i < levels; i++) v = { a: v }
  return v
}

describe('assertArgumentBounds', () => {
  it('passes ordinary arguments, up to the depth bound', () => {
    assertArgumentBounds({ bucket: 'b', tags: { a: ['x', 1, null] } })
    assertArgumentBounds(nested(MAX_ARGUMENT_DEPTH))
  })

  it('refuses arguments nested past the bound, 100k levels included, without overflowing the stack', () => {
    assert.throws(() => assertArgumentBounds(nested(MAX_ARGUMENT_DEPTH + 1)), { code: 'ERR_INPUT_INVALID' })
    assert.throws(() => assertArgumentBounds({ extra: nested(100_000) }), { code: 'ERR_INPUT_INVALID' })
    const deepArray = JSON.parse(`${'['.repeat(10_000)}${']'.repeat(10_000)}`)
    assert.throws(() => assertArgumentBounds({ extra: deepArray }), { code: 'ERR_INPUT_INVALID' })
  })

  it('refuses more values than the bound', () => {
    assert.throws(() => assertArgumentBounds({ many: new Array(MAX_ARGUMENT_NODES).fill(0) }), {
      code: 'ERR_INPUT_INVALID',
    })
  })
})
