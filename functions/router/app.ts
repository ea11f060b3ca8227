// The aggregated MCP endpoint: one catalog for every group; tools/call and resources/read go to the owning group.
import { assertGroupReadable, checkToolCall, groupReadable, toolVisible } from '../core/access.ts'
import { assertArgumentBounds } from '../core/argument-bounds.ts'
import { audit } from '../core/audit.ts'
import type { GroupCatalog, ToolSpec } from '../core/catalog.ts'
import { CLAIM_HEADERS } from '../core/claims.ts'
import { setting } from '../core/config.ts'
import { type ToolDescriptor, templateDescriptor, toolDescriptor } from '../core/descriptors.ts'
import { AuthError, isMcpFunctionsError, McpFunctionsError } from '../core/errors.ts'
import { toolContext } from '../core/group-app.ts'
import type { HttpReply } from '../core/http.ts'
import type { InvokeEnvelope } from '../core/invoke-envelope.ts'
import { JsonRpcError, type JsonRpcResponse } from '../core/jsonrpc.ts'
import type { McpApp, RequestContext } from '../core/protocol.ts'
import { runTool } from '../core/tool-runner.ts'
import { callBackend } from './backend-calls.ts'
import { Gateway } from './backends/gateway.ts'
import { loadBackends } from './backends/load.ts'
import { DISCOVERY_TOOLS, discoveryImplementations } from './discovery.ts'
import { GATEWAY_TOOLS, gatewayImplementations } from './gateway-tools.ts'
import type { Invoker } from './invoker.ts'

const FORWARDED_HEADERS = [
  'authorization',
  'mcp-protocol-version',
  ...Object.values(CLAIM_HEADERS).map((h) => h.toLowerCase()),
]

/** A header value as SEP-2243 writes it: plain when it is visible ASCII, else the Base64 sentinel. */
const mcpNameHeader = (value: string) =>
  /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(value)
    ? value
    : `=?base64?${Buffer.from(value, 'utf8').toString('base64')}?=`

/** Turns a group's HTTP reply back into what the router's own caller should see. */
function unwrap(reply: HttpReply): unknown {
  if (reply.status === 401 || reply.status === 403) {
    const challenge = reply.headers['WWW-Authenticate'] ?? reply.headers['www-authenticate'] ?? ''
    const scope = /scope="([^"]*)"/.exec(challenge)?.[1]
    if (reply.status === 403) throw new AuthError('ERR_AUTH_INSUFFICIENT_SCOPE', 'Insufficient scope', scope)
    throw new AuthError('ERR_AUTH_INVALID_TOKEN', 'The group function did not accept the token')
  }
  const message = JSON.parse(reply.body) as JsonRpcResponse
  if (message.error) throw new JsonRpcError(message.error.code, message.error.message, message.error.data)
  return message.result
}

/** The names the router's own catalog holds, which no backend tool may take. */
export const ownToolNames = (catalogs: readonly GroupCatalog[]) =>
  new Set([...DISCOVERY_TOOLS, ...GATEWAY_TOOLS, ...catalogs.flatMap((c) => c.tools)].map((t) => t.name))

export function routerApp(
  catalogs: readonly GroupCatalog[],
  invoke: Invoker,
  gateway = new Gateway({ load: loadBackends }, ownToolNames(catalogs)),
): McpApp {
  const owner = new Map<string, { group: string; spec: ToolSpec }>()
  for (const c of catalogs) for (const spec of c.tools) owner.set(spec.name, { group: c.group, spec })
  // Discovery and gateway tools run here: they read catalogs and the gateway's state only.
  const discovery = new Map(
    [...discoveryImplementations(catalogs, gateway), ...gatewayImplementations(gateway)].map((t) => [
      t.spec.name,
      t,
    ]),
  )

  async function forward(
    group: string,
    method: string,
    params: Record<string, unknown>,
    ctx: RequestContext,
  ) {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    for (const name of FORWARDED_HEADERS) {
      const value = ctx.headers.get(name)
      if (value) headers[name] = value
    }
    const body: Record<string, unknown> = { ...params }
    if (ctx.protocol?.modern) {
      // A 2026 request stays one at the group: its envelope and the headers that mirror the body go along.
      body._meta = ctx.protocol.meta
      headers['mcp-method'] = method
      const name = params.name ?? params.uri
      if (typeof name === 'string') headers['mcp-name'] = mcpNameHeader(name)
    }
    const envelope: InvokeEnvelope = {
      ociMcpInvoke: 1,
      method: 'POST',
      url: `/mcp/${group}`,
      headers,
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: body }),
      callId: ctx.callId,
    }
    return unwrap(await invoke(group, envelope, ctx.deadline))
  }

  return {
    serverInfo: { name: 'oci-mcp-functions', title: 'OCI MCP Functions', version: '0.1.0' },
    instructions:
      'Tools for Oracle Cloud Infrastructure, grouped by service (<group>_<verb>_<noun>). Lists are paged: pass next_cursor back as cursor. Every call runs with your own OCI permissions and is audited.',
    listTools: (ctx) => {
      const found = DISCOVERY_TOOLS.map(toolDescriptor)
      if (setting('MCP_TOOLS_MODE', ctx.env) === 'discovery') return found
      const configured = gateway.configured(ctx.env)
      return [
        ...found,
        ...(configured ? GATEWAY_TOOLS.map(toolDescriptor) : []),
        ...catalogs.flatMap((c) =>
          c.tools.filter((t) => toolVisible(t, c.group, ctx.caller, ctx.env)).map(toolDescriptor),
        ),
        // From the cache the HTTP layer refreshed before this request (router/http.ts): never waits on a backend.
        ...(configured ? (gateway.visibleTools(ctx.caller, ctx.env) as unknown as ToolDescriptor[]) : []),
      ]
    },
    async callTool(name, args, ctx) {
      const local = discovery.get(name)
      if (local) return runTool(local, args, toolContext(ctx, 'router'))
      const entry = owner.get(name)
      if (!entry) {
        let backendTool = gateway.find(name)
        if (!backendTool && gateway.configured(ctx.env)) {
          await gateway.refresh(ctx.env)
          backendTool = gateway.find(name)
        }
        if (backendTool) return callBackend(gateway, backendTool, args, ctx)
        throw new McpFunctionsError('ERR_TOOL_UNKNOWN', `Unknown tool: ${name}`)
      }
      // The group audits what it runs; the router audits what never reaches it.
      const refused = (error: unknown) => {
        audit({
          callId: ctx.callId,
          function: 'router',
          tool: name,
          trigger: 'mcp',
          principal: { sub: ctx.caller.claims.sub, client_id: ctx.caller.claims.client_id },
          args,
          outcome: 'tool_error',
          errorCode: isMcpFunctionsError(error) ? error.code : 'ERR_INTERNAL',
          durationMs: 0,
          opcRequestIds: [],
        })
        return error
      }
      try {
        assertArgumentBounds(args)
      } catch (error) {
        throw refused(error)
      }
      checkToolCall(entry.spec, entry.group, args, ctx, 'router')
      try {
        // A confirming round's answers and state go along: the group that runs the tool asked and checks them.
        const params = { name, arguments: args, ...ctx.retry }
        return (await forward(entry.group, 'tools/call', params, ctx)) as Awaited<
          ReturnType<McpApp['callTool']>
        >
      } catch (error) {
        // A group that answered (an auth challenge, a JSON-RPC error) has audited the call itself.
        if (isMcpFunctionsError(error) && error.code === 'ERR_INVOKE_FAILED') refused(error)
        throw error
      }
    },
    listResources: (ctx) =>
      catalogs.filter((c) => groupReadable(c.group, ctx.caller)).flatMap((c) => c.resources ?? []),
    listResourceTemplates: (ctx) =>
      catalogs
        .filter((c) => groupReadable(c.group, ctx.caller))
        .flatMap((c) => (c.resourceTemplates ?? []).map(templateDescriptor)),
    async readResource(uri, ctx) {
      const c = catalogs.find(
        (g) => g.resources?.some((r) => r.uri === uri) || g.resourceTemplates?.some((t) => t.match(uri)),
      )
      if (!c) throw new McpFunctionsError('ERR_RESOURCE_UNKNOWN', `Resource not found: ${uri}`)
      assertGroupReadable(c.group, ctx.caller)
      return (await forward(c.group, 'resources/read', { uri }, ctx)) as Awaited<
        ReturnType<McpApp['readResource']>
      >
    },
    listPrompts: () => catalogs.flatMap((c) => c.prompts ?? []),
  }
}
