// An OpenAPI 3.1 document of the tools a caller may use: one POST /tools/<name> per tool, within ChatGPT Actions' limits.
import routes from '../../../infra/routes.json' with { type: 'json' }
import { globalScope } from '../../core/scopes.ts'
import type { FiledTool } from './catalog-view.ts'

/** ChatGPT Actions take at most 30 operations per document; ?group= or ?tags= pick which. */
export const MAX_OPERATIONS = 30
/** ChatGPT Actions cut operation descriptions at 300 characters. */
const MAX_DESCRIPTION = 300
const MAX_SUMMARY = 120

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`)

/** JSON Schema 2020-12 is OpenAPI 3.1's dialect; only the per-document `$schema` is dropped. */
function schemaOf(schema: unknown): Record<string, unknown> {
  if (!schema || typeof schema !== 'object') return { type: 'object' }
  const { $schema: _dropped, ...rest } = schema as Record<string, unknown>
  return rest
}

const PROBLEM = {
  type: 'object',
  description: 'RFC 9457 problem details, with the project’s error code.',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', description: 'ERR_… code; see the README.' },
    hint: { type: 'string' },
    instance: { type: 'string', description: 'The call id, for the audit log.' },
  },
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
})

export interface OpenApiOptions {
  /** The gateway's public origin, e.g. https://xyz.apigateway.eu-frankfurt-1.oci.customer-oci.com */
  baseUrl: string
  tools: FiledTool[]
  /** Every tool, however many (exceeds ChatGPT Actions' limit when there are more than 30). */
  all?: boolean
}

export function openApiDocument({ baseUrl, tools, all }: OpenApiOptions): Record<string, unknown> {
  const kept = all ? tools : tools.slice(0, MAX_OPERATIONS)
  const left = tools.length - kept.length
  const groups = [...new Set(tools.map((t) => t.group))]
  const scopes = {
    [globalScope('read')]: 'Use read tools',
    [globalScope('write')]: 'Use every tool, including ones that change resources',
  }
  const paths: Record<string, unknown> = {}
  for (const { tool, group, tags } of kept) {
    const description = clip(tool.description, MAX_DESCRIPTION)
    paths[`/tools/${tool.name}`] = {
      post: {
        operationId: tool.name,
        summary: clip(tool.title || tool.name, MAX_SUMMARY),
        description,
        tags: [group, ...tags.filter((t) => t !== group)],
        ...(tool.annotations?.readOnlyHint === false || tool.annotations?.destructiveHint
          ? { 'x-openai-isConsequential': true }
          : { 'x-openai-isConsequential': false }),
        requestBody: {
          required: true,
          content: { 'application/json': { schema: schemaOf(tool.inputSchema) } },
        },
        responses: {
          '200': {
            description: 'The tool’s structured result.',
            content: { 'application/json': { schema: schemaOf(tool.outputSchema) } },
          },
          '400': problemResponse('The arguments do not match the input schema.'),
          '401': problemResponse('No valid access token.'),
          '403': problemResponse('The token lacks a scope the tool needs, or changes are disabled.'),
          default: problemResponse('The tool failed; `code` says why and `hint` what to do.'),
        },
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'OCI MCP Functions tools',
      version: '0.1.0',
      description: clip(
        `Oracle Cloud Infrastructure tools (and the external MCP servers behind this gateway) as REST operations: POST a tool's arguments as JSON, receive its structured result; errors are RFC 9457 problem details.${
          left > 0
            ? ` This document lists ${kept.length} of ${tools.length} operations (ChatGPT Actions take at most ${MAX_OPERATIONS}); choose with ?group=<name> or ?tags=<tag> (groups: ${groups.join(', ')}), or ?all=true for every one.`
            : ''
        }`,
        MAX_DESCRIPTION * 3,
      ),
    },
    servers: [{ url: baseUrl }],
    security: [{ oauth2: Object.keys(scopes) }],
    paths,
    components: {
      schemas: { Problem: PROBLEM },
      securitySchemes: {
        // The OAuth facade (functions/oauth) at the gateway's own URL: its routes are in infra/routes.json.
        oauth2: {
          type: 'oauth2',
          flows: {
            authorizationCode: {
              authorizationUrl: `${baseUrl}${facadePath('/oauth/authorize')}`,
              tokenUrl: `${baseUrl}${facadePath('/oauth/token')}`,
              refreshUrl: `${baseUrl}${facadePath('/oauth/token')}`,
              scopes,
            },
          },
        },
      },
    },
    ...(left > 0 ? { 'x-omitted-operations': left } : {}),
  }
}

/** The facade's route ending so, read from the route specification so a moved route cannot go stale here. */
function facadePath(ending: string): string {
  const facade = routes.authorizationServer?.function
  return routes.routes.find((r) => r.function === facade && r.path.endsWith(ending))?.path ?? ending
}
