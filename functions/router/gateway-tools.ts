// The gateway's own tools: which external MCP servers stand behind this endpoint, and how they are doing.
import { z } from 'zod'
import { defineTool, responseFormat, type ToolSpec } from '../core/catalog.ts'
import { mdTable } from '../core/format.ts'
import { implement, type ToolContext } from '../core/tool-runner.ts'
import { backendScopes, backendVisible, backendWriteScopes } from './backends/access.ts'
import type { BackendState, Gateway } from './backends/gateway.ts'

const status = z.enum(['healthy', 'degraded', 'quarantined', 'unknown'])

export const gatewayHealth = defineTool({
  name: 'gateway_health',
  title: 'Gateway backend health',
  description:
    'Probes every external MCP server (backend) behind this endpoint that you may use, now, and reports each one’s state: healthy, degraded (recent failures), quarantined (its tools are withdrawn until a probe succeeds) or unknown. Use it when a backend tool fails or is missing.',
  input: z.object({
    backend: z.string().max(40).optional().describe('Only this backend (see gateway_list_backends).'),
    response_format: responseFormat,
  }),
  output: z.object({
    backends: z.array(
      z.object({
        name: z.string(),
        status,
        consecutive_failures: z.number().int(),
        tools: z.number().int(),
        last_ok_at: z.string().optional(),
        last_failure_at: z.string().optional(),
        last_error_code: z.string().optional(),
      }),
    ),
  }),
  access: 'read',
  annotations: { readOnlyHint: true, idempotentHint: false, openWorldHint: true },
})

export const gatewayListBackends = defineTool({
  name: 'gateway_list_backends',
  title: 'List gateway backends',
  description:
    'Lists the external MCP servers (backends) whose tools this endpoint serves beside its own, with their tags, how their tools are named (<backend>__<tool>), their state and tool names, and any declaration that was refused.',
  input: z.object({
    tag: z.string().max(32).optional().describe('Only backends with this tag.'),
    response_format: responseFormat,
  }),
  output: z.object({
    backends: z.array(
      z.object({
        name: z.string(),
        description: z.string().optional(),
        endpoint: z.string(),
        transport: z.string(),
        auth_method: z.string(),
        namespace_tools: z.boolean(),
        tags: z.array(z.string()),
        scopes: z.array(z.string()),
        write_scopes: z.array(z.string()),
        status,
        tools: z.array(z.string()),
      }),
    ),
    refused_declarations: z.array(
      z.object({ file: z.string(), field: z.string().optional(), code: z.string() }),
    ),
  }),
  access: 'read',
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
})

export const GATEWAY_TOOLS: ToolSpec[] = [gatewayHealth, gatewayListBackends]

const statusOf = (s: BackendState): z.infer<typeof status> =>
  s.quarantined
    ? 'quarantined'
    : s.failures > 0
      ? 'degraded'
      : s.lastOkAt !== undefined
        ? 'healthy'
        : 'unknown'

const iso = (t?: number) => (t === undefined ? undefined : new Date(t).toISOString())

/** Where a backend is, without anything a URL may carry besides it (credentials, a query). */
const endpointOf = (url: string) => {
  const u = new URL(url)
  return `${u.protocol}//${u.host}${u.pathname}`
}

export function gatewayImplementations(gateway: Gateway) {
  const mine = (ctx: ToolContext) =>
    gateway.declarations(ctx.env).backends.filter((b) => backendVisible(b, ctx.caller))
  // The tools the caller could list: a write tool is not named while mutations are off.
  const toolNames = (name: string, ctx: ToolContext) =>
    gateway
      .visible(ctx.caller, ctx.env)
      .filter((t) => t.backend.name === name)
      .map((t) => t.name)

  return [
    implement(gatewayHealth, async (input, ctx) => {
      const chosen = mine(ctx).filter((b) => !input.backend || b.name === input.backend)
      await Promise.all(chosen.map((b) => gateway.probe(b, ctx.env)))
      const backends = chosen.map((b) => {
        const s = gateway.state(b.name)
        return {
          name: b.name,
          status: statusOf(s),
          consecutive_failures: s.failures,
          tools: toolNames(b.name, ctx).length,
          last_ok_at: iso(s.lastOkAt),
          last_failure_at: iso(s.lastFailureAt),
          last_error_code: s.lastError?.code,
        }
      })
      const markdown = backends.length
        ? mdTable(backends, [
            ['name', 'Backend'],
            ['status', 'Status'],
            ['consecutive_failures', 'Failures'],
            ['tools', 'Tools'],
            ['last_error_code', 'Last error'],
          ])
        : 'No backend is configured that you may use.'
      return { data: { backends }, markdown }
    }),
    implement(gatewayListBackends, async (input, ctx) => {
      const backends = mine(ctx)
        .filter((b) => !input.tag || b.tags.includes(input.tag))
        .map((b) => ({
          name: b.name,
          description: b.description,
          endpoint: endpointOf(b.url),
          transport: b.transport,
          auth_method: b.auth_method.method,
          namespace_tools: b.namespace_tools,
          tags: b.tags,
          scopes: backendScopes(b),
          write_scopes: backendWriteScopes(b),
          status: statusOf(gateway.state(b.name)),
          tools: toolNames(b.name, ctx),
        }))
      const refused = gateway
        .declarations(ctx.env)
        .problems.map(({ file, field, code }) => ({ file, field, code }))
      const markdown = `${
        backends.length
          ? mdTable(
              backends.map((b) => ({ ...b, tags: b.tags.join(', '), tools: b.tools.length })),
              [
                ['name', 'Backend'],
                ['status', 'Status'],
                ['auth_method', 'Auth'],
                ['tags', 'Tags'],
                ['tools', 'Tools'],
              ],
            )
          : 'No backend is configured that you may use.'
      }${refused.length ? `\n\nRefused declarations: ${refused.map((r) => `${r.file} ${r.field ?? ''}`).join('; ')}` : ''}`
      return { data: { backends, refused_declarations: refused }, markdown }
    }),
  ]
}
