// `npm run export-tools -- --format openai|gemini [--group g] [--out file]`: the catalogs' tools as function
// declarations for clients that call functions, not MCP (OpenAI `tools`, Gemini `functionDeclarations`).
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { toolDescriptor } from '../functions/core/descriptors.ts'
import { DISCOVERY_TOOLS } from '../functions/router/discovery.ts'
import { GROUP_CATALOGS } from '../functions/router/groups.ts'

/** Gemini takes an OpenAPI 3.0 subset of JSON Schema for `parameters`: other keywords are dropped. */
const GEMINI_KEYS = new Set([
  'type',
  'format',
  'title',
  'description',
  'nullable',
  'enum',
  'maxItems',
  'minItems',
  'properties',
  'required',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'example',
  'anyOf',
  'propertyOrdering',
  'default',
  'items',
  'minimum',
  'maximum',
])

export function geminiSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(geminiSchema)
  if (!schema || typeof schema !== 'object') return schema
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
    if (!GEMINI_KEYS.has(key)) continue
    if (key === 'properties')
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, geminiSchema(v)]),
      )
    else if (key === 'items' || key === 'anyOf') out[key] = geminiSchema(value)
    // A numeric `type` list (["string","null"]) is JSON Schema, not OpenAPI 3.0: keep the first, mark nullable.
    else if (key === 'type' && Array.isArray(value)) {
      out.type = value.find((t) => t !== 'null')
      if (value.includes('null')) out.nullable = true
    } else out[key] = value
  }
  return out
}

/** OpenAI and Gemini both refuse names over 64 characters or outside [A-Za-z0-9_-]; ours already fit. */
const MAX_DESCRIPTION = 1024
const clip = (s: string) => (s.length <= MAX_DESCRIPTION ? s : `${s.slice(0, MAX_DESCRIPTION - 1)}…`)

export function exportTools(format: 'openai' | 'gemini', groups: string[] = []) {
  const specs = [
    ...(groups.length === 0 || groups.includes('router') ? DISCOVERY_TOOLS : []),
    ...GROUP_CATALOGS.filter((c) => groups.length === 0 || groups.includes(c.group)).flatMap((c) => c.tools),
  ].map(toolDescriptor)
  if (format === 'openai')
    return specs.map((d) => ({
      type: 'function',
      function: { name: d.name, description: clip(d.description), parameters: d.inputSchema },
    }))
  return {
    functionDeclarations: specs.map((d) => ({
      name: d.name,
      description: clip(d.description),
      parameters: geminiSchema(d.inputSchema),
    })),
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      format: { type: 'string' },
      group: { type: 'string', multiple: true },
      out: { type: 'string' },
    },
  })
  if (values.format !== 'openai' && values.format !== 'gemini') {
    console.error('usage: npm run export-tools -- --format openai|gemini [--group <group>]… [--out <file>]')
    process.exit(2)
  }
  const text = `${JSON.stringify(exportTools(values.format, values.group ?? []), null, 2)}\n`
  if (values.out) writeFileSync(values.out, text)
  else process.stdout.write(text)
}
