// Progressive disclosure: tools to find tools, so an agent with a small context can start from three.
import { z } from 'zod'
import { toolVisible } from '../core/access.ts'
import { defineTool, type GroupCatalog, responseFormat, type ToolSpec } from '../core/catalog.ts'
import { toolDescriptor } from '../core/descriptors.ts'
import { McpFunctionsError } from '../core/errors.ts'
import { mdTable } from '../core/format.ts'
import { implement, type ToolContext } from '../core/tool-runner.ts'

const detail = z
  .enum(['name', 'summary', 'full'])
  .default('summary')
  .describe('name: names only; summary: name, title, description, access; full: also the input schema.')

export const searchTools = defineTool({
  name: 'search_tools',
  title: 'Search tools',
  description:
    'Finds tools by keywords over their names, descriptions and parameters (e.g. "instance metrics", "bucket upload", "cost spike"). Start here when you do not know which tool fits; then call get_tool_schema for the one you choose.',
  input: z.object({
    query: z.string().min(1).max(200).describe('Keywords; every word is matched, best matches first.'),
    domain: z
      .string()
      .max(40)
      .optional()
      .describe('Only tools of this domain (see list_domains), e.g. compute.'),
    detail_level: detail,
    limit: z.number().int().min(1).max(50).default(10).describe('Most tools to return (1–50).'),
    response_format: responseFormat,
  }),
  output: z.object({
    query: z.string(),
    matches: z.array(
      z.object({
        name: z.string(),
        domain: z.string(),
        score: z.number(),
        title: z.string().optional(),
        description: z.string().optional(),
        access: z.enum(['read', 'write']).optional(),
        input_schema: z.record(z.string(), z.unknown()).optional(),
      }),
    ),
  }),
  access: 'read',
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
})

export const listDomains = defineTool({
  name: 'list_domains',
  title: 'List tool domains',
  description:
    'Lists the domains (OCI service groups) this server has tools for, with how many tools each offers you.',
  input: z.object({ response_format: responseFormat }),
  output: z.object({
    domains: z.array(
      z.object({
        name: z.string(),
        title: z.string(),
        description: z.string(),
        tools: z.number().int(),
        example_tools: z.array(z.string()),
      }),
    ),
  }),
  access: 'read',
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
})

export const getToolSchema = defineTool({
  name: 'get_tool_schema',
  title: 'Get a tool’s schema',
  description:
    'Returns one tool’s full definition — input schema, output schema, annotations — so you can call it correctly.',
  input: z.object({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9_]{1,80}$/, 'a tool name such as compute_list_instances')
      .describe('The tool’s name.'),
    response_format: responseFormat,
  }),
  output: z.object({
    name: z.string(),
    domain: z.string(),
    title: z.string(),
    description: z.string(),
    input_schema: z.record(z.string(), z.unknown()),
    output_schema: z.record(z.string(), z.unknown()),
    annotations: z.record(z.string(), z.unknown()),
  }),
  access: 'read',
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
})

export const DISCOVERY_TOOLS: ToolSpec[] = [searchTools, listDomains, getToolSchema]

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1)

/** Text a tool is found by, weighted: its name counts most, then title, description, then parameters. */
function haystack(spec: ToolSpec): [string[], number][] {
  const params = Object.entries(spec.input.shape).flatMap(([k, v]) => [k, (v as z.ZodType).description ?? ''])
  return [
    [words(spec.name.replace(/_/g, ' ')), 5],
    [words(spec.title), 3],
    [words(spec.description), 1],
    [words(params.join(' ')), 0.5],
  ]
}

function score(spec: ToolSpec, query: string[]): number {
  const fields = haystack(spec)
  let total = 0
  for (const q of query) {
    let best = 0
    for (const [ws, weight] of fields) {
      if (ws.includes(q)) best = Math.max(best, weight)
      else if (ws.some((w) => w.startsWith(q) || (q.length > 3 && w.startsWith(q.slice(0, -1)))))
        best = Math.max(best, weight * 0.6)
    }
    if (best === 0) return 0
    total += best
  }
  return Math.round(total * 100) / 100
}

export function discoveryImplementations(catalogs: readonly GroupCatalog[]) {
  const visible = (ctx: ToolContext) =>
    catalogs.flatMap((c) =>
      c.tools
        .filter((t) => toolVisible(t, c.group, ctx.caller, ctx.env))
        .map((t) => ({ spec: t, group: c.group })),
    )

  return [
    implement(searchTools, async (input, ctx) => {
      const q = words(input.query)
      const matches = visible(ctx)
        .filter((t) => !input.domain || t.group === input.domain)
        .map((t) => ({ ...t, score: score(t.spec, q) }))
        .filter((t) => t.score > 0)
        .sort((a, b) => b.score - a.score || a.spec.name.localeCompare(b.spec.name))
        .slice(0, input.limit)
        .map(({ spec, group, score: s }) => ({
          name: spec.name,
          domain: group,
          score: s,
          ...(input.detail_level !== 'name'
            ? { title: spec.title, description: spec.description, access: spec.access }
            : {}),
          ...(input.detail_level === 'full' ? { input_schema: toolDescriptor(spec).inputSchema } : {}),
        }))
      const markdown = matches.length
        ? `Tools matching “${input.query}”:\n\n${mdTable(matches, [
            ['name', 'Tool'],
            ['domain', 'Domain'],
            ['title', 'What'],
            ['access', 'Access'],
          ])}\n\nCall get_tool_schema with a name for its parameters.`
        : `No tool matches “${input.query}”. Try other words, or list_domains to browse.`
      return { data: { query: input.query, matches }, markdown }
    }),
    implement(listDomains, async (_input, ctx) => {
      const tools = visible(ctx)
      const domains = catalogs
        .map((c) => {
          const own = tools.filter((t) => t.group === c.group)
          return {
            name: c.group,
            title: c.title,
            description: c.description,
            tools: own.length,
            example_tools: own.slice(0, 3).map((t) => t.spec.name),
          }
        })
        .filter((d) => d.tools > 0)
      const markdown = `${mdTable(domains, [
        ['name', 'Domain'],
        ['title', 'Title'],
        ['tools', 'Tools'],
        ['description', 'About'],
      ])}\n\nsearch_tools with a domain narrows to one.`
      return { data: { domains }, markdown }
    }),
    implement(getToolSchema, async (input, ctx) => {
      const found = visible(ctx).find((t) => t.spec.name === input.name)
      if (!found) {
        throw new McpFunctionsError('ERR_TOOL_UNKNOWN', `No tool named ${input.name} is available to you`, {
          hint: 'Use search_tools to find the right name; some tools need a write scope or a deployment with mutations enabled.',
        })
      }
      const d = toolDescriptor(found.spec)
      const data = {
        name: d.name,
        domain: found.group,
        title: d.title,
        description: d.description,
        input_schema: d.inputSchema,
        output_schema: d.outputSchema,
        annotations: { ...d.annotations } as Record<string, unknown>,
      }
      const markdown = `## ${d.name} (${found.group})\n\n${d.description}\n\nInput schema:\n\n\`\`\`json\n${JSON.stringify(d.inputSchema, null, 2)}\n\`\`\``
      return { data, markdown }
    }),
  ]
}
