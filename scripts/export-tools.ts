// `npm run export-tools -- --format openai|gemini [--group g] [--backends dir] [--out file]`: the catalogs' tools
// (and, from a folder of backend declarations, the backends' tools) as function declarations for clients that call
// functions, not MCP (OpenAI `tools`, Gemini `functionDeclarations`).
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { toolDescriptor } from '../functions/core/descriptors.ts'
import { ownToolNames } from '../functions/router/app.ts'
import { Gateway } from '../functions/router/backends/gateway.ts'
import { loadBackends } from '../functions/router/backends/load.ts'
import { DISCOVERY_TOOLS } from '../functions/router/discovery.ts'
import { GROUP_CATALOGS } from '../functions/router/groups.ts'

/** What an export needs of a tool, ours or a backend's. */
export interface ExportedTool {
  /** Our group, `router`, or the backend's name (what --group selects). */
  group: string
  name: string
  description: string
  inputSchema: Record<string, unknown>
}

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

/**
 * Every tool of the backends declared in `dir` (*.json, as MCP_BACKENDS_DIR), listed now with their own
 * credentials and named as the router names them. A refused declaration or a backend that cannot be listed is a
 * problem: an export that silently lacks tools would be worse than none.
 */
export async function backendTools(
  dir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ tools: ExportedTool[]; problems: string[] }> {
  const loaded = loadBackends({ ...env, MCP_BACKENDS_DIR: dir }, {})
  const gateway = new Gateway({ load: () => loaded }, ownToolNames(GROUP_CATALOGS))
  await gateway.probeAll(env)
  const problems = loaded.problems.map((p) => p.message)
  for (const b of loaded.backends) {
    const s = gateway.state(b.name)
    if (s.lastError) problems.push(`${b.name}: ${s.lastError.code} ${s.lastError.message}`)
    for (const name of s.conflicts) problems.push(`${b.name}: tool ${name} left out, its name is taken`)
  }
  const tools = gateway.all().map((t) => {
    const d = gateway.descriptor(t) as { description: string; inputSchema: Record<string, unknown> }
    return { group: t.backend.name, name: t.name, description: d.description, inputSchema: d.inputSchema }
  })
  return { tools, problems }
}

export function exportTools(
  format: 'openai' | 'gemini',
  groups: string[] = [],
  backends: readonly ExportedTool[] = [],
) {
  const chosen = (group: string) => groups.length === 0 || groups.includes(group)
  const specs: ExportedTool[] = [
    ...(chosen('router') ? DISCOVERY_TOOLS.map((t) => ({ group: 'router', ...toolDescriptor(t) })) : []),
    ...GROUP_CATALOGS.filter((c) => chosen(c.group)).flatMap((c) =>
      c.tools.map((t) => ({ group: c.group, ...toolDescriptor(t) })),
    ),
    ...backends.filter((t) => chosen(t.group)),
  ]
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
      backends: { type: 'string' },
      out: { type: 'string' },
    },
  })
  if (values.format !== 'openai' && values.format !== 'gemini') {
    console.error(
      'usage: npm run export-tools -- --format openai|gemini [--group <group or backend>]… [--backends <dir>] [--out <file>]',
    )
    process.exit(2)
  }
  const fromBackends = values.backends ? await backendTools(values.backends) : { tools: [], problems: [] }
  if (fromBackends.problems.length) {
    for (const p of fromBackends.problems) console.error(`export-tools: ${p}`)
    process.exit(1)
  }
  const text = `${JSON.stringify(exportTools(values.format, values.group ?? [], fromBackends.tools), null, 2)}\n`
  if (values.out) writeFileSync(values.out, text)
  else process.stdout.write(text)
}
