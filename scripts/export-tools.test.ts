// The function-declaration exports: OpenAI `tools` and Gemini `functionDeclarations` from the same catalogs.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { exportTools, geminiSchema } from './export-tools.ts'

const NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/

describe('export-tools', () => {
  it('writes OpenAI tools of type function with JSON Schema parameters', () => {
    const tools = exportTools('openai') as unknown as {
      type: string
      function: { name: string; parameters: { type: string } }
    }[]
    assert.ok(tools.length > 50)
    for (const t of tools) {
      assert.equal(t.type, 'function')
      assert.match(t.function.name, NAME)
      assert.equal(t.function.parameters.type, 'object')
    }
    assert.ok(tools.some((t) => t.function.name === 'compute_list_instances'))
  })

  it('writes Gemini functionDeclarations with only the schema keywords Gemini takes, one group when asked', () => {
    const { functionDeclarations } = exportTools('gemini', ['objectstorage']) as {
      functionDeclarations: { name: string; parameters: unknown }[]
    }
    assert.ok(functionDeclarations.every((d) => d.name.startsWith('objectstorage_')))
    const text = JSON.stringify(functionDeclarations)
    assert.ok(!text.includes('"additionalProperties"') && !text.includes('"$schema"'))
    assert.deepEqual(
      geminiSchema({
        type: ['string', 'null'],
        additionalProperties: false,
        properties: { a: { const: 1, type: 'integer' } },
      }),
      { type: 'string', nullable: true, properties: { a: { type: 'integer' } } },
    )
  })
})
