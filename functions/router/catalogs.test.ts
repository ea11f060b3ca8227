// What every catalog the router serves must keep, its own discovery tools included: names, described inputs,
// output schemas, annotations that agree with access, prompts that render, templates that match their URIs.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { z } from 'zod'
import type { GroupCatalog, ToolSpec } from '../core/catalog.ts'
import { DISCOVERY_TOOLS } from './discovery.ts'
import { GROUP_CATALOGS } from './groups.ts'

/** `identity_whoami` is the one name without a noun: it is the phrase everyone already knows. */
const NAME_EXCEPTIONS = new Set(['identity_whoami'])
/** Tools answered from the caller's token or the catalogs themselves: they reach no OCI API. */
const CLOSED_WORLD = new Set([
  'identity_whoami',
  'identity_get_token_claims',
  ...DISCOVERY_TOOLS.map((t) => t.name),
])
/** Read-only listings that leave idempotentHint unset: MCP gives it meaning only for tools that write. */
const IDEMPOTENCE_UNSTATED = new Set(['objectstorage_list_buckets', 'objectstorage_list_objects'])

/** Property paths in a JSON Schema that have no description, nested objects included. */
function undescribed(schema: Record<string, unknown>, path = ''): string[] {
  const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>
  return Object.entries(props).flatMap(([key, prop]) => [
    ...(typeof prop.description === 'string' && prop.description.length > 0 ? [] : [`${path}${key}`]),
    ...(prop.type === 'object' ? undescribed(prop, `${path}${key}.`) : []),
  ])
}

function checkTool(tool: ToolSpec) {
  assert.ok(tool.title && tool.description.length > 40, `${tool.name} needs a title and a real description`)
  const input = z.toJSONSchema(tool.input, { io: 'input' }) as Record<string, unknown>
  assert.deepEqual(undescribed(input), [], `${tool.name} has undescribed input fields`)
  assert.ok('response_format' in (input.properties as object), `${tool.name} lacks response_format`)
  assert.ok(tool.output instanceof z.ZodObject, `${tool.name} lacks an output schema`)
  z.toJSONSchema(tool.output, { io: 'output' })
}

function checkAnnotations(tool: ToolSpec) {
  const { annotations: a, name } = tool
  assert.equal(a.readOnlyHint, tool.access === 'read', name)
  assert.equal(a.openWorldHint, !CLOSED_WORLD.has(name), `${name} openWorldHint`)
  if (!IDEMPOTENCE_UNSTATED.has(name))
    assert.equal(typeof a.idempotentHint, 'boolean', `${name} idempotentHint`)
  if (tool.access === 'write') assert.equal(typeof a.destructiveHint, 'boolean', `${name} destructiveHint`)
}

describe('router discovery tools', () => {
  it('are named <verb>_<noun>, without a group', () => {
    for (const { name } of DISCOVERY_TOOLS) assert.match(name, /^[a-z]+_[a-z]+(?:_[a-z]+)*$/)
  })
  it('describe every input field and have an output schema and response_format', () => {
    for (const tool of DISCOVERY_TOOLS) checkTool(tool)
  })
  it('are annotated as local reads', () => {
    for (const tool of DISCOVERY_TOOLS) {
      assert.equal(tool.access, 'read', tool.name)
      checkAnnotations(tool)
    }
  })
})

for (const catalog of GROUP_CATALOGS) {
  const { group } = catalog
  describe(`${group} catalog`, () => {
    it(`lives in functions/${group}/catalog.ts and describes itself`, async () => {
      const own = (await import(`../${group}/catalog.ts`)) as { catalog: GroupCatalog }
      assert.equal(own.catalog, catalog)
      assert.ok(catalog.title.length > 0 && catalog.description.length > 40)
      assert.ok(catalog.tools.length > 0)
    })

    it('names its tools <group>_<verb>_<noun>, each once', () => {
      const names = catalog.tools.map((t) => t.name)
      assert.equal(new Set(names).size, names.length)
      for (const name of names) {
        assert.match(name, new RegExp(`^${group}_`))
        if (!NAME_EXCEPTIONS.has(name)) assert.match(name, new RegExp(`^${group}_[a-z]+_[a-z]+(?:_[a-z]+)*$`))
      }
    })

    it('describes every input field; every tool has an output schema and response_format', () => {
      for (const tool of catalog.tools) checkTool(tool)
    })

    it('annotates every tool in agreement with its access', () => {
      for (const tool of catalog.tools) checkAnnotations(tool)
    })

    it('has prompts with arguments that render text naming its tools', () => {
      for (const prompt of catalog.prompts ?? []) {
        assert.match(prompt.name, new RegExp(`^${group}_[a-z]+(?:_[a-z]+)*$`))
        assert.ok(prompt.title.length > 0, prompt.name)
        assert.ok(prompt.description.length > 20, prompt.name)
        const argNames = prompt.arguments.map((a) => a.name)
        assert.equal(new Set(argNames).size, argNames.length, `${prompt.name} repeats an argument`)
        for (const arg of prompt.arguments) {
          assert.match(arg.name, /^[a-z][a-z_]*$/, prompt.name)
          assert.ok(arg.description.length > 0, `${prompt.name}.${arg.name} is undescribed`)
        }
        const text = prompt.render({})
        assert.equal(typeof text, 'string')
        const named = catalog.tools.filter((t) => text.includes(t.name)).map((t) => t.name)
        assert.ok(
          named.length >= Math.min(3, catalog.tools.length),
          `${prompt.name} names too few tools: ${named}`,
        )
        const filled = prompt.render(Object.fromEntries(argNames.map((n) => [n, `example ${n}`])))
        assert.ok(filled.trim().length > 0, `${prompt.name} renders nothing`)
      }
    })

    it('has resource templates that match URIs made from them', () => {
      for (const template of catalog.resourceTemplates ?? []) {
        assert.ok(template.name && template.description && template.mimeType, template.uriTemplate)
        const vars = [...template.uriTemplate.matchAll(/\{([a-z_]+)\}/gi)].map((m) => m[1])
        assert.ok(vars.length > 0, `${template.uriTemplate} has no variable`)
        const values = Object.fromEntries(vars.map((v) => [v, `example ${v}`]))
        const uri = vars.reduce(
          (u, v) => u.replace(`{${v}}`, encodeURIComponent(values[v])),
          template.uriTemplate,
        )
        assert.deepEqual(template.match(uri), values, uri)
        assert.equal(template.match(uri.replace(/^[a-z]+:/, 'other:')), undefined, 'another scheme')
      }
    })
  })
}

describe('all catalogs together', () => {
  it('name every tool and prompt once, across groups and the router', () => {
    const tools = [...DISCOVERY_TOOLS, ...GROUP_CATALOGS.flatMap((c) => c.tools)].map((t) => t.name)
    assert.deepEqual(
      tools.filter((n, i) => tools.indexOf(n) !== i),
      [],
    )
    const prompts = GROUP_CATALOGS.flatMap((c) => (c.prompts ?? []).map((p) => p.name))
    assert.deepEqual(
      prompts.filter((n, i) => prompts.indexOf(n) !== i),
      [],
    )
    assert.deepEqual(
      prompts.filter((n) => tools.includes(n)),
      [],
    )
  })
})
