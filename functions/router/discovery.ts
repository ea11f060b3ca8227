// Progressive disclosure: tools to find tools, so an agent with a small context can start from three.
import { z } from 'zod'
import { defineTool, type GroupCatalog, responseFormat, type ToolSpec } from '../core/catalog.ts'
import { McpFunctionsError } from '../core/errors.ts'
import { mdTable } from '../core/format.ts'
import { implement } from '../core/tool-runner.ts'
import type { Gateway } from './backends/gateway.ts'
import { findable, score, words } from './discovery-entries.ts'

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
      .describe('Only tools of this domain (see list_domains), e.g. compute, or a backend’s name.'),
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
    'Lists the domains this server has tools for — OCI service groups, and each external MCP server (backend) behind it — with how many tools each offers you.',
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
      // Backend tools keep their servers' characters (everything__get-sum), within what clients accept.
      .regex(/^[A-Za-z0-9_-]{1,80}$/, 'a tool name such as compute_list_instances')
      .describe('The tool’s name.'),
    response_format: responseFormat,
  }),
  output: z.object({
    name: z.string(),
    domain: z.string(),
    title: z.string(),
    description: z.string(),
    input_schema: z.record(z.string(), z.unknown()),
    output_schema: z.record(z.string(), z.unknown()).optional(),
    annotations: z.record(z.string(), z.unknown()),
  }),
  access: 'read',
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
})

export const DISCOVERY_TOOLS: ToolSpec[] = [searchTools, listDomains, getToolSchema]

export function discoveryImplementations(catalogs: readonly GroupCatalog[], gateway?: Gateway) {
  return [
    implement(searchTools, async (input, ctx) => {
      const q = words(input.query)
      const { tools } = await findable(catalogs, gateway, ctx)
      const matches = tools
        .filter((t) => !input.domain || t.domain === input.domain)
        .map((t) => ({ ...t, score: score(t.d, q) }))
        .filter((t) => t.score > 0)
        .sort((a, b) => b.score - a.score || a.d.name.localeCompare(b.d.name))
        .slice(0, input.limit)
        .map(({ d, domain, access, score: s }) => ({
          name: d.name,
          domain,
          score: s,
          ...(input.detail_level !== 'name' ? { title: d.title, description: d.description, access } : {}),
          ...(input.detail_level === 'full' ? { input_schema: d.inputSchema } : {}),
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
      const { tools, domains: all } = await findable(catalogs, gateway, ctx)
      const domains = all
        .map((c) => {
          const own = tools.filter((t) => t.domain === c.name)
          return {
            name: c.name,
            title: c.title,
            description: c.description,
            tools: own.length,
            example_tools: own.slice(0, 3).map((t) => t.d.name),
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
      const found = (await findable(catalogs, gateway, ctx)).tools.find((t) => t.d.name === input.name)
      if (!found) {
        throw new McpFunctionsError('ERR_TOOL_UNKNOWN', `No tool named ${input.name} is available to you`, {
          hint: 'Use search_tools to find the right name; some tools need a write scope or a deployment with mutations enabled.',
        })
      }
      const { d } = found
      const data = {
        name: d.name,
        domain: found.domain,
        title: d.title,
        description: d.description,
        input_schema: d.inputSchema,
        ...(d.outputSchema ? { output_schema: d.outputSchema } : {}),
        annotations: { ...d.annotations } as Record<string, unknown>,
      }
      const markdown = `## ${d.name} (${found.domain})\n\n${d.description}\n\nInput schema:\n\n\`\`\`json\n${JSON.stringify(d.inputSchema, null, 2)}\n\`\`\``
      return { data, markdown }
    }),
  ]
}
